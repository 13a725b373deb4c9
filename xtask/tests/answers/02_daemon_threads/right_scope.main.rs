//! A right answer: a scope joins both threads before it ends.
#![forbid(unsafe_code)]

use std::thread;
use std::time::Duration;

use log::info;

fn thread_function(name: usize, work: Duration) {
    info!("Thread {name}: starting");
    common::sleep(work);
    info!("Thread {name}: finishing");
}

fn main() {
    let _lesson = common::start();
    thread::scope(|s| {
        info!("Main    : create and start thread 0, with 2 s of work.");
        s.spawn(|| thread_function(0, Duration::from_secs(2)));
        info!("Main    : create and start thread 1, with 1 s of work.");
        s.spawn(|| thread_function(1, Duration::from_secs(1)));
    });
    info!("Main    : returning: every thread's work is done.");
}
