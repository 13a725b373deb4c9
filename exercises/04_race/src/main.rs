//! # Exercise 4: lose no update
//!
//! Chapter 4's `FakeDatabase`, where two pool workers each add one to a value that starts at 0.
//! Each update reads the value, pauses 0.1 s, and writes back what it read plus one. Both workers
//! read 0 in the gap and both write 1, so one update is lost and the value ends at 1, not 2.
//!
//! ## Your task
//! In `src/lib.rs`, make `FakeDatabase::update` lose nothing, whichever way the two threads
//! interleave, so that the value ends at 2. The read and the write must become one step that no
//! other thread can get between. The `pause` must still be called once in each update, since it is
//! where the other thread gets in. Keep the two log lines, and the sync types of the `use` at the
//! top (the model swaps them for its own).
//!
//! The `pause` is a function that the caller passes in: `pause: impl FnOnce()` takes any function
//! that can be called once with no arguments (the Rust Book's chapters 10 and 13 say how). Calling
//! it, `pause()`, waits. `main` passes one that sleeps 0.1 s, and the model one that only marks a
//! step.
//!
//! `cargo xtask check 4` runs the program, then a model of two updates (`tests/play.rs`). The model
//! runs your code on the play runtime, which tries every order of the two threads' steps. A
//! schedule that loses an update is drawn step by step, with the command that plays it
//! (`cargo xtask play --replay ...`).
//!
//! ## Hint
//! An atomic read-modify-write does it: `fetch_add` does the read, the add and the write as one
//! step. Call the pause before or after it. A `Mutex<u64>` in place of the atomic is right too
//! (chapter 5), with its guard held from the read to the write, across the pause.
//!
//! ## If it differs
//! - `Testing update. Ending value is 1.` came: an update was lost. Both threads read the value
//!   before either wrote it back, so the read and the write are still two steps with a gap.
//! - `Thread [..]: finishing update` is missing: a thread never finished its update. It panicked or
//!   waited for ever (see the stderr above).
#![forbid(unsafe_code)]

use common::sync::Arc;
use std::time::Duration;

use ex04_race::FakeDatabase;
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
        pool.execute(move || db.update(index, || common::sleep(GAP)));
    }
    pool.join();

    let end = db.value();
    info!("Testing update. Ending value is {end}.");
    let lost = UPDATES.saturating_sub(end - start);
    info!("Testing update. Updates lost: {lost} of {UPDATES}.");
}
