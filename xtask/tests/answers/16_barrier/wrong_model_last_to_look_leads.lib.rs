//! A wrong answer that its run cannot tell from a right one: after its increment, a thread looks at the count, and leads the phase out if it sees all of them done. In the run the last thread of each phase finishes a second after the others, so only it sees the whole count; but a thread that looks after the last one's increment sees it too, and the phase is led out twice. The model finds that schedule.
#![forbid(unsafe_code)]

use common::sync::Barrier;
use common::sync::atomic::{AtomicUsize, Ordering};

use log::info;

/// What the threads share as they work through their phases: how many finished each phase,
/// and the barrier they wait at after each.
#[derive(Debug)]
pub struct Phases {
    threads: usize,
    /// How many threads finished each phase.
    finished: Vec<AtomicUsize>,
    /// One barrier for all the threads, made once: it serves every phase.
    barrier: Barrier,
}

impl Phases {
    /// For `threads` threads in `phases` phases.
    pub fn new(threads: usize, phases: usize) -> Self {
        Phases {
            threads,
            finished: (0..phases).map(|_| AtomicUsize::new(0)).collect(),
            barrier: Barrier::new(threads),
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
            let all_done = self.finished(p) == threads;
            info!("Thread {t}: phase {p} done, waits at the barrier");
            self.barrier.wait();
            let leader = all_done;
            if leader {
                info!(
                    "Thread {t}: leads phase {p} out: {} of {threads} threads finished it",
                    self.finished(p)
                );
            }
        }
    }
}
