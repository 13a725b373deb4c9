//! # Exercise 6: a helper that locks, under a caller that holds the lock
//!
//! Chapter 6's design problem. `update_twice` holds the lock so that its two additions happen
//! together. It calls the helper `add_one`, which takes the same lock, because other callers do not
//! hold it. A std `Mutex` locked a second time by the thread that holds it will not return. (std's
//! docs say it may deadlock or panic; here the thread waits for itself.) `main` runs `update_twice`
//! in a thread of its own, watched by the lab's watchdog, and gives up on it when it has not
//! returned after 2 s.
//!
//! ## Your task
//! In `src/lib.rs`, make `update_twice` add two under one lock, while `add_one` still works for a
//! caller that does not hold the lock. No other thread may ever see the value half updated (1), and
//! no thread may wait for itself. Keep the log lines.
//!
//! `cargo xtask check 6` runs the program, then a model on the play runtime (`tests/play.rs`). It
//! runs `update_twice` beside another thread that reads the value, on every schedule of their locks
//! and releases. A schedule that breaks it is drawn, a lane per thread with each step's line.
//!
//! ## Hint
//! The Rust way is to split the helper. A function that takes `&mut u64` needs no lock, because the
//! `&mut` proves its caller has the value to itself, through a guard. `update_twice` locks once and
//! calls it twice, and `add_one` locks and calls it once. Python's way, a reentrant lock, works
//! too: `parking_lot::ReentrantMutex<Cell<u64>>`, with `new_db` and `value` changed to match. (A
//! `Cell` lets the value change through the shared `&` the guard gives; chapter 12 says more.)
//!
//! ## If it differs
//! - `Main    : update_twice has not returned[..]` came: `update_twice` never returned. Its thread
//!   waits, most likely in a second `lock()` of the lock it already holds, which will not return.
//! - `Main    : update_twice returned; value is 1.` came: one of the two additions was lost or
//!   skipped, by a `try_lock` that found the lock taken, perhaps.
//! - `Main    : add_one on its own; value is [..]` is missing: `add_one` on its own did not add
//!   one, or never returned.
#![forbid(unsafe_code)]

use common::sync::Arc;
use std::time::Duration;

use ex06_rlock::{add_one, new_db, update_twice, value};
use lab::{Group, Outcome};
use log::info;

/// How long `main` waits for `update_twice` before it calls it stuck.
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
    let db = Arc::new(new_db(0));
    info!("Main    : update_twice on a value of 0, in a thread of its own");
    // The lab's watchdog: `main` waits with patience instead of `join`, which would wait for
    // ever; a stuck thread is left where it is, and ends when `main` returns.
    let mut group = Group::new();
    let worker = Arc::clone(&db);
    group.spawn("update_twice", move |_| update_twice(&worker));
    if let Outcome::Stuck(_) = group.wait(patience()) {
        info!(
            "Main    : update_twice has not returned after {} s: its thread is stuck",
            patience().as_secs()
        );
        return;
    }
    info!("Main    : update_twice returned; value is {}.", value(&db));
    add_one(&db);
    info!("Main    : add_one on its own; value is {}.", value(&db));
}
