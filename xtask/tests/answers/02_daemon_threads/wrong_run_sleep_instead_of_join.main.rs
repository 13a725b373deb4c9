//! A wrong answer: main sleeps half a second more instead of joining thread 0, and returns while
//! thread 0 still works: nothing waited for it. (Half a second, not nearly a whole one: a sleep
//! that ends just before thread 0 does would pass on a busy machine now and then.)
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
    common::sleep(Duration::from_millis(500));
    info!("Main    : returning: every thread's work is done.");
}
