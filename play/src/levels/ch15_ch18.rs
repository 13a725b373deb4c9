//! The scenarios of chapters 15 to 18: a semaphore, a barrier, a read-write lock and
//! initialising once.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::atomic::AtomicUsize as AtomicU;
use common::sync::book;
use common::sync::{Arc, Condvar, Mutex};

use super::{get, note, set};
use crate::engine::{join, spawn};

/// The chapter's semaphore with `if` where it waits in a `while`, and its permit's return as
/// the chapter writes it. `wraps`: with wrapping arithmetic (the `ch15` level), so that a woken
/// job that finds no permit still goes in, and the count wraps; else with the chapter's `-=`,
/// which panics there in a debug build (the twin in `twins.rs`).
pub(crate) struct IfSemaphore {
    free: Mutex<usize>,
    returned: Condvar,
    wraps: bool,
}

impl IfSemaphore {
    pub(crate) fn new(permits: usize, wraps: bool) -> Self {
        IfSemaphore {
            free: Mutex::new(permits),
            returned: Condvar::new(),
            wraps,
        }
    }
}

pub(crate) trait Gate: Send + Sync + 'static {
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

/// A semaphore of two, and three threads: A does two jobs, B and C one each.
pub(crate) fn three_jobs<G: Gate>(gate: G) {
    let gate = Arc::new(gate);
    book::name_locks(&["the count's lock"]);
    let inside = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let i = Arc::clone(&inside);
    book::show("jobs inside", move || i.load(SeqCst).to_string());
    let g = Arc::clone(&gate);
    book::show("free permits", move || (g.free() as isize).to_string());
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

pub(super) fn ch15() {
    three_jobs(IfSemaphore::new(2, true));
}

pub(super) fn ch15_while() {
    three_jobs(ch15_semaphore::Semaphore::new(2));
}

/// Chapter 17's part 3: Main holds a read lock and lets go, the writer (`writer`: the
/// chapter's, which adds 1) writes, the late reader reads; `goal` looks at the lock's note in
/// the book.
pub(crate) fn readers_and_a_writer(
    writer: fn(&common::sync::RwLock<u64>),
    goal: fn(&book::LockNote, &book::Book) -> Option<String>,
) {
    let lock = Arc::new(common::sync::RwLock::new(0_u64));
    book::name_locks(&["the lock"]);
    let l = Arc::clone(&lock);
    book::show("value", move || l.read().map_or(0, |v| *v).to_string());
    let read = note::<u64>();
    let r = Arc::clone(&read);
    book::show("Reader 3 read", move || {
        get(&r).map_or("(not yet)".into(), |v| v.to_string())
    });
    book::goal(move || book::with(|b| goal(&b.locks[0], b)));
    let (l1, l2) = (Arc::clone(&lock), Arc::clone(&lock));
    join(vec![
        spawn("Main", "hold_a_read_lock", move || {
            ch17_rwlock::hold_a_read_lock(&l1, || {})
        }),
        spawn("Writer", "writer", move || writer(&l2)),
        spawn("Reader 3", "late_reader", move || {
            set(&read, ch17_rwlock::late_reader(&lock));
        }),
    ]);
}

pub(super) fn ch17() {
    readers_and_a_writer(ch17_rwlock::writer, |lock, b| {
        let writer = lock.holder?;
        (!lock.readers.is_empty()).then(|| {
            format!(
                "{} writes while a reader holds the lock.",
                b.lanes[writer].name
            )
        })
    });
}

pub(super) fn ch17_reader_first() {
    readers_and_a_writer(ch17_rwlock::writer, |lock, b| {
        let (reader, writer) = lock.overtaken?;
        Some(format!(
            "{} got in ahead of {}, who waits to write. A lock that lets readers join while a \
             writer waits can keep it waiting as long as readers overlap: writer starvation.",
            b.lanes[reader].name, b.lanes[writer].name
        ))
    });
}

/// Chapter 18's settings asked for by `threads` threads, each with `asking`; the goal: the
/// initialiser ran twice.
pub(super) fn settings(
    threads: usize,
    asking: fn(&common::sync::OnceLock<ch18_once::Settings>, &AtomicU, usize),
) {
    let cell = Arc::new(common::sync::OnceLock::new());
    let calls = Arc::new(AtomicU::new(0));
    let c = Arc::clone(&calls);
    book::show("initialiser calls", move || {
        c.load(std::sync::atomic::Ordering::Relaxed).to_string()
    });
    let c = Arc::clone(&calls);
    book::goal(move || {
        let n = c.load(std::sync::atomic::Ordering::Relaxed);
        (n >= 2).then(|| {
            format!(
                "The initialiser ran {n} times: each thread that found the cell empty made its \
                 own settings. Only one value was kept; the work was done {n} times."
            )
        })
    });
    // Numbered from 0, as the chapter's own run names them (the keys count from 1).
    let handles = (0..threads)
        .map(|t| {
            let (cell, calls) = (Arc::clone(&cell), Arc::clone(&calls));
            spawn(&format!("Thread {t}"), "asks for the settings", move || {
                asking(&cell, &calls, t)
            })
        })
        .collect();
    join(handles);
}

/// The initialiser's work: a step of its own, so that others can ask meanwhile.
pub(super) fn work() {
    common::sync::step("makes the settings (the lesson's second of work)");
}

pub(super) fn ch18() {
    settings(2, |cell, calls, t| {
        let got = ch18_once::ask(cell, calls, t, work);
        book::did(format!("got the settings made by call {}", got.call));
    });
}

pub(super) fn ch18_look_and_set() {
    settings(2, |cell, calls, t| {
        // Chapter 18's Try this: a look, then a set, with nothing between.
        let got = match cell.get() {
            Some(s) => s,
            None => {
                let _ = cell.set(ch18_once::make(calls, t, work));
                cell.get().unwrap()
            }
        };
        book::did(format!("got the settings made by call {}", got.call));
    });
}

/// Chapter 16's three threads in two phases at a barrier for `parties`; the goal: a thread
/// began phase 1 while phase 0 was unfinished.
pub(super) fn three_in_phases(parties: usize) {
    let barrier = common::sync::Barrier::new(parties);
    let seen = ch16_barrier::Seen::default();
    in_phases("work_in_phases", move |t, finished, work| {
        ch16_barrier::work_in_phases(t, &[1, 1], THREADS, &barrier, finished, &seen, work);
    });
}

/// The threads of chapter 16's phases.
pub(crate) const THREADS: usize = 3;

/// Three threads that each call `phases(t, finished, work)` (named `what`): two phases of `work`,
/// each counted in `finished` and ended at a barrier. The goal: a thread began phase 1 while
/// phase 0 was unfinished.
pub(crate) fn in_phases(
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

pub(super) fn ch16() {
    three_in_phases(3);
}

pub(super) fn ch16_parties_2() {
    three_in_phases(2);
}
