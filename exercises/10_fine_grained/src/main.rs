//! # Exercise 10: a lock per account, and one order for all
//!
//! Chapter 10's bank, where each of the six accounts has its own lock, so two transfers between
//! four different accounts run at once. A transfer locks its `from` account, then its `to` account.
//! The check of the total locks all six, from account 0 up. Two opposite transfers can each hold
//! the account the other waits for, and five threads soon form such a cycle. Then the bank stops.
//! The deadlock watch (from `lab`) sees that no transfer finished for 2 s, and names the cycle.
//!
//! ## Your task
//! In `src/lib.rs`, make the bank unable to deadlock, whatever the threads do at once. Keep a lock
//! per account, so that two transfers on different accounts do not wait for each other. Each
//! transfer must hold both its accounts for the whole move, and the check must hold all six for its
//! sum.
//!
//! `cargo xtask check 10` runs the bank with the deadlock watch. Then it runs a model of two
//! opposite transfers beside a check, on every schedule of their steps (the play runtime's, as
//! `cargo xtask play` runs them). A schedule that deadlocks, or that shows the check money in
//! flight, is drawn, a lane per thread, each step with its line.
//!
//! ## Hint
//! Use one global order for every lock any thread takes, the lower account index first. It must
//! hold everywhere. A transfer that keeps it can still deadlock with a check that takes its locks
//! the other way round.
//!
//! ## If it differs
//! - `Bank: deadlock[..]` came: threads wait for each other in a cycle. Some code takes two account
//!   locks in an order that other code takes the other way round.
//! - `Bank: the check saw a wrong total in [..]` came: a check saw money in flight. A transfer let
//!   go of one account before the money reached the other, or the check does not hold all six
//!   accounts for its sum.
//! - `Bank: final total 44500: nothing lost, nothing made` is missing: money was lost or made, or
//!   the bank never finished.
#![forbid(unsafe_code)]

// std's `Arc` in every build, as `lab`'s deadlock watch hands it out (`Watch::new`).
use std::sync::Arc;
use std::time::Duration;

use ex10_fine_grained::Bank;
use lab::{BALANCES, Outcome, Watch, Workload, run_watched};
use log::info;

/// How long no transfer may finish before the watchdog calls the bank stuck.
const PATIENCE: Duration = Duration::from_secs(2);

/// The watchdog's patience: 2 lesson seconds, but at least 1 real second, so that at a high
/// `--speed` a busy machine's pause is not taken for a deadlock.
fn patience() -> Duration {
    let real = common::scaled(PATIENCE).as_secs_f64();
    if real >= 1.0 {
        PATIENCE
    } else {
        PATIENCE.mul_f64(1.0 / real)
    }
}

fn main() {
    common::start();
    let work = Workload::original(0);
    let total: i64 = BALANCES.iter().sum();
    info!(
        "Bank: {} accounts with a lock each, {total} in all; {} threads make {} transfers each, \
         checking the total after each",
        BALANCES.len(),
        work.threads,
        work.transfers
    );
    let watch = Watch::new();
    let bank = Arc::new(Bank::new(&BALANCES, Some(&watch)));
    let report = match run_watched(&bank, &work, Some(&watch), patience()) {
        Outcome::Finished(report) => report,
        Outcome::Stuck(stuck) => {
            info!(
                "Bank: deadlock: no transfer finished for {} s, after {} of {} transfers",
                patience().as_secs(),
                stuck.done,
                work.checks()
            );
            for link in stuck.cycle.iter().flatten() {
                info!(
                    "Bank: {} holds {} and waits for {}",
                    link.thread, link.holds, link.waits_for
                );
            }
            info!(
                "Bank: {} threads stay blocked; main returns and they end",
                stuck.unfinished
            );
            return;
        }
    };
    info!(
        "Bank: all {} transfers finished: no deadlock",
        report.checks
    );
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
