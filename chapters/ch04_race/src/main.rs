//! # A race condition in safe Rust
//!
//! Threads that share data can go wrong in many ways. Three of them come up again and again in this
//! course. This chapter shows the second, and chapter 7 the third.
//!
//! - A data race: two threads use the same memory, at least one of them writes, and at least one
//!   of the two accesses is not atomic (an atomic access is one step that no other thread can cut
//!   into). And nothing in the program orders one access before the other, as a lock, a `join` or
//!   a channel would. Waiting is not enough: the order must come from synchronisation. Safe Rust
//!   does not compile a program that could have a data race. Chapter 12 shows how the compiler
//!   keeps threads from it.
//! - A race condition: whether the result is right depends on the order in which the threads'
//!   steps happen to run. Every step can be correct on its own.
//! - A deadlock: threads wait for each other, or a thread for itself, and none of them can ever go
//!   on.
//!
//! Two workers of a pool (chapter 3) each run `update` from Real Python's "An Intro to Threading
//! in Python" on one `FakeDatabase`. They share it through an `Arc`, a pointer that several
//! threads can own at once (chapter 12 says why threads need it). An update reads the value, adds
//! one, sleeps 0.1 s and writes the value back. The value starts at 0 and ends at 1, not 2, so one
//! update is lost.
//!
//! There is no data race here. The value is an `AtomicU64`, a whole number that threads may share.
//! Each read of it (a load) and each write (a store) is atomic. Chapter 11 is about atomics. What
//! safe Rust cannot rule out is the race condition. Between one thread's read and its write is a
//! gap, and in it the other thread reads the same old value.
//!
//! ## What to look for
//! Both threads log `read 0`. Each read before either wrote, so each writes 1, and the second write
//! overwrites the first. `Ending value is 1.` and `Updates lost: 1 of 2.` are computed from the
//! value, not printed as a story.
//!
//! The 0.1 s sleep makes that unlucky timing likely. A `Barrier` in the gap makes it certain, with
//! std's `Barrier` as it is built today: it holds each worker until both have read (chapter 16 is
//! about barriers). So the lesson shows on a busy machine too, where a worker can start more than
//! 0.1 s late. Why "as it is built today" matters is told under "Under the hood", at the end of
//! this lesson in `chapters/ch04_race/src/main.rs` and on its page in the book.
//!
//! ## In the code
//! `Arc::new` makes the `Arc` that both workers own, and each `Arc::clone` is one more owner of the
//! same database, not a copy of it.
//!
//! Each atomic access names an ordering, `Ordering::SeqCst` here, the strictest. Chapter 11 says
//! what orderings are for. None of them would save this update, because an ordering never makes a
//! load and a later store one step.
//!
//! ## Under the hood
//! A data race is not about time. Two accesses can be far apart in time and still race, if nothing
//! orders one before the other. The Rust Book's chapter 4 says "at the same time". What decides is
//! the missing order, which chapter 11 calls happens-before. The rule in full: two threads access
//! the same memory, at least one of them writes, at least one access is not atomic, and neither
//! access happens before the other.
//!
//! The barrier's certainty rests on std's `Barrier` as it is built today, which also orders each
//! read before the other worker's write (chapter 16 says why). Holding the workers until both have
//! read is timing: it decides when each one runs. Which write a read may see depends on the order,
//! and std's docs do not promise that a barrier makes one.
//!
//! ## Python original
//! "Race Conditions" in Real Python's "An Intro to Threading in Python".
//! The article (https://realpython.com/intro-to-python-threading/; its code is `racecond.py` in
//! https://github.com/realpython/materials, folder `intro-to-threading`) has two
//! `ThreadPoolExecutor` workers run `FakeDatabase.update`. The update copies `self.value` into
//! `local_copy`, adds one, sleeps 0.1 s and stores it back. The value ends at 1.
//!
//! CPython's global interpreter lock (the GIL) guards the interpreter's own data, not a program's
//! steps. A thread gives it up when it blocks, as in that sleep. When another thread is waiting for
//! it, a thread also gives it up at checks the interpreter makes between certain bytecodes. A
//! bytecode that calls back into Python (an `__add__` written in Python, say) can be interrupted
//! inside. The free-threaded build (CPython 3.13t and later) can run with no GIL at all. As with
//! `AtomicU64` here, keeping single steps whole cannot help, because the race is between two steps.
//!
//! ## If it differs
//! - `Testing update. Ending value is 2.` came: no update was lost. The read and the write became
//!   one step (an atomic `fetch_add`, or a lock held across both), so the second thread read the
//!   first one's write.
//! - `Thread [..]: read 1` came: a thread read after the other had written. The updates did not
//!   overlap in the gap, so neither overwrote the other.
//!
//! ## Try this
//! - In `chapters/ch04_race/src/lib.rs`, replace the load, the pause and the store with one
//!   `self.value.fetch_add(1, Ordering::SeqCst)`. A `fetch_add` reads, adds and writes in one
//!   step that no other thread can cut into. `cargo xtask run ch04` now says the ending value
//!   is 2 and no update was lost.
//! - In `chapters/ch04_race/src/main.rs`, pass only the sleep as the pause, without the barrier. On
//!   an idle machine an update is still lost nearly every run; on a busy one, now and then not. A
//!   race condition depends on timing, which is what lets it survive testing.
//! - Run `cargo xtask play ch04` and be the scheduler. You choose which thread takes each step,
//!   until an update is lost.
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
