//! The exercise's loom model: three jobs share a semaphore of one permit. On every schedule loom
//! explores (with at most 3 preemptions: three threads without a bound take tens of thousands
//! of schedules, and a permit handed out twice shows within two), no more than one job is ever
//! inside, every job finishes (a job that sleeps for ever is reported by loom as a deadlock),
//! and the permit is free again at the end. Run by `cargo xtask check 15`; it needs `--cfg loom`.
#![cfg(loom)]

use std::cell::Cell;

use ex15_semaphore::Semaphore;
use loom::sync::Arc;
use loom::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use loom::thread;

thread_local! {
    /// The most jobs inside at once on the schedule being explored (loom runs every thread of
    /// the model on this one).
    static MOST: Cell<usize> = const { Cell::new(0) };
}

#[test]
fn never_two_jobs_inside_a_semaphore_of_one() {
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = Some(3);
    builder.check(|| {
        MOST.set(0);
        let semaphore = Arc::new(Semaphore::new(1));
        let inside = Arc::new(AtomicUsize::new(0));
        let job = {
            let (semaphore, inside) = (Arc::clone(&semaphore), Arc::clone(&inside));
            move || {
                semaphore.with_permit(|| {
                    let now = inside.fetch_add(1, SeqCst) + 1;
                    MOST.set(MOST.get().max(now));
                    inside.fetch_sub(1, SeqCst);
                })
            }
        };
        let others: Vec<_> = (0..2).map(|_| thread::spawn(job.clone())).collect();
        job();
        for t in others {
            t.join().unwrap();
        }
        let (most, free) = (MOST.get(), semaphore.available());
        assert!(
            most <= 1,
            "{most} jobs were inside a semaphore of one permit at once: a job went in without a \
             free permit (woken, it did not look at the count again?)"
        );
        assert_eq!(
            free, 1,
            "the permit is not free at the end: it was not given back"
        );
    });
}
