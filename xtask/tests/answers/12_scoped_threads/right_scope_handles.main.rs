//! A right answer: a scope whose handles are kept and joined in a second loop (the scope would join them anyway).
#![forbid(unsafe_code)]

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
    thread::scope(|s| {
        let mut threads = Vec::new();
        for (index, part) in values.chunks_mut(2).enumerate() {
            let work = Duration::from_secs(WORK[index]);
            threads.push(s.spawn(move || {
                info!("Thread {index}: works on {part:?} for {} s", work.as_secs());
                common::sleep(work);
                part.iter_mut().for_each(|v| *v *= 2);
                info!("Thread {index}: doubled its part: {part:?}");
            }));
        }
        for t in threads {
            t.join().expect("a thread panicked");
        }
    });
    let took = (common::elapsed() - started).as_secs();
    info!("Main    : the threads were done after {took} s; main's vector is now {values:?}");
}
