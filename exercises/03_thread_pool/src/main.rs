//! # Exercise 3: wait for the pool
//!
//! Chapter 3's pool of three workers, with three jobs of two seconds each. `main` hands the jobs to
//! the pool and goes on at once. It says the jobs are done after 0 s and returns, and the process
//! ends with the three jobs in the middle of their sleep. Python's `with ThreadPoolExecutor(...)`
//! waits at the end of its block, but a `threadpool::ThreadPool` does not wait when it is dropped.
//!
//! ## Your task
//! Make `main` wait until the three jobs are done before it says so, with the jobs still running at
//! the same time. All three finish at 00:00:02, and `main` says "done after 2 s". Keep the log
//! lines. The work is in this file, where the `TODO` is.
//!
//! ## Hint
//! `pool.join()` waits until the pool's queue is empty and every worker is idle. Where you call it
//! matters. After each `execute`, it waits for that job before the next is even queued.
//!
//! ## If it differs
//! - `Thread [..]: finishing` is missing: a job never finished. `main` returned while it slept, and
//!   the pool's threads ended with the process.
//! - `Thread [..]: starting` came at another time: a job started late. It waited for the one before
//!   (a join after each job, or fewer workers than jobs).
//! - `Main    : the three jobs are done after [..] s.` came: `main` said the jobs were done before
//!   they were, or waited for them one after another.
#![forbid(unsafe_code)]

use std::time::Duration;

use log::info;
// The `threadpool` crate's pool, through `common::sync` (which records it for the timeline).
use common::sync::ThreadPool;

fn thread_function(name: usize) {
    info!("Thread {name}: starting");
    common::sleep(Duration::from_secs(2));
    info!("Thread {name}: finishing");
}

fn main() {
    let _lesson = common::start();
    info!("Main    : a pool of 3 workers runs thread_function for 0, 1 and 2.");
    let started = common::elapsed();
    let pool = ThreadPool::new(3);
    for index in 0..3 {
        pool.execute(move || thread_function(index));
    }
    // TODO: nothing waits for the jobs here: `main` goes on at once, and when it returns the
    // process ends with the jobs still sleeping. Wait for them.
    let took = (common::elapsed() - started).as_secs();
    info!("Main    : the three jobs are done after {took} s.");
}
