//! Chapter 16's threads in phases. Fix `Phases::work` (see `src/main.rs` for the task).
#![forbid(unsafe_code)]

// The sync types: std's, or the play runtime's under the model (`--cfg shuttle`). Use these,
// not `std::sync`.
#[allow(unused_imports)]
use common::sync::Barrier;
use common::sync::atomic::{AtomicUsize, Ordering};

use log::info;

/// What the threads share as they work through their phases: how many finished each phase.
#[derive(Debug)]
pub struct Phases {
    threads: usize,
    /// How many threads finished each phase.
    finished: Vec<AtomicUsize>,
}

impl Phases {
    /// For `threads` threads in `phases` phases.
    pub fn new(threads: usize, phases: usize) -> Self {
        Phases {
            threads,
            finished: (0..phases).map(|_| AtomicUsize::new(0)).collect(),
        }
    }

    /// How many threads finished phase `p`.
    pub fn finished(&self, p: usize) -> usize {
        self.finished[p].load(Ordering::SeqCst)
    }

    /// Thread `t` works through its phases: `work[p]` seconds in phase `p` (done by `sleep`).
    /// After each phase, one thread, the leader, says how many finished it.
    pub fn work(&self, t: usize, work: &[u64], sleep: impl Fn(u64)) {
        let threads = self.threads;
        for (p, secs) in work.iter().enumerate() {
            info!("Thread {t}: phase {p}, {secs} s of work");
            sleep(*secs);
            self.finished[p].fetch_add(1, Ordering::SeqCst);
            info!("Thread {t}: phase {p} done, waits at the barrier");
            // TODO: nothing waits here: each thread goes on to its next phase at once. Wait
            // until all the threads have finished this phase, and let exactly one of them lead
            // it out.
            let leader = t == 0;
            if leader {
                info!(
                    "Thread {t}: leads phase {p} out: {} of {threads} threads finished it",
                    self.finished(p)
                );
            }
        }
    }
}
