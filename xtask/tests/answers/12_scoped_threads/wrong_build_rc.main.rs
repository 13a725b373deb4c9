//! A wrong answer: the vector in an Rc<RefCell<..>>, cloned into each thread: an Rc is not Send, and the compiler refuses it (E0277).
#![forbid(unsafe_code)]

use std::cell::RefCell;
use std::rc::Rc;
use std::thread;
use std::time::Duration;

use log::info;

/// How long each thread works, in seconds.
const WORK: [u64; 3] = [1, 2, 1];

fn main() {
    common::start();
    let mut values: Vec<u64> = (1..=6).collect();

    info!("Main    : three threads each double a third of main's {values:?}");
    let started = common::elapsed();
    let shared = Rc::new(RefCell::new(std::mem::take(&mut values)));
    let mut threads = Vec::new();
    for index in 0..3 {
        let shared = Rc::clone(&shared);
        let work = Duration::from_secs(WORK[index]);
        threads.push(thread::spawn(move || {
            let part = shared.borrow()[2 * index..2 * index + 2].to_vec();
            info!("Thread {index}: works on {part:?} for {} s", work.as_secs());
            common::sleep(work);
            let mut all = shared.borrow_mut();
            all[2 * index..2 * index + 2]
                .iter_mut()
                .for_each(|v| *v *= 2);
            info!(
                "Thread {index}: doubled its part: {:?}",
                &all[2 * index..2 * index + 2]
            );
        }));
    }
    for t in threads {
        t.join().expect("a thread panicked");
    }
    values = shared.borrow().clone();
    let took = (common::elapsed() - started).as_secs();
    info!("Main    : the threads were done after {took} s; main's vector is now {values:?}");
}
