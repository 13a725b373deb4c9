//! # A lock per account
//!
//! Chapter 9's bank with a lock per account instead of one for the whole bank. A transfer holds the
//! locks of its two accounts, and a check holds all six.
//!
//! First the transfers take their two locks as they come, `from` then `to`. Two opposite transfers
//! can each get their first lock, and then wait for ever for the second. A watchdog sees that no
//! transfer finishes for two seconds and calls the run stuck. Then it looks for a cycle of waits,
//! and a cycle is a deadlock. It leaves those threads blocked.
//!
//! Then every lock is taken in one global order, by account index, and all 49,995 transfers finish.
//! Last comes the same work on chapter 9's single lock, for the time.
//!
//! ## What to look for
//! At 00:00:02 the watchdog reports the run stuck, and the cycle. Each thread in it waits for an
//! account the next one holds. The number of transfers made before that changes from run to run
//! (from a handful to a few hundred here, fewest on a busy machine). All five threads end up
//! blocked, because every check needs every lock. With the order by index, the same work finishes
//! with no wrong total.
//!
//! Then come the two times. On 2 cores the lock per account gains nothing you can count on over the
//! single lock. The ratio lands either side of 1 from run to run (the book's Performance page has
//! the figures, and `cargo bench -p bench` measures more carefully).
//!
//! ## Why finer locks gain nothing here
//! Each iteration is a transfer and a check, and the check holds all six locks through five pauses.
//! Most of the work is the check, which shuts everyone out just as the one coarse lock does. Two
//! transfers can overlap only between checks, and an iteration now takes eight locks instead of
//! two. Finer locks pay when each lock is held for a long time, the threads mostly need different
//! locks, and there are cores to run them side by side. A bank that audits itself after every
//! transfer is not such a case.
//!
//! ## In the code
//! The cycle comes from the course's own bookkeeping, the deadlock watch (`lab/src/lock.rs`), as in
//! chapter 7. Each account's lock notes who holds it and who waits for it. std has no deadlock
//! detection; parking_lot's `deadlock_detection` feature does this job for parking_lot's locks.
//! Only the unordered run is watched, and the timed runs use the bare locks.
//!
//! ## Python original
//! The bank with a lock per account (`safe_bank_fine_grained.py`).
//! The bank demo of Talk Python Training's "Async Techniques and Examples in Python"
//! (<https://training.talkpython.fm/courses/details/async-in-python-with-threading-and-multiprocessing>),
//! `src/06-thread-safety/safe_bank_fine_grained.py` in
//! <https://github.com/talkpython/async-techniques-python-course>, orders the two locks of a
//! transfer by memory address (`id(account)`). Its check first took every lock in list order, which
//! disagreed with the transfers' order and deadlocked. The commit "Fix deadlock in
//! safe_bank_fine_grained.py" (d70a9fe) sorts the check's locks by `id` too.
//!
//! Rust can order by address too. While any thread holds or waits on an account's lock, the `Vec`
//! of accounts is borrowed and cannot move, and within one `Vec` address order is index order. The
//! index is used here because it says the same thing more plainly.
//!
//! Side by side: the same deadlock, formed within a few transfers and found the same way, and the
//! same fix, one global order. The times are each side's own, since the Rust threads run on two
//! cores and the Python threads one at a time under the GIL.
//!
//! Under the GIL a lock per account can at most let another thread transfer while one waits in
//! `time.sleep(0)`. The Python ratio came out 0.69 to 1.18 in five runs here, nothing clear either
//! way. The Python twin times 5 threads of 2,000 transfers, the Rust chapter 49,995.
//!
//! ## If it differs
//! - `Unordered: all [..] transfers finished: no deadlock this time` came: the unordered transfers
//!   never waited on each other in a circle. It was a rare, lucky run, or the locks were taken in
//!   order after all.
//! - `Unordered: deadlock: [..]` is missing: the run got stuck, but the watch found no cycle of
//!   waits. A thread is blocked on something the watch does not see.
//! - `Ordered: stuck[..]` came: the ordered run stopped making progress. Some lock is taken out of
//!   order: a transfer's, or the check's, which must lock from index 0 up.
//!
//! ## Try this
//! - In `Bank::total` (`chapters/ch10_fine_grained/src/lib.rs`), take the locks from the last
//!   account down (`.iter().rev()`). Now the check disagrees with the ordered transfers, and the
//!   ordered run gets stuck.
//! - Run `cargo bench -p bench` to compare the three banks at 1, 2 and 4 threads.
#![forbid(unsafe_code)]

