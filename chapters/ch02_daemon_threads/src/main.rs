//! # A thread not joined dies with main
//!
//! Every thread Rust spawns is what Python calls a daemon thread: when `main` returns, the
//! process ends and takes every thread still running with it, in the middle of whatever it was
//! doing. Here thread 0 has two seconds of work and nobody waits for it; thread 1 has one second
//! and `main` joins it. `main` returns after one second, and thread 0 never finishes.
//!
//! A thread cut off this way runs no destructors: no `Drop`, no flush of a buffer it was still
//! filling. `main`'s own values are dropped as it returns; `std::process::exit` skips even those.
//!
//! ## What to look for
//! `Thread 0: starting` and then nothing more from thread 0: its `finishing` line never comes,
//! because `main` returned at 00:00:01 while it slept. Thread 1, joined, finishes at 00:00:01.
//! Dropping a `JoinHandle` does not stop its thread: it detaches it, so no one can wait for it
//! any more, and it lives only as long as the process does.
//!
//! ## Python original
//! "Daemon Threads" and "join() a Thread" in Real Python's "An Intro to Threading in Python".
//! The article (https://realpython.com/intro-to-python-threading/) starts a thread with
//! `daemon=True` and does not join it: its `finishing` line never comes, since a daemon thread is
//! killed where it stands when the program exits. A thread made without `daemon=True` keeps the
//! program alive until it finishes, as Python joins every such thread at exit; `join()` waits for
//! either kind. Rust has no threads of that second kind: to keep a thread's work, join it (or
//! use `std::thread::scope`, which joins for you).
//!
//! Side by side: the Rust chapter's thread 0 is cut off because every Rust thread ends when `main`
//! returns; Python cuts off only a thread started with `daemon=True` and waits for every other one,
//! so its thread 2, never joined, still finishes at 00:00:02, after the main thread has returned.
//!
//! ## If it differs
//! - `Thread 0: finishing` came: thread 0 finished, so `main` waited for it: with a `join`, no
//!   work is cut off, which is the fix this chapter points to.
//! - `Thread 0: starting` is missing: the process ended before thread 0 even started; a thread
//!   that is not joined has no promise to run at all.
//!
//! ## Try this
//! - In `chapters/ch02_daemon_threads/src/main.rs`, keep thread 0's handle and `join` it before
//!   `main` returns: `Thread 0: finishing` now comes at 00:00:02, and `cargo xtask run ch02` lists
//!   it as an extra line.
//! - Replace the two spawns with `std::thread::scope(|s| { ... })`: the scope waits for both.
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
