//! Chapter 15's semaphore on many schedules: loom runs the chapter's own `Semaphore` (built with
//! `--cfg loom`, its `Mutex` and `Condvar` are loom's) with more jobs than permits, and checks on
//! every schedule it explores that no more jobs are ever inside than there are permits, that as
//! many as there are permits are inside together on some schedule (so the bound was tested), and
//! that every permit comes back. Then the same semaphore with one word changed, an `if` where the
//! chapter waits in a `while`, and loom finds the schedule where it lets one job too many in.
//! The three-job models bound the preemptions loom tries (see below). Run with
//! `cargo xtask prove`.
#![cfg(loom)]

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

use loom::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use loom::sync::{Arc, Condvar, Mutex};
use loom::thread;

/// A semaphore that lets a job work while it holds a permit.
trait Gate: Send + Sync + 'static {
    fn inside(&self, work: impl FnOnce());
}

impl Gate for ch15_semaphore::Semaphore {
    fn inside(&self, work: impl FnOnce()) {
        let _permit = self.acquire();
        work();
    }
}

thread_local! {
    /// The most jobs inside at once on the schedule being explored. loom runs every thread of a
    /// model on the test's own thread, so a thread-local sees them all, and adds no step of its
    /// own to the schedules.
    static MOST: Cell<usize> = const { Cell::new(0) };
}

/// `jobs` jobs (this thread and `jobs - 1` spawned ones) each work inside `gate`; returns the
/// most that were inside at once on this schedule.
fn most_inside<G: Gate>(gate: &Arc<G>, jobs: usize) -> usize {
    MOST.set(0);
    let inside = Arc::new(AtomicUsize::new(0));
    let job = {
        let (gate, inside) = (Arc::clone(gate), Arc::clone(&inside));
        move || {
            gate.inside(|| {
                let now = inside.fetch_add(1, SeqCst) + 1;
                MOST.set(MOST.get().max(now));
                inside.fetch_sub(1, SeqCst);
            })
        }
    };
    let others: Vec<_> = (1..jobs).map(|_| thread::spawn(job.clone())).collect();
    job();
    for t in others {
        t.join().unwrap();
    }
    MOST.get()
}

/// Run `model` on every schedule loom explores with at most `preemptions` preemptions (`None`:
/// no bound); the values it returned, and how many schedules there were.
fn explore(
    preemptions: Option<usize>,
    model: impl Fn() -> usize + Sync + Send + 'static,
) -> (BTreeSet<usize>, usize) {
    type Seen = (BTreeSet<usize>, usize);
    thread_local! {
        static SEEN: RefCell<Seen> = const { RefCell::new((BTreeSet::new(), 0)) };
    }
    SEEN.with(|s| *s.borrow_mut() = (BTreeSet::new(), 0));
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = preemptions;
    builder.check(move || {
        let value = model();
        SEEN.with(|s| {
            let mut s = s.borrow_mut();
            s.0.insert(value);
            s.1 += 1;
        });
    });
    SEEN.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

#[test]
fn never_more_jobs_inside_than_permits() {
    // Two jobs for one permit on every schedule; three jobs on every schedule with at most 4
    // preemptions (without a bound, three jobs for one permit take 79,401 schedules, 6.5 s on
    // a 2-core machine, and three jobs for two permits had not finished after 7 minutes; bugs
    // of this size show within two or three preemptions).
    for (permits, jobs, preemptions) in [(1, 2, None), (1, 3, Some(4)), (2, 3, Some(4))] {
        let (most, schedules) = explore(preemptions, move || {
            let semaphore = Arc::new(ch15_semaphore::Semaphore::new(permits));
            let most = most_inside(&semaphore, jobs);
            assert_eq!(semaphore.available(), permits, "every permit came back");
            most
        });
        println!(
            "ch15_semaphore, {jobs} jobs, {permits} permits, preemptions {preemptions:?}: \
             {schedules} schedules, at most {most:?} inside"
        );
        // Never more than the permits; and as many as the permits on some schedule, so the
        // jobs did overlap and the bound was tested.
        assert_eq!(most.last(), Some(&permits));
        assert!(schedules > 1);
    }
}

/// The chapter's semaphore with `if` where it has `while`: a woken job takes a permit without
/// looking again whether there is one.
struct IfSemaphore {
    free: Mutex<isize>,
    returned: Condvar,
}

impl Gate for IfSemaphore {
    fn inside(&self, work: impl FnOnce()) {
        let mut free = self.free.lock().unwrap();
        if *free == 0 {
            free = self.returned.wait(free).unwrap();
        }
        *free -= 1;
        drop(free);
        work();
        *self.free.lock().unwrap() += 1;
        self.returned.notify_one();
    }
}

#[test]
fn an_if_instead_of_a_while_lets_one_job_too_many_in() {
    let (most, schedules) = explore(Some(3), || {
        let semaphore = Arc::new(IfSemaphore {
            free: Mutex::new(1),
            returned: Condvar::new(),
        });
        most_inside(&semaphore, 3)
    });
    println!(
        "if instead of while, 3 jobs, 1 permit: {schedules} schedules, at most {most:?} inside"
    );
    // The schedule loom finds: job A waits; job B gives the permit back and wakes A; before A
    // runs, job C takes the permit; A wakes, does not look again, and goes in beside C.
    assert!(most.contains(&2), "loom found no schedule with two inside");
}
