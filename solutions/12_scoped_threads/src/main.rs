//! # Exercise 12: let the threads borrow (a solution)
#![forbid(unsafe_code)]

use common::sync::thread;
use std::time::Duration;

use log::info;

/// How long each thread works, in seconds.
const WORK: [u64; 3] = [1, 2, 1];

fn main() {
    common::start();
    let mut values: Vec<u64> = (1..=6).collect();

    info!("Main    : three threads each double a third of main's {values:?}");
    let started = common::elapsed();
    // A scope joins every thread it started before it returns, so the threads may borrow
    // `values`: each gets its own `&mut` part, and the parts do not overlap.
    thread::scope(|s| {
        for (index, part) in values.chunks_mut(2).enumerate() {
            let work = Duration::from_secs(WORK[index]);
            s.spawn(move || {
                info!("Thread {index}: works on {part:?} for {} s", work.as_secs());
                common::sleep(work);
                part.iter_mut().for_each(|v| *v *= 2);
                info!("Thread {index}: doubled its part: {part:?}");
            });
        }
    });
    let took = (common::elapsed() - started).as_secs();
    info!("Main    : the threads were done after {took} s; main's vector is now {values:?}");
}