use common::sync::Arc;
use std::time::Duration;

use ch10_fine_grained::{Bank, Order};
use lab::{BALANCES, OneLockBank, Outcome, Watch, Workload, run, run_watched};
use log::info;

/// How long the watchdog waits for a transfer to finish before it calls the run stuck.
const PATIENCE: Duration = Duration::from_secs(2);

fn main() {
    let lesson = common::Flags::new()
        .opt("seed", "N", "seed of the random transfers (default 0)")
        .start();
    let work = Workload::original(lesson.value("seed", 0));
    let total: i64 = BALANCES.iter().sum();
    info!(
        "Bank: {} accounts with a lock each, {total} in all; {} threads make {} transfers each (seed {})",
        BALANCES.len(),
        work.threads,
        work.transfers,
        work.seed
    );

    info!("Unordered: a transfer locks its from account, then its to account");
    let watch = Watch::new();
    let unordered = Arc::new(Bank::watched(&BALANCES, Order::AsTheyCome, &watch));
    let mut left_blocked = 0;
    match run_watched(&unordered, &work, Some(&watch), PATIENCE) {
        Outcome::Finished(r) => info!(
            "Unordered: all {} transfers finished: no deadlock this time",
            r.checks
        ),
        Outcome::Stuck(stuck) => {
            info!(
                "Unordered: stuck: no transfer finished for {} s, after {} of {} transfers",
                PATIENCE.as_secs(),
                stuck.done,
                work.checks()
            );
            match &stuck.cycle {
                Some(cycle) => info!(
                    "Unordered: deadlock: a cycle of waits: {}",
                    (0..cycle.len())
                        .map(|i| format!(
                            "{} waits for {}, held by {}",
                            cycle[i].thread,
                            cycle[i].waits_for,
                            cycle[(i + 1) % cycle.len()].thread
                        ))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                None => info!("Unordered: no cycle of waits among the account locks"),
            }
            info!(
                "Unordered: {} of {} threads blocked in lock(); main leaves them there",
                stuck.waiting, work.threads
            );
            left_blocked = stuck.unfinished;
        }
    }

    info!("Ordered: every transfer locks the lower account index first, the check from 0 up");
    let ordered = Arc::new(Bank::new(&BALANCES, Order::ByIndex));
    let Outcome::Finished(fine) = run_watched(&ordered, &work, None, PATIENCE) else {
        info!(
            "Ordered: stuck: no transfer finished for {} s",
            PATIENCE.as_secs()
        );
        return;
    };
    info!(
        "Ordered: all {} transfers finished in {:.2} sec; wrong totals: {}; final total {}",
        fine.checks,
        fine.elapsed.as_secs_f64(),
        fine.wrong,
        fine.final_total
    );

    // The same work on chapter 9's design: one lock for all six accounts.
    let coarse = run(&OneLockBank::new(&BALANCES), &work);
    info!(
        "Coarse: the same work with one lock for the bank (chapter 9) in {:.2} sec; wrong totals: {}",
        coarse.elapsed.as_secs_f64(),
        coarse.wrong
    );
    info!(
        "Compare: a lock per account took {:.2} times the time of one lock",
        fine.elapsed.as_secs_f64() / coarse.elapsed.as_secs_f64()
    );
    info!("Main: main returns, and the {left_blocked} blocked threads end with it");
}
