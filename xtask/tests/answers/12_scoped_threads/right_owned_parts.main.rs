//! A right answer without a scope: each thread owns a copy of its part, and hands it back through join; main writes the parts back in place.
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
    let threads: Vec<_> = values
        .chunks(2)
        .enumerate()
        .map(|(index, part)| {
            let mut part = part.to_vec();
            let work = Duration::from_secs(WORK[index]);
            thread::spawn(move || {
                info!("Thread {index}: works on {part:?} for {} s", work.as_secs());
                common::sleep(work);
                part.iter_mut().for_each(|v| *v *= 2);
                info!("Thread {index}: doubled its part: {part:?}");
                part
            })
        })
        .collect();
    for (t, place) in threads.into_iter().zip(values.chunks_mut(2)) {
        place.copy_from_slice(&t.join().expect("a thread panicked"));
    }
    let took = (common::elapsed() - started).as_secs();
    info!("Main    : the threads were done after {took} s; main's vector is now {values:?}");
}
