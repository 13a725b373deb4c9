//! # Exercise 1: let the threads sleep side by side
//!
//! Chapter 1's three threads, each working two seconds, with one slip. `main` joins each thread
//! right after starting it, so it waits for thread 0 before it even starts thread 1. The three
//! threads run one after another, and the work takes 6 s instead of 2.
//!
//! ## Your task
//! Start all three threads first, then join them, so that they work at the same time and every
//! `Thread N: finishing` line comes at 00:00:02. Keep the log lines as they are. Work in this file,
//! where the `TODO` is. `cargo xtask check 1` says whether the threads really ran together.
//!
//! ## Hint
//! `thread::spawn` returns a `JoinHandle`. Keep the handles (a `Vec` does) and join them in a
//! second loop. `join` is where `main` waits, so only a join after all the spawns lets the threads
//! overlap. (A scope, `std::thread::scope`, works too if you keep the log lines; chapter 12 teaches
//! it.)
//!
//! ## If it differs
//! - `Thread [..]: finishing` came at another time: the threads did not sleep side by side. One
//!   started only when the one before had finished, because a `join` still sits in the loop that
//!   spawns.
//! - `Main    : create and start thread [..]` came at another time: `main` started a thread only
//!   after waiting for the one before. Move the join out of the spawning loop.
//! - `Thread [..]: finishing` is missing: a thread never finished. `main` returned without joining
//!   it, and a thread not joined dies with `main` (chapter 2).
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
    let work = Duration::from_secs(2);

    for index in 0..3 {
        info!("Main    : create and start thread {index}.");
        let thread = thread::spawn(move || thread_function(index, work));
        // TODO: this join makes `main` wait for each thread before it starts the next one.
        // Keep the handles, and join them in a loop of their own after every thread has started.
        info!("Main    : before joining thread {index}.");
        thread.join().expect("the thread panicked");
        info!("Main    : thread {index} done");
    }
}
