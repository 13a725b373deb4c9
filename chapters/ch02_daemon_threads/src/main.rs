//! # A thread not joined dies with main
//!
//! A thread started with `thread::spawn` is what Python calls a daemon thread. When `main` returns,
//! the process ends, and every thread still running ends with it, in the middle of whatever it was
//! doing. (Chapter 12's scoped threads are the exception. Their scope joins them before it returns,
//! so `main` cannot return while one runs.) Here thread 0 has two seconds of work, and nobody waits
//! for it. Thread 1 has one second, and `main` joins it. So `main` returns after one second, and
//! thread 0 never finishes.
//!
//! A thread cut off this way runs no clean-up code. None of its values is dropped, so no `Drop`
//! runs, and a buffer it owns (a `BufWriter`, say) is never flushed. (`Drop` is the code a value runs when it goes
//! away, in the Rust Book's chapter 15.) `main`'s own values are dropped as it returns, but
//! `std::process::exit` skips even those.
//!
//! ## What to look for
//! `Thread 0: starting` comes, and then nothing more from thread 0. Its `finishing` line never
//! comes, because `main` returned at 00:00:01 while it slept. Thread 1, joined, finishes at
//! 00:00:01. Dropping a `JoinHandle` does not stop its thread. It detaches it, so no one can wait
//! for it any more, and it lives only as long as the process does.
//!
//! ## Python original
//! "Daemon Threads" and "join() a Thread" in Real Python's "An Intro to Threading in Python".
//! The article (https://realpython.com/intro-to-python-threading/) starts a thread with
//! `daemon=True` and does not join it. Its `finishing` line never comes, since a daemon thread is
//! killed where it stands when the program exits. A thread made without `daemon=True` keeps the
//! program alive until it finishes, because Python joins every such thread at exit. `join()` waits
//! for either kind. `thread::spawn` makes no threads of that second kind. To keep a thread's work,
//! join it. A scope does that for you (chapter 12).
//!
//! Side by side: the Rust chapter's thread 0 is cut off because every Rust thread ends when `main`
//! returns. Python cuts off only a thread started with `daemon=True` and waits for every other one,
//! so its thread 2, never joined, still finishes at 00:00:02, after the main thread has returned.
//!
//! ## If it differs
//! - `Thread 0: finishing` came: thread 0 finished before the process ended. Either `main` waited
//!   for it with a `join`, which is the fix this chapter points to, or thread 0 had less work than
//!   `main`. Only the `join` makes it certain.
//! - `Thread 0: starting` is missing: the process ended before thread 0 even started. A thread that
//!   is not joined has no promise to run at all.
//!
//! ## Try this
//! - In `chapters/ch02_daemon_threads/src/main.rs`, keep thread 0's handle and `join` it before
//!   `main` returns. `Thread 0: finishing` now comes at 00:00:02, and `cargo xtask run ch02` lists
//!   it as an extra line. `main`'s last line still says thread 0 ends mid-sleep. It is fixed text,
//!   and now it is wrong.
//! - Give thread 0 half a second of work, `Duration::from_millis(500)`, and leave it unjoined. Its
//!   `finishing` line now comes, though nobody waits for it, because `main` happens to live longer.
//!   Timing kept the work this time; only a `join` keeps it every time. `main`'s own lines still
//!   say 2 s and mid-sleep. They are fixed text, and now they are wrong.
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
    let _lesson = common::start();

    info!("Main    : create and start thread 0, with 2 s of work.");
    let handle = thread::spawn(|| thread_function(0, Duration::from_secs(2)));
    info!("Main    : drop thread 0's JoinHandle: it is detached, nobody will wait for it.");
    drop(handle);

    info!("Main    : create and start thread 1, with 1 s of work.");
    let handle = thread::spawn(|| thread_function(1, Duration::from_secs(1)));
    info!("Main    : before joining thread 1.");
    handle.join().expect("thread 1 panicked");
    info!("Main    : thread 1 done");

    info!("Main    : returning; the process ends and thread 0 ends with it, mid-sleep.");
}
