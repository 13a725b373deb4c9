//! # Exercise 8: the check that forgot the lock
//!
//! Chapter 8's bank. Five threads move money between six accounts, 49,995 transfers in all, and
//! check the total after each. The transfers take the bank's lock, but the check of the total does
//! not. So the check catches money in flight, taken out of one account and not yet put into the
//! other, thousands of times a run.
//!
//! ## Your task
//! In `src/lib.rs`, make `total` see no transfer half done. Every check must add up to 44500, and
//! the transfers must lose nothing. Keep the sync types of the `use` at the top.
//!
//! `cargo xtask check 8` runs the bank, then a model on the play runtime (`tests/play.rs`). The
//! model runs a transfer beside a check, on every schedule of their locks, loads and stores. A
//! schedule that breaks it is drawn, a lane per thread with each step's line.
//!
//! ## Hint
//! The lock guards nothing by itself (`Mutex<()>`), and only the code's discipline ties it to the
//! balances. A check that holds the same lock as the transfers, for the whole sum, can never run in
//! the middle of one. (Chapter 9's way works too, with the balances inside the `Mutex`.)
//!
//! ## If it differs
//! - `Bank: the check saw a wrong total in [..]` came: a check still saw money in flight. It does
//!   not hold the transfers' lock for the whole sum (not at all, or one account at a time).
//! - `Bank: final total 44500: nothing lost, nothing made` is missing: money was lost or made. The
//!   transfers no longer all take the lock, and two changed one balance at once.
#![forbid(unsafe_code)]

use ex08_forgotten_lock::Bank;
use lab::{BALANCES, Workload, run};
use log::info;

fn main() {
    common::start();
    let work = Workload::original(0);
    let bank = Bank::new(&BALANCES);
    let total: i64 = BALANCES.iter().sum();
    info!(
        "Bank: {} accounts, {total} in all; {} threads make {} transfers each, checking the total \
         after each",
        BALANCES.len(),
        work.threads,
        work.transfers
    );
    let report = run(&bank, &work);
    info!("Bank: transfers complete");
    info!(
        "Bank: the check saw a wrong total in {} of {} checks",
        report.wrong, report.checks
    );
    if report.final_total == total {
        info!("Bank: final total {total}: nothing lost, nothing made");
    } else {
        info!(
            "Bank: final total {}: money was lost or made",
            report.final_total
        );
    }
}
