//! A wrong answer: no barrier; after its work in each phase, each thread sleeps until the
//! slowest thread's time, copied from `main`'s `WORK` table, and the slowest leads the phase out.
//! Its log has the lesson's lines at the lesson's times, but each thread waited for a time, not
//! for the others: under schedule noise, in the run that holds the slowest thread back, the
//! others begin phase 1 before it has finished phase 0.
#![forbid(unsafe_code)]

use common::sync::atomic::{AtomicUsize, Ordering};

use log::info;

/// The slowest thread's time in each phase, from `main`'s table.
const SLOWEST: [u64; 2] = [2, 2];

/// What the threads share as they work through their phases: how many finished each phase,
/// and the barrier they wait at after each.
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
            // Until the slowest thread of this phase is done: the table says when.
            sleep(SLOWEST[p] - secs);
            let leader = *secs == SLOWEST[p];
            if leader {
                info!(
                    "Thread {t}: leads phase {p} out: {} of {threads} threads finished it",
                    self.finished(p)
                );
            }
        }
    }
}
