//! # A pool of threads
//!
//! A thread pool keeps a few worker threads and hands them jobs from a queue. With as many workers
//! as jobs, the three jobs run at once, as in chapter 1. With fewer workers than jobs, a job waits
//! in the queue until a worker is free.
//!
//! ## What to look for
//! With 2 workers, job 2 waits in the queue until a worker is free. The pool of 3 runs first, and
//! all three jobs finish at 00:00:02. Then the pool of 2 starts. Job 2 starts at 00:00:04, as soon
//! as the first of jobs 0 and 1 finishes: one freed worker is enough. Both finish in that second,
//! so `Thread 2: starting` can come before the other job's `finishing` line. The pool of 2 needs
//! 4 s instead of 2. `main` waits at `pool.join()` until every job has run, as at the end of
//! Python's `with` block.
//!
//! ## Python original
//! "Using a ThreadPoolExecutor" in Real Python's "An Intro to Threading in Python".
//! The article (https://realpython.com/intro-to-python-threading/) runs
//! `executor.map(thread_function, range(3))` in a `with ThreadPoolExecutor(max_workers=3)` block.
//! `threadpool::ThreadPool::execute` is `executor.submit`.
//!
//! `pool.join()` waits for the jobs, as the end of the `with` block does, but it is not
//! `shutdown(wait=True)`. The workers stay alive, waiting for more jobs, until the pool is dropped,
//! and nobody joins them. The `threadpool` crate mirrors the Python closely, but it has been
//! unmaintained since 2020 (its last release, 1.8.1, is from May 2020). A real program would use
//! scoped threads (chapter 12) for a few threads that must all finish, or rayon's pool for
//! data-parallel work.
//!
//! ## If it differs
//! - `Main    : the pool of [..] is done after [..] s.` came: a pool took another time than the
//!   lesson's. With N workers, 3 jobs of 2 s take 2 s for every round of N jobs, so 3 jobs on 1
//!   worker take three rounds, 6 s.
//! - `Thread 2: starting` came at another time: job 2 did not wait in the queue as long as the
//!   lesson says. The pool had another number of workers than the lesson's.
//! - `Thread [..]: finishing` is missing: a job never finished. It panicked, and the pool went on
//!   without it (it starts a new worker in place of the one that died).
//!
//! ## Try this
//! - In `chapters/ch03_thread_pool/src/main.rs`, change the second pool to 1 worker. The jobs run
//!   one after another, finishing at 2, 4 and 6 s after the pool starts.
//! - Make a job panic. The pool replaces the worker, and `pool.panic_count()` counts it.
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

/// Run three jobs on a pool of `workers` threads and wait for all of them.
fn run_pool(workers: usize) {
    let workers_word = if workers == 1 { "worker" } else { "workers" };
    info!("Main    : a pool of {workers} {workers_word} runs thread_function for 0, 1 and 2.");
    let started = common::elapsed();
    let pool = ThreadPool::new(workers);
    for index in 0..3 {
        pool.execute(move || thread_function(index));
    }
    pool.join();
    let took = (common::elapsed() - started).as_secs();
    info!("Main    : the pool of {workers} {workers_word} is done after {took} s.");
}

fn main() {
    let _lesson = common::start();
    run_pool(3);
    run_pool(2);
}
