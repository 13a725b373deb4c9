//! # The safe bank
//!
//! Chapter 8's bank, fixed. The six balances live inside one `Mutex`, so a transfer and a check can
//! reach them only through its guard, and the check can no longer forget the lock. The test "is
//! there enough money" moves inside the lock too, where it still holds when the money moves.
//!
//! ## What to look for
//! `the locked check saw a wrong total in 0 of 49995 checks`, on every run. While a check adds up,
//! no transfer can be half done. The final total is 44500.
//!
//! Then the same transfers run on a poor bank of three accounts of 50. Some transfers are refused
//! for lack of funds, so the test did its work. The lowest balance any withdrawal left is never
//! below zero.
//!
//! ## Python original
//! The bank with the lock taken in both the transfer and the check (`safe_bank.py`).
//! The bank demo of Talk Python Training's "Async Techniques and Examples in Python"
//! (<https://training.talkpython.fm/courses/details/async-in-python-with-threading-and-multiprocessing>),
//! `src/06-thread-safety/safe_bank.py` in
//! <https://github.com/talkpython/async-techniques-python-course>, has `validate_bank` take the
//! lock too. Wherever the shared data is used, that code takes the lock. The original kept one bug.
//! It tests `from_account.balance < amount` before taking the lock, so two threads can both see
//! enough money and both withdraw it, below zero.
//!
//! Side by side: no wrong total and no account below zero, on both sides. In Python the lock still
//! sits beside the balances, and the next function that forgets it runs; in Rust the balances live
//! inside the `Mutex`, and a check without the lock does not compile.
//!
//! Under the GIL, chapter 8's twin already saw no wrong total in most runs. Run both twins with
//! `--switch-interval 1e-6` to see what the lock changes.
//!
//! ## If it differs
//! - `Bank: the locked check saw a wrong total in 0 of 49995 checks` is missing: a check saw a
//!   half-done transfer. The check or the transfer no longer holds the lock for its whole work.
//! - `Poor bank: lowest balance after a withdrawal: [..]; no account went below zero` is missing:
//!   an account was overdrawn. The test of the balance and the withdrawal were not made under one
//!   lock.
//!
//! ## Try this
//! - In `Bank::total` (`chapters/ch09_safe_bank/src/lib.rs`), try to add up `self.accounts` without
//!   `lock()`. It does not compile, because the data is inside the `Mutex`. The lib's doc test
//!   shows the error.
//! - In `Bank::transfer`, test the balance under one `lock()`, drop that guard, and withdraw under
//!   a second `lock()`, as the original tested before it locked. Two threads can now both see
//!   enough money in a poor account, and both withdraw it. The gap between the two locks is short,
//!   so the poor bank goes below zero in most runs, not all (5 of 7 seeds here).
//! - In `Bank::total`, lock once per account: take the guard, read one balance, drop it. It
//!   compiles, and the check is back to chapter 8's bug. A `Mutex<T>` stops you from forgetting the
//!   lock. It does not stop you from holding it for too little of the work.
#![forbid(unsafe_code)]

use ch09_safe_bank::Bank;
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
    info!("Bank: the balances live inside the Mutex; transfers and checks both lock it");
    let report = run(&bank, &work);
    info!(
        "Bank: transfers complete ({:.2} sec)",
        report.elapsed.as_secs_f64()
    );

    info!(
        "Bank: the locked check saw a wrong total in {} of {} checks",
        report.wrong, report.checks
    );
    info!(
        "Bank: final total {}: {}",
        report.final_total,
        if report.final_total == total {
            "nothing lost, nothing made"
        } else {
            "money was lost"
        }
    );

    // The same transfers on a poor bank, where most must be refused: the test of the balance and
    // the withdrawal, both under one lock, never let an account go below zero.
    let poor = Bank::new(&POOR);
    info!(
        "Poor bank: {} accounts of {}; the same {} threads of {} transfers",
        POOR.len(),
        POOR[0],
        work.threads,
        work.transfers
    );
    let report = run(&poor, &work);
    info!(
        "Poor bank: transfers refused for lack of funds: {}",
        if report.refused > 0 {
            "some, as they must be"
        } else {
            "none"
        }
    );
    info!(
        "Poor bank: lowest balance after a withdrawal: {}; {}",
        poor.lowest(),
        if poor.lowest() >= 0 {
            "no account went below zero"
        } else {
            "an account went below zero"
        }
    );
}

/// Accounts poorer than the largest transfer (100).
const POOR: [i64; 3] = [50, 50, 50];
