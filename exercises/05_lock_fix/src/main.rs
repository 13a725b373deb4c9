//! # Exercise 5: hold the lock for the whole update
//!
//! Chapter 5's `FakeDatabase`, with the value inside a `Mutex<u64>`, and a slip. `locked_update`
//! takes the lock to read the value, lets it go, pauses, and takes it again to write. Each step is
//! locked, but the update is not. Both threads read 0 in the gap, and one update is lost.
//!
//! ## Your task
//! In `src/lib.rs`, make `locked_update` hold the lock from the read, across the pause, to the
//! write. Then the other thread waits in `lock()` until this one has written. Keep the log lines
//! where they are (`has lock` once the lock is held, `about to release lock` just before it goes),
//! and the sync types of the `use` at the top.
//!
//! `cargo xtask check 5` runs the program, then a model of two updates on the play runtime
//! (`tests/play.rs`), which runs every schedule of their steps. A schedule that loses an update is
//! drawn step by step, with the command that plays it (`cargo xtask play --replay ...`).
//!
//! ## Hint
//! One `lock()`, one guard. Keep the guard alive until after the write, in a block or until an
//! explicit `drop(guard)`. The value is reached only through the guard, as `*guard`.
//!
//! ## If it differs
//! - `Testing update. Ending value is 1.` came: an update was lost. The lock did not cover the
//!   whole read, pause and write, so both threads read 0 and both wrote 1.
//! - `Thread [..]: finishing update` is missing: a thread never finished its update. It panicked,
//!   or it waits for ever in a second `lock()` while it still holds the first guard. A std `Mutex`
//!   locked again by the thread that holds it will not return, and it may deadlock or panic
//!   (chapter 6).
#![forbid(unsafe_code)]

use common::sync::Arc;
use std::time::Duration;

use ex05_lock_fix::FakeDatabase;
use log::info;
// The `threadpool` crate's pool, through `common::sync` (which records it for the timeline).
use common::sync::ThreadPool;

/// The `time.sleep(0.1)` of Real Python's `update`, between the read and the write.
const GAP: Duration = Duration::from_millis(100);
const UPDATES: u64 = 2;

fn main() {
    common::start();
    let db = Arc::new(FakeDatabase::new());
    let start = db.value();
    info!("Testing update. Starting value is {start}.");

    let pool = ThreadPool::new(2);
    for index in 0..UPDATES as usize {
        let db = Arc::clone(&db);
        pool.execute(move || db.locked_update(index, || common::sleep(GAP)));
    }
    pool.join();

    let end = db.value();
    info!("Testing update. Ending value is {end}.");
    let lost = UPDATES.saturating_sub(end - start);
    info!("Testing update. Updates lost: {lost} of {UPDATES}.");
}
