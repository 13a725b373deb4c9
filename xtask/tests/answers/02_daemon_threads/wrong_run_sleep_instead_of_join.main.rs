//! A wrong answer: main sleeps one more second instead of joining; it returns as thread 0 may still be logging, and nothing waited for it.
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
    info!("Main    : create and start thread 0, with 2 s of work.");
    drop(thread::spawn(|| thread_function(0, Duration::from_secs(2))));
    info!("Main    : create and start thread 1, with 1 s of work.");
    let handle = thread::spawn(|| thread_function(1, Duration::from_secs(1)));
    handle.join().expect("thread 1 panicked");
    common::sleep(Duration::from_millis(900));
    info!("Main    : returning: every thread's work is done.");
}
