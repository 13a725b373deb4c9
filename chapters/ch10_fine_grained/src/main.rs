//! # A lock per account
//!
//! Chapter 9's bank with a lock per account instead of one for the whole bank. A transfer holds
//! the locks of its two accounts, a check holds all six. First the transfers take their two
//! locks as they come, `from` then `to`: two opposite transfers each get their first lock and
//! wait for ever for the second. A watchdog sees that nothing finishes for two seconds, reads the
//! cycle of waits, and leaves those threads blocked. Then every lock is taken in one global order,
//! by account index, and all 49,995 transfers finish, as fast as with chapter 9's single lock.
//!
//! ## What to look for
//! At 00:00:02 the watchdog reports the deadlock, formed after a few thousand transfers, and the
//! cycle: each thread in it waits for an account the next one holds. All five threads end up
//! blocked: every check needs every lock. With the order by index the same work finishes with no
//! wrong total. Then the two times: on 2 cores the lock per account gains nothing; it is a few
//! percent slower (`cargo bench`, without the pauses: four to five times slower with one thread,
//! about even with two, on a 2-core machine). Each iteration is a transfer and a check, and the
//! check holds all six locks through five pauses: most of the work is the check, which shuts
//! everyone out exactly as the one coarse lock does. Two transfers can overlap only between checks,
//! and an iteration now takes eight locks instead of two. Finer locks pay when the critical
//! sections are long, mostly disjoint, and there are cores to run them side by side: not for a bank
//! that audits itself after every transfer.
//!
//! ## Python original
//! The bank with a lock per account (`safe_bank_fine_grained.py`).
//! The original ordered the two locks of a transfer by memory address (`id(account)`); one of its
//! versions took the locks in the check in list order instead, which disagreed with the
//! transfers', and deadlocked almost every run. Rust has no address order worth trusting here
//! (a `Vec` may move): the account index is the order.
//!
//! ## If it differs
//! - `Unordered: all [..] transfers finished: no deadlock this time` came: the unordered
//!   transfers never waited on each other in a circle (a rare, lucky run, or locks taken in
//!   order after all).
//! - `Ordered: stuck[..]` came: the ordered run stopped making progress: some lock is taken
//!   out of order (a transfer, or the check, which must lock from index 0 up).
//!
//! ## Try this
//! - In `Bank::total_as` (src/lib.rs), take the locks from the last account down: now the check
//!   disagrees with the ordered transfers, as in the original, and the ordered run gets stuck.
//! - Run `cargo bench -p ch10_fine_grained` to compare the three banks at 1, 2 and 4 threads.
#![forbid(unsafe_code)]

use std::sync::Arc;
use std::time::Duration;

use ch10_fine_grained::{BALANCES, Bank, Order, Outcome, Workload, run};
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
    let mut left_blocked = 0;
    match run(
        &Arc::new(Bank::new(&BALANCES)),
        &work,
        Order::AsTheyCome,
        PATIENCE,
    ) {
        Outcome::Finished(r) => info!(
            "Unordered: all {} transfers finished: no deadlock this time",
            r.checks
        ),
        Outcome::Stuck {
            done,
            waiting,
            cycle,
        } => {
            info!(
                "Unordered: deadlock detected: nothing finished for {} s, after {done} of {} transfers",
                PATIENCE.as_secs(),
                work.checks()
            );
            match cycle {
                Some(c) => info!(
                    "Unordered: the cycle: {}",
                    c.iter()
                        .map(|(t, a, h)| format!(
                            "thread {t} waits for account {a}, held by thread {h}"
                        ))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                None => info!("Unordered: no cycle of waits found"),
            }
            info!(
                "Unordered: {waiting} of {} threads blocked in lock(); main leaves them there",
                work.threads
            );
            left_blocked = waiting;
        }
    }

    info!("Ordered: every transfer locks the lower account index first, the check from 0 up");
    let ordered = run(
        &Arc::new(Bank::new(&BALANCES)),
        &work,
        Order::ByIndex,
        PATIENCE,
    );
    let Outcome::Finished(fine) = ordered else {
        info!(
            "Ordered: stuck: nothing finished for {} s",
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

    // The same work on chapter 9's bank: one lock for all six accounts.
    let coarse_bank = ch09_safe_bank::Bank::new(&BALANCES);
    let start = std::time::Instant::now();
    let coarse = ch09_safe_bank::run(&coarse_bank, &work);
    let coarse_time = start.elapsed();
    info!(
        "Coarse: the same work with one lock for the bank (chapter 9) in {:.2} sec; wrong totals: {}",
        coarse_time.as_secs_f64(),
        coarse.wrong
    );
    info!(
        "Compare: a lock per account took {:.2} times the time of one lock",
        fine.elapsed.as_secs_f64() / coarse_time.as_secs_f64()
    );
    info!("Main: main returns, and the {left_blocked} blocked threads end with it");
}
