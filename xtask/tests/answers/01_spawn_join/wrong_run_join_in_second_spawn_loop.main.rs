//! A wrong answer: the handles are kept, but each is joined as soon as the next thread starts.
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
    let mut previous: Option<(usize, thread::JoinHandle<()>)> = None;
    for index in 0..3 {
        info!("Main    : create and start thread {index}.");
        let handle = thread::spawn(move || thread_function(index, work));
        if let Some((i, h)) = previous.replace((index, handle)) {
            info!("Main    : before joining thread {i}.");
            h.join().expect("the thread panicked");
            info!("Main    : thread {i} done");
        }
    }
    if let Some((i, h)) = previous {
        info!("Main    : before joining thread {i}.");
        h.join().expect("the thread panicked");
        info!("Main    : thread {i} done");
    }
}
