//! A wrong answer: a sleep of a second after each phase, to let the others catch up: it waits for a time, not for them.
#![forbid(unsafe_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use log::info;

/// Seconds of work of each thread (the rows) in each phase (the columns).
const WORK: [[u64; 2]; 3] = [[1, 2], [2, 1], [1, 1]];
const THREADS: usize = WORK.len();

fn main() {
    common::start();
    let phases = WORK[0].len();
    info!("Main    : {THREADS} threads, {phases} phases");

    // How many threads finished each phase.
    let finished: Vec<AtomicUsize> = (0..phases).map(|_| AtomicUsize::new(0)).collect();
    let start = common::elapsed();
    thread::scope(|s| {
        for (t, work) in WORK.iter().enumerate() {
            let finished = &finished;
            s.spawn(move || {
                for (p, secs) in work.iter().enumerate() {
                    info!("Thread {t}: phase {p}, {secs} s of work");
                    common::sleep(Duration::from_secs(*secs));
                    finished[p].fetch_add(1, Ordering::SeqCst);
                    info!("Thread {t}: phase {p} done, waits at the barrier");
                    common::sleep(Duration::from_secs(1));
                    let leader = t == 0;
                    if leader {
                        info!(
                            "Thread {t}: leads phase {p} out: {} of {THREADS} threads finished it",
                            finished[p].load(Ordering::SeqCst)
                        );
                    }
                }
            });
        }
    });
    let took = (common::elapsed() - start).as_secs();
    info!("Main    : all {THREADS} threads came through the {phases} phases");

    let slowest: Vec<String> = (0..phases)
        .map(|p| {
            let most = WORK.iter().map(|w| w[p]).max().unwrap_or(0);
            format!("{most} s")
        })
        .collect();
    info!(
        "Main    : the {phases} phases took {took} s, each as long as its slowest thread ({})",
        slowest.join(" + ")
    );
}
