//! # Exercise 9: the test of the balance, inside the lock
//!
//! Chapter 9's bank, whose balances live inside one `Mutex` that transfers and checks both lock.
//! One slip is left from the Python original. A transfer tests "is there enough money?" under one
//! lock, lets it go, and takes it again to move the money. On a poor bank (three accounts of 50,
//! transfers of up to 100), two threads can both see enough money in one account and both withdraw
//! it. Then the account goes below zero.
//!
//! ## Your task
//! In `src/lib.rs`, make `transfer` never overdraw an account: the test of the balance must still
//! hold when the money moves. Refuse a transfer when `from` has too little, as now. Keep the
//! `lowest` bookkeeping and the sync types of the `use` at the top.
//!
//! `cargo xtask check 9` runs the poor bank, then a model on the play runtime (`tests/play.rs`).
//! The model runs two withdrawals of 40 from one account of 50, on every schedule of their locks
//! and releases. A schedule that breaks it is drawn, a lane per thread with each step's line.
//!
//! ## Hint
//! A test made under one lock says nothing once the lock is let go, because another thread can
//! withdraw in between. Test and withdraw under one guard.
//!
//! ## If it differs
//! - `Poor bank: lowest balance after a withdrawal: [..]; an account went below zero` came: an
//!   account was overdrawn. Two threads both saw enough money before either withdrew it, because
//!   the test of the balance and the withdrawal are not under one lock.
//! - `Poor bank: transfers refused for lack of funds: none` came: no transfer was refused. The test
//!   of the balance is gone, not moved.
//! - `Poor bank: final total 150: nothing lost, nothing made` is missing: money was lost or made.
#![forbid(unsafe_code)]

use ex09_safe_bank::Bank;
use lab::{Workload, run};
use log::info;

/// Accounts poorer than the largest transfer (100).
const POOR: [i64; 3] = [50, 50, 50];

fn main() {
    common::start();
    let work = Workload::original(0);
    let bank = Bank::new(&POOR);
    info!(
        "Poor bank: {} accounts of {}; {} threads make {} transfers of 1 to 100 each",
        POOR.len(),
        POOR[0],
        work.threads,
        work.transfers
    );
    let report = run(&bank, &work);
    info!("Poor bank: transfers complete");
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
        bank.lowest(),
        if bank.lowest() >= 0 {
            "no account went below zero"
        } else {
            "an account went below zero"
        }
    );
    let total: i64 = POOR.iter().sum();
    if report.final_total == total {
        info!("Poor bank: final total {total}: nothing lost, nothing made");
    } else {
        info!(
            "Poor bank: final total {}: money was lost or made",
            report.final_total
        );
    }
}
