//! A right answer: a scope, with its handles joined in order (the scope would join them anyway).
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
    thread::scope(|s| {
        let threads: Vec<_> = (0..3)
            .map(|index| {
                info!("Main    : create and start thread {index}.");
                s.spawn(move || thread_function(index, work))
            })
            .collect();
        for (index, thread) in threads.into_iter().enumerate() {
            info!("Main    : before joining thread {index}.");
            thread.join().expect("the thread panicked");
            info!("Main    : thread {index} done");
        }
    });
}
