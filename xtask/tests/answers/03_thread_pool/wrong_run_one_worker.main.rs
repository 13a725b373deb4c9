//! A wrong answer: it waits, but the pool has one worker, so the jobs queue up behind each other.
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
    let pool = ThreadPool::new(1);
    for index in 0..3 {
        pool.execute(move || thread_function(index));
    }
    pool.join();
    let took = (common::elapsed() - started).as_secs();
    info!("Main    : the three jobs are done after {took} s.");
}
