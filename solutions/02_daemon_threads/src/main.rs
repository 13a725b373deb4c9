//! # Exercise 2: a thread's work that is not lost (a solution)
//!
//! See `exercises/02_daemon_threads/src/main.rs` for the task.
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
    let thread0 = thread::spawn(|| thread_function(0, Duration::from_secs(2)));

    info!("Main    : create and start thread 1, with 1 s of work.");
    let thread1 = thread::spawn(|| thread_function(1, Duration::from_secs(1)));
    thread1.join().expect("thread 1 panicked");
    // Both threads are running before `main` waits for either; thread 0's work is kept.
    thread0.join().expect("thread 0 panicked");

    info!("Main    : returning: every thread's work is done.");
}
