//! Chapter 16's threads in phases, and what they saw of the barrier: here so that
//! `cargo xtask play ch16` can run this very code on the schedules a student chooses (its
//! `Barrier` and atomics come from `common::sync`).
#![forbid(unsafe_code)]

use common::sync::Barrier;
use common::sync::atomic::{AtomicUsize, Ordering};

use log::info;

/// What the run saw of the barrier: each time it opened (one leader per opening), each `wait()`
/// that returned, and each thread that came through its last phase.
#[derive(Debug, Default)]
pub struct Seen {
    pub openings: AtomicUsize,
    pub waits: AtomicUsize,
    pub through: AtomicUsize,
}

/// Thread `t` works through its phases: `work[p]` seconds in phase `p` (done by `sleep`), then
/// it waits at `barrier`. The one thread told it leads an opening says how many of the
/// `threads` finished the phase. `finished[p]` counts the threads that finished phase `p`.
pub fn work_in_phases(
    t: usize,
    work: &[u64],
    threads: usize,
    barrier: &Barrier,
    finished: &[AtomicUsize],
    seen: &Seen,
    sleep: impl Fn(u64),
) {
    for (p, secs) in work.iter().enumerate() {
        info!("Thread {t}: phase {p}, {secs} s of work");
        sleep(*secs);
        finished[p].fetch_add(1, Ordering::Relaxed);
        info!("Thread {t}: phase {p} done, waits at the barrier");
        // Returns when all have come, to all at once; one of them is told it is the leader,
        // and learns it only now, as the others go on.
        let released = barrier.wait();
        seen.waits.fetch_add(1, Ordering::Relaxed);
        if released.is_leader() {
            seen.openings.fetch_add(1, Ordering::Relaxed);
            info!(
                "Thread {t}: leads phase {p} out: {} of {threads} threads finished it",
                finished[p].load(Ordering::Relaxed)
            );
        }
    }
    seen.through.fetch_add(1, Ordering::Relaxed);
}
