//! # Exercise 7: two locks, one order
//!
//! Chapter 7's classic deadlock, as two transfers between two accounts, each behind its own lock.
//! Thread A moves money from account 1 to account 2, and thread B from account 2 to account 1, at
//! the same time. A transfer locks its `from` account, does its work under that lock (0.1 s), then
//! locks its `to` account. A holds account 1 and waits for account 2, while B holds account 2 and
//! waits for account 1. Each waits for the other, for ever. The deadlock watch (from `lab`) sees
//! that nothing moves for 2 s, and names the cycle.
//!
//! ## Your task
//! In `src/lib.rs`, make `transfer` unable to deadlock, whatever two transfers run at once. It must
//! still hold both accounts for the whole move, so that no other thread sees the money in flight.
//!
//! `cargo xtask check 7` runs the program with the deadlock watch, then a model on the play runtime
//! (`tests/play.rs`). The model runs the two transfers and an auditor, a third thread that adds up
//! the two balances, on every schedule of their locks and releases. A schedule that breaks it is
//! drawn, a lane per thread with each step's line.
//!
//! ## Hint
//! A deadlock needs a cycle of waits. Let every thread take the two locks in one global order, say
//! the lower account number first. Then no thread can hold the second lock while it waits for the
//! first, and the cycle cannot form. Which lock a transfer takes first need not depend on which way
//! the money moves.
//!
//! ## If it differs
//! - `Main    : deadlock detected: [..]` came: the two threads wait for each other. Each holds the
//!   account the other needs, because they take their locks in opposite orders.
//! - `Main    : both transfers finished: no deadlock.` is missing: the transfers did not both
//!   finish. There was a deadlock (the watch's lines say who waits for whom), or a thread panicked
//!   (its stderr is shown above then).
//! - `Main    : account 1 has 110, account 2 has 90; 200 in all` is missing: the run did not get to
//!   its end (a deadlock), or the balances came out otherwise. Money was lost or made by a transfer
//!   that changed a balance without holding its lock for the whole move.
#![forbid(unsafe_code)]

// std's `Arc` in every build, as `lab`'s deadlock watch hands it out (`Watch::new`).
use std::sync::Arc;
use std::time::Duration;

use ex07_deadlock::{Account, total, transfer};
use lab::{Group, Outcome, Watch};
use log::info;

/// How long nothing may happen before the watchdog calls the threads stuck.
const PATIENCE: Duration = Duration::from_secs(2);
/// The work each transfer does under its first lock.
const WORK: Duration = Duration::from_millis(100);

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
    let watch = Watch::new();
    let one = Arc::new(Account::new(Some(&watch), 1, 100));
    let two = Arc::new(Account::new(Some(&watch), 2, 100));
    info!(
        "Main    : account 1 has {}, account 2 has {}",
        one.balance(),
        two.balance()
    );

    let mut group = Group::watching(&watch);
    for (name, from, to, amount) in [("Thread A", &one, &two, 10), ("Thread B", &two, &one, 20)] {
        let (from, to) = (Arc::clone(from), Arc::clone(to));
        group.spawn(name, move |_| {
            info!(
                "{name}: move {amount} from account {} to account {}",
                from.number, to.number
            );
            transfer(&from, &to, amount, || common::sleep(WORK));
            info!("{name}: done");
        });
    }
    match group.wait(patience()) {
        Outcome::Finished(_) => info!("Main    : both transfers finished: no deadlock."),
        Outcome::Stuck(stuck) => {
            for link in stuck.cycle.iter().flatten() {
                info!(
                    "Main    : deadlock detected: {} holds {} and waits for {}",
                    link.thread, link.holds, link.waits_for
                );
            }
            info!(
                "Main    : {} threads stay blocked, never joined; main returns and they end",
                stuck.unfinished
            );
            return;
        }
    }
    info!(
        "Main    : account 1 has {}, account 2 has {}; {} in all",
        one.balance(),
        two.balance(),
        total(&one, &two)
    );
}
