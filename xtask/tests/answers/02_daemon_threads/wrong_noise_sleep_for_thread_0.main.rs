//! A wrong answer: thread 0 is never joined; after thread 1's join, `main` sleeps the 1 s more
//! that thread 0 works past thread 1 (and 10 ms for luck). Its log has the lesson's lines at the
//! lesson's times, but nothing waited for thread 0: under schedule noise, in the run that holds
//! thread 0 back, `main` returns first and thread 0 dies unfinished.
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
    common::sleep(Duration::from_millis(1010));
    info!("Main    : returning: every thread's work is done.");
}
