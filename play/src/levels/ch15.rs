//! Chapter 15's levels (`ch15_semaphore`): a semaphore: its wait with `if` and with `while`. Their
//! words and each breakable level's winning schedule are the table `ch15.json`, beside this file;
//! the scenarios are here.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::book;
use common::sync::{Arc, Condvar, Mutex};

use super::{Chapter, Scenario, twin};
use crate::engine::{join, spawn};

/// The chapter's semaphore with `if` where it waits in a `while`, and its permit's return as
/// the chapter writes it. `wraps`: with wrapping arithmetic (the `ch15` level), so that a woken
/// job that finds no permit still goes in, and the count wraps; else with the chapter's `-=`,
/// which panics there in a debug build (its twin, below).
pub(super) struct IfSemaphore {
    free: Mutex<usize>,
    returned: Condvar,
    wraps: bool,
}

impl IfSemaphore {
    pub(super) fn new(permits: usize, wraps: bool) -> Self {
        IfSemaphore {
            free: Mutex::new(permits),
            returned: Condvar::new(),
            wraps,
        }
    }
}

pub(super) trait Gate: Send + Sync + 'static {
    fn inside(&self, work: &dyn Fn());
    fn free(&self) -> usize;
}

impl Gate for IfSemaphore {
    fn inside(&self, work: &dyn Fn()) {
        let mut free = self.free.lock().unwrap();
        if *free == 0 {
            free = self.returned.wait(free).unwrap();
        }
        // A woken job goes on without looking again: the count may be 0.
        if self.wraps {
            *free = free.wrapping_sub(1);
        } else {
            *free -= 1;
        }
        drop(free);
        work();
        let mut free = self.free.lock().unwrap();
        *free = free.wrapping_add(1);
        drop(free);
        self.returned.notify_one();
    }
    fn free(&self) -> usize {
        *self.free.lock().unwrap()
    }
}

impl Gate for ch15_semaphore::Semaphore {
    fn inside(&self, work: &dyn Fn()) {
        let _permit = self.acquire();
        work();
    }
    fn free(&self) -> usize {
        self.available()
    }
}

/// The permits of the levels' semaphores.
const PERMITS: usize = 2;

/// The count of free permits, in words: the count; or, where it went below 0 and wrapped round
/// (a woken job went in with no permit to take, in the `ch15` level), how many jobs hold the
/// permits: each job that goes in takes one from the count, and each that leaves gives one
/// back, so the count is the permits less the jobs that hold them.
fn free_permits(free: usize) -> String {
    if free <= PERMITS {
        return free.to_string();
    }
    let holders = PERMITS + free.wrapping_neg();
    format!(
        "none: {holders} jobs hold its {PERMITS} permits (the count went below 0 and wrapped \
         round)"
    )
}

/// A semaphore of two, and three threads: A does two jobs, B and C one each.
pub(super) fn three_jobs<G: Gate>(gate: G) {
    let gate = Arc::new(gate);
    book::name_locks(&["the count's lock"]);
    let inside = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let i = Arc::clone(&inside);
    book::show("jobs inside", move || i.load(SeqCst).to_string());
    let g = Arc::clone(&gate);
    book::show("free permits", move || free_permits(g.free()));
    let m = Arc::clone(&most);
    book::goal(move || {
        (m.load(SeqCst) > 2).then(|| {
            "Three jobs are inside a semaphore of two: the woken job went in without looking \
             again, and the permit it was woken for had been taken."
                .to_string()
        })
    });
    let threads = [("Job A", 2), ("Job B", 1), ("Job C", 1)]
        .into_iter()
        .map(|(name, jobs)| {
            let (gate, inside, most) = (Arc::clone(&gate), Arc::clone(&inside), Arc::clone(&most));
            let what = if jobs == 2 {
                "two jobs, one after the other"
            } else {
                "one job"
            };
            spawn(name, what, move || {
                for _ in 0..jobs {
                    gate.inside(&|| {
                        let now = inside.fetch_add(1, SeqCst) + 1;
                        most.fetch_max(now, SeqCst);
                        book::did(format!("went in ({now} inside)"));
                        // The job's work: one step, so that others can come in meanwhile.
                        common::sync::step("works inside");
                        // Out of the job, not yet out of the semaphore: its permit goes back after.
                        let now = inside.fetch_sub(1, SeqCst) - 1;
                        book::did(format!(
                            "finished its job ({now} inside), still holds its permit"
                        ));
                    });
                }
            })
        })
        .collect();
    join(threads);
}

fn ch15() {
    three_jobs(IfSemaphore::new(PERMITS, true));
}

fn ch15_while() {
    three_jobs(ch15_semaphore::Semaphore::new(PERMITS));
}

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch15.json", include_str!("ch15.json")),
    scenarios: &[
        // Every schedule is more than 3,000,000 (`play count ch15-while 3000000` did not
        // finish); the `if` twin (ch15) needs 3 preemptions: 8 of its 32,614 schedules so.
        Scenario::bounded("ch15", ch15, 3),
        Scenario::bounded("ch15-while", ch15_while, 3),
    ],
    twins: &[
        (
            "ch15-while",
            "ch15",
            "Three jobs are inside a semaphore of two",
        ),
        (
            "ch15-while",
            "ch15-while-twin",
            "attempt to subtract with overflow",
        ),
    ],
    own_twins: &[twin(
        "ch15-while-twin",
        "ch15_semaphore",
        "the chapter's semaphore with `if` for `while`, and its own `-=`",
        || three_jobs(IfSemaphore::new(PERMITS, false)),
    )],
};
