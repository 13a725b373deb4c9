//! A wrong answer: every thread is started, then one sleep of the threads' own 2 s stands where
//! the joins were. Its log has the lesson's lines at the lesson's times, but `main` waited for a
//! time, not for the threads: under schedule noise, in the run that holds a thread back, `main`
//! says the thread is done before it has finished.
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

    // Every thread starts before `main` waits for any: their sleeps overlap.
    let mut threads = Vec::new();
    for index in 0..3 {
        info!("Main    : create and start thread {index}.");
        threads.push(thread::spawn(move || thread_function(index, work)));
    }

    // As long as each thread works: they should all be done by then.
    common::sleep(work);
    for index in 0..threads.len() {
        info!("Main    : before joining thread {index}.");
        info!("Main    : thread {index} done");
    }
}
