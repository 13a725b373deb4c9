//! # Exercise 2: a thread's work that is not lost
//!
//! Chapter 2's two threads. Thread 0 has two seconds of work, and thread 1 has one. `main` drops
//! thread 0's `JoinHandle`, so nobody waits for it. It joins thread 1 and returns after one second.
//! The process ends, and thread 0 dies in the middle of its sleep, so its `finishing` line never
//! comes.
//!
//! ## Your task
//! Make `main` wait for thread 0's work too, so that `Thread 0: finishing` comes at 00:00:02 and
//! `main` returns after it. The two threads must still work at the same time, so thread 1 finishes
//! at 00:00:01, not later. Keep the log lines. The work is in this file, where the `TODO` is.
//!
//! ## Hint
//! Dropping a `JoinHandle` detaches its thread, and keeping it lets you `join` it. Join thread 0
//! only after thread 1 has started, since joining it right away makes thread 1 wait for it. (A
//! scope, `std::thread::scope`, joins every thread it started before it ends; chapter 12 teaches
//! it.)
//!
//! ## If it differs
//! - `Thread 0: finishing` is missing: thread 0 never finished. `main` returned while it slept, and
//!   a thread that is not joined dies with the process.
//! - `Thread 1: [..]` came at another time: thread 1 started late. `main` waited for thread 0
//!   before it started thread 1, so the two threads no longer worked at the same time.
//! - `Main    : returning[..]` came at another time: `main` returned before thread 0's work was
//!   done, or waited longer than its two seconds.
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
    // TODO: dropping the handle detaches thread 0: nobody can wait for it any more, and it dies
    // when `main` returns. Keep it, and wait for thread 0 before `main` returns.
    drop(handle);

    info!("Main    : create and start thread 1, with 1 s of work.");
    let handle = thread::spawn(|| thread_function(1, Duration::from_secs(1)));
    handle.join().expect("thread 1 panicked");

    info!("Main    : returning: every thread's work is done.");
}
