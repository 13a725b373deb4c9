//! # The forgotten lock
//!
//! Five threads move money between six accounts, 49,995 transfers in all, and check the total after
//! each one. The transfers take the lock, but the check does not. So the check catches money in
//! flight, taken out of one account and not yet put into the other. Yet not one coin is lost.
//!
//! In Rust this bug has to be built on purpose. The lock is a `Mutex<()>`, a lock that guards no
//! data, and it sits beside the balances. The balances are atomic integers (`AtomicI64`, like
//! chapter 4's `AtomicU64`), so any code may read them without the lock. That is the Python design,
//! where any code may touch `account.balance`.
//!
//! ## What to look for
//! `the unlocked check saw a wrong total in N of 49995 checks`, where N changes from run to run.
//! The bug is caught in practically every run, though no run is guaranteed to catch it. The final
//! total is still 44500. Every transfer was whole, and only the check looked at a half-done one.
//!
//! The `off by up to` figure can pass 100, the largest amount, because a check reads the six
//! balances one after another and can straddle several transfers. Real parallel threads can show
//! the bug with no pause at all. The pauses (`lab::pause`, standing in for the time Python's check
//! takes) make it show many times more often, and more surely. The book's Performance page
//! (`book/src/reference/performance.md`) has the figures.
//!
//! ## Python original
//! The bank whose transfers take the lock while its balance check forgot it.
//! The thread-safety chapter of Talk Python Training's "Async Techniques and Examples in Python"
//! (<https://training.talkpython.fm/courses/details/async-in-python-with-threading-and-multiprocessing>)
//! fixes its bank's transfers with a lock. Then it shows that the check of the total was
//! overlooked. Its demo code is in <https://github.com/talkpython/async-techniques-python-course>,
//! `src/06-thread-safety/safe_bank.py` as it was before the commit "Fixed a missed lock in safe
//! bank global-style" (b9a7c04). There `validate_bank` adds up the balances without the lock. The
//! GIL hid the bug, and ordinary runs printed no error. Here both cores run at once, and it shows.
//!
//! Side by side: the same bank and the same forgotten lock, but on both cores at once, and with the
//! chapter's pauses, a Rust check overlaps a transfer dozens to thousands of times a run. The GIL
//! runs one Python thread at a time and mostly changes hands where a thread waits for the transfer
//! lock, so a Python check rarely runs while money is in flight, and most runs see no wrong total.
//!
//! `--switch-interval 1e-6` calls `sys.setswitchinterval(1e-6)`, which forces hand-offs in the
//! middle of checks. Then the Python twin sees dozens of wrong totals a run on CPython 3.11 and
//! newer, and a few on 3.9.
//!
//! ## If it differs
//! - `Bank: bug caught: no, every check happened to agree` came: no check saw money in flight. The
//!   check took the lock after all, or every check happened to run while no transfer was half done
//!   (rarely, and most likely on a machine busy with other work).
//! - `Bank: final total 44500[..]` is missing: money was created or lost. Two transfers changed one
//!   balance at once, each reading it before the other wrote (chapter 4's lost update), so the
//!   transfers no longer take the lock.
//!
//! ## Try this
//! - In `Bank::total` (`chapters/ch08_forgotten_lock/src/lib.rs`), take `self.lock` before adding
//!   up. Every check now agrees, and `cargo xtask run ch08` says the bug was not caught. Chapter 9
//!   makes that lock impossible to forget.
//! - In `Bank::transfer`, remove the `let _guard = ...` line. Now transfers overwrite each other's
//!   updates, and the final total drifts away from 44500, up or down.
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
