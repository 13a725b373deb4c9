//! # Exercise 1: let the threads sleep side by side (a solution)
//!
//! See `exercises/01_spawn_join/src/main.rs` for the task.
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
    let work = Duration::from_secs(2);

    // Every thread starts before `main` waits for any: their sleeps overlap.
    let mut threads = Vec::new();
    for index in 0..3 {
        info!("Main    : create and start thread {index}.");
        threads.push(thread::spawn(move || thread_function(index, work)));
    }

    for (index, thread) in threads.into_iter().enumerate() {
        info!("Main    : before joining thread {index}.");
        thread.join().expect("the thread panicked");
        info!("Main    : thread {index} done");
    }
}
