//! Chapter 16's levels (`ch16_barrier`): a barrier: phases that wait for each other. Their words
//! and each breakable level's winning schedule are the table `ch16.json`, beside this file; the
//! scenarios are here.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::atomic::AtomicUsize as AtomicU;
use common::sync::book;
use common::sync::{Arc, Condvar, Mutex};

use super::{Chapter, Scenario, get, note, set, twin};
use crate::engine::{join, spawn};

/// The threads of chapter 16's phases.
pub(crate) const THREADS: usize = 3;

/// Chapter 16's three threads in two phases at a barrier for `parties`; the goal: a thread
/// began phase 1 while phase 0 was unfinished.
fn three_in_phases(parties: usize) {
    let barrier = common::sync::Barrier::new(parties);
    let seen = ch16_barrier::Seen::default();
    in_phases("work_in_phases", move |t, finished, work| {
        ch16_barrier::work_in_phases(t, &[1, 1], THREADS, &barrier, finished, &seen, work);
    });
}

/// Three threads that each call `phases(t, finished, work)` (named `what`): two phases of `work`,
/// each counted in `finished` and ended at a barrier. The goal: a thread began phase 1 while
/// phase 0 was unfinished.
pub(super) fn in_phases(
    what: &str,
    phases: impl Fn(usize, &[AtomicU], &dyn Fn(u64)) + Send + Sync + 'static,
) {
    let phases = Arc::new(phases);
    let finished: Arc<Vec<AtomicU>> = Arc::new((0..2).map(|_| AtomicU::new(0)).collect());
    let early = note::<String>();
    let f = Arc::clone(&finished);
    book::show("finished phase 0, phase 1", move || {
        let r = std::sync::atomic::Ordering::Relaxed;
        format!("{}, {}", f[0].load(r), f[1].load(r))
    });
    let e = Arc::clone(&early);
    book::goal(move || get(&e));
    // Numbered from 0, as the chapter's own run names them (the keys count from 1).
    let threads = (0..THREADS)
        .map(|t| {
            let (phases, finished) = (Arc::clone(&phases), Arc::clone(&finished));
            let early = Arc::clone(&early);
            let phase = AtomicUsize::new(0);
            spawn(&format!("Thread {t}"), what, move || {
                // The phase's work: a step, where the scenario looks whether phase 0 is done.
                let work = |_secs: u64| {
                    let p = phase.fetch_add(1, SeqCst);
                    let done =
                        book::observe(|| finished[0].load(std::sync::atomic::Ordering::Relaxed));
                    if p == 1 && done.is_some_and(|d| d < THREADS) && get(&early).is_none() {
                        set(
                            &early,
                            format!(
                                "Thread {t} began phase 1 while only {} of {THREADS} threads had \
                                 finished phase 0: the barrier opened before all had come.",
                                done.unwrap_or(0)
                            ),
                        );
                        book::refresh();
                    }
                    common::sync::step("works");
                };
                phases(t, &finished, &work);
            })
        })
        .collect();
    join(threads);
}

fn ch16() {
    three_in_phases(3);
}

fn ch16_parties_2() {
    three_in_phases(2);
}

/// A barrier for three made the way chapter 11 warns against: a thread counts its arrival with
/// a load, then a store, and the one whose count makes a multiple of three opens it (the others
/// wait on a condvar for the opening). Two threads that load before either stores count as one:
/// the count never reaches three, and every thread waits for ever. Only a preemption between a
/// load and its store shows it.
#[derive(Default)]
struct LoadStoreBarrier {
    arrived: AtomicU,
    opened: Mutex<usize>,
    open: Condvar,
}

impl LoadStoreBarrier {
    fn wait(&self) {
        let n = self.arrived.load(SeqCst) + 1;
        self.arrived.store(n, SeqCst);
        let mut opened = self.opened.lock().unwrap();
        if n.is_multiple_of(THREADS) {
            *opened += 1;
            self.open.notify_all();
        } else {
            while *opened < n / THREADS + 1 {
                opened = self.open.wait(opened).unwrap();
            }
        }
    }
}

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch16.json", include_str!("ch16.json")),
    scenarios: &[
        // 3 would be 119,616 schedules, 4.1 s; the twins need 0 (a barrier of two) and 1.
        Scenario::bounded("ch16", ch16, 2),
        Scenario::bounded("ch16-parties-2", ch16_parties_2, 2),
    ],
    twins: &[
        (
            "ch16",
            "ch16-parties-2",
            "the barrier opened before all had come",
        ),
        ("ch16", "ch16-twin", "the threads deadlocked"),
    ],
    own_twins: &[twin(
        "ch16-twin",
        "ch16_barrier",
        "a barrier of its own for three, which counts arrivals with a load and a store",
        || {
            let barrier = LoadStoreBarrier::default();
            in_phases(
                "phases at a barrier of its own",
                move |_, finished, work| {
                    for done in finished {
                        work(1);
                        done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        barrier.wait();
                    }
                },
            )
        },
    )],
};
