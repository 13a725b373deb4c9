//! # A race condition in safe Rust
//!
//! Two pool workers each run the article's `update` on one `FakeDatabase`: read the value, add
//! one, sleep 0.1 s, write it back. The value starts at 0 and ends at 1, not 2: one update is
//! lost. Safe Rust has no data races: a `&mut` is unique, and `Send` and `Sync` decide what may
//! move to or be shared with another thread, so two threads writing one plain `u64` would not
//! compile. The value is an `AtomicU64`, and each load and each store is one indivisible step.
//! What safe Rust cannot rule out is a race condition: a correct read and a correct write with a
//! gap between them, in which the other thread reads the same old value.
//!
//! ## What to look for
//! Both threads log `read 0`: each read before either wrote, so each writes 1, and the second
//! write overwrites the first. `Ending value is 1.` and `Updates lost: 1 of 2.` are computed
//! from the value, not printed as a story. The 0.1 s sleep makes that unlucky timing likely;
//! a `Barrier` in the gap (neither writes until both have read) makes it certain, so the lesson
//! shows on a busy machine too, where a worker can start more than 0.1 s late.
//!
//! ## Python original
//! "Race Conditions" in Real Python's "An Intro to Threading in Python".
//! The article (https://realpython.com/intro-to-python-threading/; its code is `racecond.py` in
//! https://github.com/realpython/materials, folder `intro-to-threading`) has two
//! `ThreadPoolExecutor` workers run `FakeDatabase.update`, which copies `self.value` into
//! `local_copy`, adds one, sleeps 0.1 s and stores it back, and ends at 1. CPython's global
//! interpreter lock guards the interpreter's own data, not a program's steps: a thread gives it
//! up when it blocks (as in that sleep) and, when another thread is waiting for it, at checks the
//! interpreter makes between certain bytecodes; a bytecode that calls back into Python (an
//! `__add__` written in Python, say) can be interrupted inside. The free-threaded build (CPython
//! 3.13t and later) has no GIL at all. As with `AtomicU64` here, keeping single steps whole
//! cannot help: the race is between two steps.
//!
//! ## If it differs
//! - `Testing update. Ending value is 2.` came: no update was lost: the read and the write
//!   became one step (an atomic `fetch_add`, or a lock held across both), so the second thread
//!   read the first one's write.
//! - `Thread [..]: read 1` came: a thread read after the other had written: the updates did not
//!   overlap in the gap, so neither overwrote the other.
//!
//! ## Try this
//! - In `chapters/ch04_race/src/lib.rs`, replace the load, the pause and the store with one
//!   `self.value.fetch_add(1, Ordering::Relaxed)`: the read and the write become one step, and
//!   `cargo xtask run ch04` says the ending value is now 2 and no update was lost. `Relaxed` is
//!   enough. The one step is `fetch_add`'s own, whatever its ordering; no ordering, not even the
//!   chapter's `SeqCst`, makes a separate load and store one step. And `main` reads the value
//!   only after `pool.join()` has seen, through the pool's own atomics and lock, that every job
//!   is done: that orders the workers' writes before the read.
//! - In `chapters/ch04_race/src/main.rs`, pass only the sleep as the pause, without the barrier:
//!   on an idle machine an update is still lost nearly every run; on a busy one now and then not.
//!   A race condition depends on timing, which is what lets it survive testing.
#![forbid(unsafe_code)]

use common::sync::{Arc, Barrier};
use std::time::Duration;

use ch04_race::FakeDatabase;
use log::info;
// The `threadpool` crate's pool, through `common::sync` (which records it for the timeline).
use common::sync::ThreadPool;

/// The article's `time.sleep(0.1)` between the read and the write.
const GAP: Duration = Duration::from_millis(100);
const UPDATES: u64 = 2;

fn main() {
    common::start();
    let db = Arc::new(FakeDatabase::new());
    let start = db.value();
    info!("Testing update. Starting value is {start}.");

    // `with ThreadPoolExecutor(max_workers=2)`: two workers, one job each; `join` waits for
    // both, as leaving the `with` block does. In the gap each worker first waits until both
    // have read (it needs both workers running at once: with one worker it would wait for ever),
    // then sleeps as the article's update does.
    let pool = ThreadPool::new(2);
    let both_read = Arc::new(Barrier::new(UPDATES as usize));
    for index in 0..UPDATES as usize {
        let (db, both_read) = (Arc::clone(&db), Arc::clone(&both_read));
        pool.execute(move || {
            db.update(index, || {
                both_read.wait();
                common::sleep(GAP);
            })
        });
    }
    pool.join();

    let end = db.value();
    info!("Testing update. Ending value is {end}.");
    let lost = UPDATES - (end - start);
    info!("Testing update. Updates lost: {lost} of {UPDATES}.");
}
