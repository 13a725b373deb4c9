//! # The forgotten lock
//!
//! Five threads move money between six accounts, 49,995 transfers in all, and check the total
//! after each one. The transfers take the lock; the check does not. The check catches money in
//! flight, taken out of one account and not yet put into the other, yet not one coin is lost.
//!
//! ## What to look for
//! `the unlocked check saw a wrong total in N of 49995 checks`: N changes from run to run, and
//! the bug is caught in practically every run, though no run is guaranteed to catch it. Real
//! parallel threads can show it with no pause at all; the pauses (`lab::pause`, standing in for
//! the time Python's check takes) make it show many times more often and more surely (the
//! book's Performance page, `book/src/reference/performance.md`, has the figures). The gap
//! can pass 100, the largest amount: a check reads the six balances one after another and can
//! straddle several transfers. The final total is still 44500: every transfer was whole, only
//! the check looked at a half-done one. In Rust this bug has to be built on purpose: the lock is
//! a `Mutex<()>` beside atomic balances, so nothing ties the two together. That is exactly the
//! Python design, where any code may touch `account.balance`.
//!
//! ## Python original
//! The bank whose transfers take the lock while its balance check forgot it.
//! The thread-safety chapter of Talk Python Training's "Async Techniques and Examples in Python"
//! (<https://training.talkpython.fm/courses/details/async-in-python-with-threading-and-multiprocessing>)
//! fixes its bank's transfers with a lock and then shows that the check of the total was
//! overlooked. Its demo code is in <https://github.com/talkpython/async-techniques-python-course>:
//! `src/06-thread-safety/safe_bank.py` as it was before the commit "Fixed a missed lock in safe
//! bank global-style" (b9a7c04), whose `validate_bank` adds up the balances without the lock.
//! There the GIL hid it: ordinary runs printed no error. Here both cores run at once, and it
//! shows.
//!
//! Side by side: the same bank, the same forgotten lock, the same 49,995 checks. The Rust threads
//! run on both cores at once, and the chapter's pauses in the transfer and in the check make a
//! check overlap a transfer dozens to thousands of times a run; the GIL runs one Python thread at a
//! time and changes hands mostly where a thread waits for the transfer lock, so a check rarely runs
//! while money is in flight (no wrong total in most runs). `--switch-interval 1e-6` calls
//! `sys.setswitchinterval(1e-6)`, which forces hand-offs in the middle of checks: dozens of wrong
//! totals a run on CPython 3.11 and newer, a few on 3.9.
//!
//! ## If it differs
//! - `Bank: bug caught: no, every check happened to agree` came: no check saw money in flight:
//!   the check took the lock after all, or (rarely, and most likely on a machine busy with other
//!   work) every check happened to run while no transfer was half done.
//! - `Bank: final total 44500[..]` is missing: money was created or lost: two transfers changed
//!   one balance at once, each reading it before the other wrote (chapter 4's lost update): the
//!   transfers no longer take the lock.
//!
//! ## Try this
//! - In `Bank::total` (`chapters/ch08_forgotten_lock/src/lib.rs`), take `self.lock` before adding
//!   up: every check now agrees, and `cargo xtask run ch08` says the bug was not caught. Chapter 9
//!   makes that lock impossible to forget.
//! - In `Bank::transfer`, remove the `let _guard = ...` line: now transfers overwrite each
//!   other's updates, and the final total drifts away from 44500, up or down.
//! - Run with `-- --seed 7`: other transfers, the same lesson.
#![forbid(unsafe_code)]

use ch08_forgotten_lock::Bank;
use lab::{BALANCES, Workload, run};
use log::info;

fn main() {
    let lesson = common::Flags::new()
        .opt("seed", "N", "seed of the random transfers (default 0)")
        .start();
    let work = Workload::original(lesson.value("seed", 0));
    let bank = Bank::new(&BALANCES);
    let total: i64 = BALANCES.iter().sum();

    info!(
        "Bank: {} accounts, {total} in all; {} threads make {} transfers each (seed {})",
        BALANCES.len(),
        work.threads,
        work.transfers,
        work.seed
    );
    info!("Bank: the transfers take the lock; the check of the total after each does not");
    let report = run(&bank, &work);
    info!(
        "Bank: transfers complete ({:.2} sec)",
        report.elapsed.as_secs_f64()
    );

    info!(
        "Bank: the unlocked check saw a wrong total in {} of {} checks, off by up to {}",
        report.wrong, report.checks, report.largest_gap
    );
    info!(
        "Bank: bug caught: {}",
        if report.wrong > 0 {
            "yes, a check without the lock saw money in flight"
        } else {
            "no, every check happened to agree"
        }
    );
    info!(
        "Bank: final total {}: {}",
        report.final_total,
        if report.final_total == total {
            "the transfers, made under the lock, lost nothing"
        } else {
            "money was lost or made: the transfers did not keep the lock"
        }
    );
}
