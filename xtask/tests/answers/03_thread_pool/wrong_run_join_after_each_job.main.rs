//! A wrong answer: the pool is joined after each job, so each job waits for the one before.
#![forbid(unsafe_code)]

use std::time::Duration;

use log::info;
// The `threadpool` crate's pool, through `common::sync` (which records it for the timeline).
use common::sync::ThreadPool;

fn thread_function(name: usize) {
    info!("Thread {name}: starting");
    common::sleep(Duration::from_secs(2));
    info!("Thread {name}: finishing");
}

fn main() {
    let _lesson = common::start();
    info!("Main    : a pool of 3 workers runs thread_function for 0, 1 and 2.");
    let started = common::elapsed();
    let pool = ThreadPool::new(3);
    for index in 0..3 {
        pool.execute(move || thread_function(index));
        pool.join();
    }
    let took = (common::elapsed() - started).as_secs();
    info!("Main    : the three jobs are done after {took} s.");
}
