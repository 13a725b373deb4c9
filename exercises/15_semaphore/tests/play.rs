//! The exercise's model, on the play runtime: a semaphore of one permit, and two threads: Job A
//! does two jobs, one after the other, Job B one. The play engine's depth-first search runs every
//! schedule of their steps (each lock and release, each wait and notify, and Job A's work). On
//! each, no more than one job is ever inside, every job finishes (a job that sleeps for ever is
//! seen by shuttle as a deadlock), and the permit is free again at the end. Run by
//! `cargo xtask check 15`; it needs `--cfg shuttle`.
//!
//! Two threads, not loom's three: between its two jobs, Job A gives the permit back, wakes Job B
//! and may take the permit again before Job B runs, which is the schedule that breaks a wait in
//! an `if`; three threads of one job each make more than 20,000 schedules, these two 4,958.
//!
//! A schedule that breaks it is written for the check in the play engine's words, and the
//! check draws it as `cargo xtask play` draws a schedule: a lane per thread, each step's line.
#![cfg(shuttle)]

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::Arc;
use common::sync::book;
use ex15_semaphore::Semaphore;
use play::engine::{Level, join, spawn};

const LEVEL: Level = Level {
    id: "ex15",
    chapter: "ex15_semaphore",
    title: "Exercise 15: three jobs in two threads, one semaphore of one permit",
    goal: "Get a second job past a semaphore of one, or make a job wait for ever.",
    hint: "Let Job B wait; when Job A gives the permit back and wakes it, let Job A take it again first.",
    deadlock: Some(
        "A job waits for ever: the permit went back, or was never taken, and nothing woke the \
         job that waits for it.",
    ),
    fixed: Some("no schedule lets two jobs in at once, and every job finishes"),
    note: Some(
        "The play runtime's Condvar never wakes spuriously: here only a notify wakes a job.",
    ),
    scenario: two_threads,
};

fn two_threads() {
    let semaphore = Arc::new(Semaphore::new(1));
    book::name_locks(&["the count's lock"]);
    // The scenario's own notes (std's, which take no step): how many jobs are inside now, the
    // most there ever were, and how many finished.
    let (inside, most, done) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicUsize::new(0)),
    );
    let i = Arc::clone(&inside);
    book::show("jobs inside", move || i.load(SeqCst).to_string());
    let s = Arc::clone(&semaphore);
    book::show("free permits", move || s.available().to_string());
    let (s, m, d) = (Arc::clone(&semaphore), Arc::clone(&most), Arc::clone(&done));
    book::goal(move || {
        let most = m.load(SeqCst);
        if most > 1 {
            return Some(format!(
                "{most} jobs are inside a semaphore of one permit: a job went in without a free \
                 permit (woken, it did not look at the count again?)."
            ));
        }
        // Looked at once every job finished (while a job holds the count's lock, it cannot be).
        let free = (d.load(SeqCst) == 2).then(|| s.available());
        free.filter(|&f| f != 1).map(|f| {
            let why = if f > 1 {
                "a job went in without taking the permit (woken, it did not look at the count \
                 again?), and gave back one it never took"
            } else {
                "a permit was not given back"
            };
            format!("Every job finished and {f} permits are free, not 1: {why}.")
        })
    });
    // Job A does two jobs, one after the other: between them it gives the permit back and may
    // take it again before the job it woke runs.
    let threads = [("Job A", 2), ("Job B", 1)]
        .into_iter()
        .map(|(name, jobs)| {
            let (semaphore, inside, most, done) = (
                Arc::clone(&semaphore),
                Arc::clone(&inside),
                Arc::clone(&most),
                Arc::clone(&done),
            );
            let what = if jobs == 2 {
                "two jobs, one after the other"
            } else {
                "one job"
            };
            spawn(name, what, move || {
                for _ in 0..jobs {
                    semaphore.with_permit(|| {
                        let now = inside.fetch_add(1, SeqCst) + 1;
                        most.fetch_max(now, SeqCst);
                        book::did(format!("went in ({now} inside)"));
                        // Job A's work: a step, so that Job B can try to come in meanwhile.
                        // (Job B's takes none: what matters is that B finds A inside.)
                        if jobs == 2 {
                            common::sync::step("works inside");
                        }
                        // Out of the job, not yet out of the semaphore: its permit goes back after.
                        let now = inside.fetch_sub(1, SeqCst) - 1;
                        book::did(format!(
                            "finished its job ({now} inside), still holds its permit"
                        ));
                    });
                }
                done.fetch_add(1, SeqCst);
            })
        })
        .collect();
    join(threads);
}

#[test]
fn never_two_jobs_inside_a_semaphore_of_one_on_every_schedule() {
    play::model::holds(&LEVEL, 20_000);
}
