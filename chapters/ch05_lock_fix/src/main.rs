//! # A lock fixes the race
//!
//! The same two pool workers run the same update: read, add one, sleep 0.1 s, write back. But now
//! each holds a lock from before the read until after the write. The second worker waits in
//! `lock()` until the first has written and let go of the lock, so it reads 1, and the value
//! ends at 2.
//!
//! The lock is a `Mutex`, short for mutual exclusion: one thread at a time may hold it. In Python
//! the lock sits beside the data, and nothing stops code that forgets it. In Rust the value lives
//! inside the lock, a `Mutex<u64>`. `lock()` returns a guard, and the guard is the only way to
//! reach the value. The guard unlocks when it is dropped, as Python's `with` block does at its end.
//! The workers share the database, and its `Mutex`, through an `Arc`, as in chapter 4.
//!
//! ## What to look for
//! One thread's `has lock` comes after the other's `about to release lock`, so the two updates take
//! turns. `Ending value is 2.` and `Updates lost: 0 of 2.` are computed from the value.
//! `after release` is a `log::debug!` line, as it is a `logging.debug` line in the article.
//!
//! ## Python original
//! "Basic Synchronization Using Lock" in Real Python's "An Intro to Threading in Python".
//! The article (https://realpython.com/intro-to-python-threading/; its code is `fixrace.py` in
//! https://github.com/realpython/materials, folder `intro-to-threading`) gives `FakeDatabase` a
//! `threading.Lock`. Its `locked_update` holds the lock with `with self._lock:` across the read,
//! the sleep and the write, and the value ends at 2.
//!
//! Python's `with` releases the lock even when an exception leaves the block. A Rust guard is
//! dropped during a panic too, and then it marks the lock poisoned. Every later `lock()` still
//! takes the lock, but returns the guard inside an `Err`, a `PoisonError`, until someone calls
//! `clear_poison`. `PoisonError::into_inner` hands over the guard anyway, for code that can check
//! the value. A program built with `panic = "abort"` has no poisoning, since the panic ends the
//! process.
//!
//! ## If it differs
//! - `Testing update. Ending value is 1.` came: an update was lost. The lock did not cover the
//!   whole read, sleep and write, so both threads read 0 and both wrote 1.
//! - `Thread [..]: finishing update` is missing: a thread never finished its update, because it
//!   panicked (its message is in the stderr above). Its guard was dropped as it unwound, and that
//!   poisoned the lock. Every later `lock()` reported the poison, and this chapter's `expect`
//!   refused the value rather than use one that may be half updated.
//!
//! ## Try this
//! - In `chapters/ch05_lock_fix/src/main.rs`, make Thread 0's pause panic: put
//!   `if index == 0 { panic!("crash") }` before the sleep. Its guard is still dropped, during the
//!   unwinding, and marks the lock poisoned. Every `lock()` after that gets its guard inside an
//!   `Err`. That is Thread 1's, if it did not get the lock first, and then `main`'s read of the
//!   ending value. Each `expect` on the poisoned lock stops with "a thread panicked while holding
//!   the lock".
//! - In `chapters/ch05_lock_fix/src/lib.rs`, lock once for the read and again for the write, with
//!   the pause between. Each step is locked, but the update is not, and the ending value is back
//!   to 1. That happens nearly every run, since this race depends on timing again.
#![forbid(unsafe_code)]

use common::sync::Arc;
use std::time::Duration;

use ch05_lock_fix::FakeDatabase;
use log::info;
// The `threadpool` crate's pool, through `common::sync` (which records it for the timeline).
use common::sync::ThreadPool;

/// The article's `time.sleep(0.1)` between the read and the write, now inside the lock.
const GAP: Duration = Duration::from_millis(100);
const UPDATES: u64 = 2;

fn main() {
    common::start();
    let db = Arc::new(FakeDatabase::new());
    let start = db.value();
    info!("Testing update. Starting value is {start}.");

    // The same pool as before; the lock, not timing, decides who goes first, and no barrier is
    // needed: whatever the order, each update sees the other's write.
    let pool = ThreadPool::new(2);
    for index in 0..UPDATES as usize {
        let db = Arc::clone(&db);
        pool.execute(move || db.locked_update(index, || common::sleep(GAP)));
    }
    pool.join();

    let end = db.value();
    info!("Testing update. Ending value is {end}.");
    let lost = UPDATES - (end - start);
    info!("Testing update. Updates lost: {lost} of {UPDATES}.");
}
