//! A wrong answer: the join is gone, not moved; main returns and the threads die with it.
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
    let work = Duration::from_secs(2);
    for index in 0..3 {
        info!("Main    : create and start thread {index}.");
        let _detached = thread::spawn(move || thread_function(index, work));
    }
    for index in 0..3 {
        info!("Main    : before joining thread {index}.");
        info!("Main    : thread {index} done");
    }
}
