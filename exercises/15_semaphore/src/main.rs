//! # Exercise 15: at most two at once
//!
//! Chapter 15's semaphore, in `src/lib.rs`. std has none, so it is a `Mutex<usize>`, the count of
//! free permits, and a `Condvar` to sleep on while the count is 0. First a job that fails: it takes
//! a permit and panics. (Its panic message shows on stderr, and that is expected.) Then six jobs of
//! one second each, all started at once, share the semaphore's two permits. As given, `with_permit`
//! hands out no permit at all, so all six jobs work at once and finish at 00:00:01.
//!
//! ## Your task
//! In `src/lib.rs`, write `Semaphore::with_permit`. It waits until a permit is free and takes it,
//! runs the job, then gives the permit back and wakes a job that waits for one, also when the job
//! panics. Then the failed job gives its permit back, and at most two jobs work at any moment. The
//! six finish two by two, at 00:00:01, 00:00:02 and 00:00:03.
//!
//! `cargo xtask check 15` runs the program, then a model with one permit and two threads, one doing
//! two jobs and one doing one. The model runs every schedule of their steps (on the play runtime,
//! as `cargo xtask play` runs them). A schedule that lets two jobs in at once, loses a permit, or
//! leaves a job waiting for ever is drawn, a lane per thread, each step with its line.
//!
//! ## Hint
//! To take a permit, lock the count and sleep on the `Condvar` in a `while` loop until it is above
//! 0, then lower it. Being woken is no promise, since another job may have taken the permit first.
//! To give it back, raise the count under the lock, then `notify_one`.
//!
//! The giving back must happen on the panic path too. Code after `job()` does not run when `job`
//! panics, but a guard's `Drop` does, as the stack unwinds. So give the permit back in the `drop`
//! of a small struct. `std::panic::catch_unwind` then `resume_unwind` works as well.
//!
//! ## If it differs
//! - `Main    : after the failed job, permits free: 1 of 2` came: the failed job never gave its
//!   permit back. The permit goes back by code after `job()`, which a panic skips.
//! - `Main    : at most [..] jobs were inside at once` came: another number of jobs worked at once
//!   than the two permits. A job went in without a free permit (the count is not looked at again
//!   after a wake-up, or not lowered), or a lost permit left one.
//! - `Job [..]: got a permit, working` came at another time: a job waited longer or shorter than
//!   the lesson says. With 2 permits, six jobs of 1 s finish two at a time, at 1 s, 2 s and 3 s.
//! - `Job [..]: done, gives its permit back` is missing: a job never finished. It waited for a
//!   permit that went back without waking it (no `notify_one`), until the runner stopped it.
#![forbid(unsafe_code)]

use common::sync::thread;
use std::time::Duration;

// The counters come through `common::sync` too: the check asks it of every file in `src/`.
use common::sync::atomic::{AtomicUsize, Ordering};
use ex15_semaphore::Semaphore;
use log::info;

const PERMITS: usize = 2;
const JOBS: usize = 6;
const WORK: Duration = Duration::from_secs(1);

fn main() {
    common::start();
    info!(
        "Main    : {JOBS} jobs of {} s, one semaphore of {PERMITS} permits",
        WORK.as_secs()
    );
    let semaphore = Semaphore::new(PERMITS);

    // A job that fails while it holds a permit: its thread panics, and `join` says so.
    let failed = thread::scope(|s| {
        s.spawn(|| {
            semaphore.with_permit(|| {
                info!("Job F: got a permit, and fails");
                panic!("Job F fails (on purpose: the lesson's failing job)");
            })
        })
        .join()
        .is_err()
    });
    info!(
        "Main    : Job F {}; after the failed job, permits free: {} of {PERMITS}",
        if failed { "panicked" } else { "returned" },
        semaphore.available()
    );

    // How many jobs are inside now, and the most there ever were.
    let (inside, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let start = common::elapsed();
    thread::scope(|s| {
        for job in 0..JOBS {
            let (semaphore, inside, most) = (&semaphore, &inside, &most);
            s.spawn(move || {
                info!("Job {job}: waiting for a permit");
                semaphore.with_permit(|| {
                    let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    info!("Job {job}: got a permit, working");
                    common::sleep(WORK);
                    inside.fetch_sub(1, Ordering::SeqCst);
                    info!("Job {job}: done, gives its permit back");
                });
            });
        }
    });
    let took = (common::elapsed() - start).as_secs();
    info!("Main    : the {JOBS} jobs took {took} s");
    info!(
        "Main    : at most {} jobs were inside at once",
        most.load(Ordering::SeqCst)
    );
    info!(
        "Main    : permits free at the end: {} of {PERMITS}",
        semaphore.available()
    );
}
