//! A right answer: no pool at all, three scoped threads, which the scope joins.
#![forbid(unsafe_code)]

use std::time::Duration;

use log::info;

fn thread_function(name: usize) {
    info!("Thread {name}: starting");
    common::sleep(Duration::from_secs(2));
    info!("Thread {name}: finishing");
}

fn main() {
    let _lesson = common::start();
    info!("Main    : a pool of 3 workers runs thread_function for 0, 1 and 2.");
    let started = common::elapsed();
    std::thread::scope(|s| {
        for index in 0..3 {
            s.spawn(move || thread_function(index));
        }
    });
    let took = (common::elapsed() - started).as_secs();
    info!("Main    : the three jobs are done after {took} s.");
}
