//! # Threads that sleep and join
//!
//! Three threads each log `starting`, sleep two seconds and log `finishing`. `main` waits for each
//! in turn with `join`. All three start before any finishes, so their sleeps overlap: the run
//! takes two seconds, not six.
//!
//! `thread::spawn` starts a thread and returns a `JoinHandle`. Calling `join` on the handle waits
//! until that thread has ended. What `spawn` runs is a closure,
//! `move || thread_function(index, work)`, a function written in place (the Rust Book teaches
//! closures in its chapter 13). `move` moves `index` and `work` into the closure, since the thread
//! may outlive the loop that made it. Both are `Copy` types, so the closure gets its own copies.
//!
//! ## What to look for
//! All three `Thread N: finishing` lines carry the same time, 00:00:02, not 2, 4 and 6. The threads
//! slept side by side. `Main    : before joining thread 0.` comes before any thread has finished.
//! `spawn` does not wait for its thread, and each thread still has two seconds of sleep left.
//!
//! ## Python original
//! "Working With Many Threads" in Real Python's "An Intro to Threading in Python".
//! The article (https://realpython.com/intro-to-python-threading/) starts three threads that run
//! `thread_function`. It makes each with `threading.Thread(...)` and starts it with `start()`, then
//! calls `join()` on each in turn. `thread::spawn` is `Thread(...).start()` in one step. Rust's
//! `join` also hands back what the thread returned, or its panic.
//!
//! ## If it differs
//! - `Thread [..]: finishing` came at another time: the threads did not sleep side by side. One
//!   started only when the one before had finished, which is what a `join` inside the first loop
//!   does.
//! - `Main    : thread [..] done` came at another time: `main` waited longer for a thread than its
//!   two seconds of work. The threads ran one after another.
//!
//! ## Try this
//! - Join each thread right after its `spawn`. In `chapters/ch01_spawn_join/src/main.rs`, write
//!   `let thread = thread::spawn(...);` in the first loop instead of `threads.push(...)`. Move the
//!   second loop's three lines under it, and delete the second loop and the `Vec`. The threads now
//!   run one after another, and `cargo xtask run ch01` says the finishing lines came at 00:00:04
//!   and 00:00:06.
//! - Wait for a time instead of for the threads. In the second loop, put
//!   `if index == 0 { common::sleep(work); }` and `drop(thread);` in place of the `join` line. The
//!   log's seconds are the same, but `cargo xtask run ch01` fails. The runner also runs the chapter
//!   under schedule noise, which holds one thread back a little at a time. In the run that holds a
//!   thread back, `main` says the thread is done before it has finished (the claims of
//!   `chapters/ch01_spawn_join/expected.order`). A sleep as long as the work is not a join.
//! - Run `cargo run -p ch01_spawn_join -- --work 5s` to change how long each thread works. Run
//!   `cargo run -p ch01_spawn_join -- --clock lesson` to see the clock the runner uses.
#![forbid(unsafe_code)]

use common::sync::thread;
use std::time::Duration;

use log::info;

fn thread_function(name: usize, work: Duration) {
    info!("Thread {name}: starting");
    common::sleep(work);
    info!("Thread {name}: finishing");
}

fn main() {
    let lesson = common::Flags::new()
        .opt(
            "work",
            "DURATION",
            "how long each thread works (default 2s)",
        )
        .start();
    let work = lesson.duration("work", Duration::from_secs(2));

    let mut threads = Vec::new();
    for index in 0..3 {
        info!("Main    : create and start thread {index}.");
        // `move` moves `index` and `work` (both `Copy`) into the thread: it may outlive this loop.
        threads.push(thread::spawn(move || thread_function(index, work)));
    }

    for (index, thread) in threads.into_iter().enumerate() {
        info!("Main    : before joining thread {index}.");
        thread.join().expect("the thread panicked");
        info!("Main    : thread {index} done");
    }
}
