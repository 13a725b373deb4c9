//! # A barrier: everyone waits for the slowest
//!
//! Three threads work in two phases, each thread for its own time in each phase. No thread may
//! begin a phase before every thread has finished the one before. A `std::sync::Barrier` for three
//! is where they wait. `wait()` returns only when all three have called it. So the threads move
//! through the phases in lockstep, and each phase lasts as long as its slowest thread.
//!
//! Of each phase's three `wait()` calls, exactly one returns a result whose `is_leader()` is true
//! (std's docs say "a single (arbitrary) thread"). That thread learns it is the leader only as
//! `wait()` returns, when all three are already released. So the leader's work runs alongside the
//! others' next phase, not between the phases.
//!
//! ## What to look for
//! Each phase ends when its slowest thread is done, at 00:00:02 and then at 00:00:04. In phase 0,
//! threads 0 and 2 are done at 00:00:01 and wait. Thread 1, the slowest, is done at 00:00:02, and
//! at that moment all three begin phase 1. In phase 1 the slowest is thread 0. The first line says
//! what the barrier was made for, `Barrier::new(3)`.
//!
//! One thread leads each phase out. Its line comes in the same second as the others' next lines, in
//! any order among them, because the barrier had already let everyone go. It counts the threads
//! that finished the phase, and finds all 3. Nobody passes the barrier before everyone has arrived.
//! And std's `Barrier`, as it is built today, also makes each thread's addition to the count
//! visible to the leader (see Under the hood).
//!
//! At the end `main` says what the run saw. All 3 threads came through both phases. The barrier
//! opened 2 times, for 3 waits each (each opening has one leader, and each `wait()` that returned
//! is counted). The last line is measured. The two phases took 4 s, each as long as its slowest
//! thread (2 s + 2 s), where thread 2 alone had only 2 s of work.
//!
//! ## Under the hood
//! The leader's count of 3 rests on more than the waiting. Each thread adds one to the phase's
//! count before its `wait()`, and the leader reads the count after its own. The count is a
//! `Relaxed` atomic (chapter 11), so nothing but the barrier makes the leader's read see the
//! others' additions. std's docs do not promise that a barrier does that. POSIX and C++ promise it
//! for their barriers (`pthread_barrier_wait` is among the functions that synchronise memory, and
//! `std::barrier` orders each arrival before the returns of the waits).
//!
//! But std's `Barrier` is a `Mutex` and a `Condvar` inside, and every `wait()` takes that lock. A
//! lock orders memory: what one thread did before it unlocked is seen by the next thread that
//! locks. So, in std's implementation today, what each thread did before its `wait()` is seen by
//! every thread after theirs. No ordering on the count could stand in for the barrier, since only
//! the barrier makes the leader's read come after the other threads' additions.
//!
//! ## Python original
//! "Barrier" in Real Python's "An Intro to Threading in Python".
//! The article (https://realpython.com/intro-to-python-threading/) keeps a fixed number of threads
//! in step with a `threading.Barrier`. Each thread waits at the barrier until all have come. Here
//! it would be `threading.Barrier(3)`. Python's `wait()` gives each thread its own index, 0, 1
//! or 2. The usual way to pick one thread for the leader's work is `if barrier.wait() == 0`, which,
//! like `is_leader()`, runs after everyone was released.
//!
//! Only the barrier's own action runs between the phases. `threading.Barrier(3, action=f)` calls
//! `f` in one of the threads after all have arrived and before any is released (Python's docs say
//! "prior to being released"). std's `Barrier` has no action. To do work between the phases, the
//! leader does it, and every thread waits a second time.
//!
//! Python's barrier also takes a timeout, and breaks (`BrokenBarrierError`) when one runs out or
//! `abort()` is called. std's `Barrier` has neither, so a thread that never arrives leaves the
//! others waiting for ever.
//!
//! ## If it differs
//! - `Main    : 3 threads, 2 phases, one Barrier::new([..])` came: the barrier was made for another
//!   number than the three threads that wait at it (`PARTIES`).
//! - `Thread [..]: phase 1, [..] s of work` came at another time: a thread began phase 1 before the
//!   slowest had finished phase 0. It did not wait at the barrier, or the barrier let it on without
//!   the others.
//! - `Thread [..]: leads phase [..] out: [..] of 3 threads finished it` came: the barrier opened
//!   before every thread had arrived. It was made for fewer threads than wait at it.
//! - `Main    : the barrier opened [..] times, for [..] waits each[..]` came: the barrier did not
//!   open once per phase for the three threads. It was made for fewer (`Barrier::new(2)` opens for
//!   every two waits), or waited at more often than once a phase.
//! - `Main    : 3 of 3 threads came through the 2 phases` is missing: the threads never all
//!   finished. The barrier waits for more threads than there are (a `Barrier::new(4)` for three),
//!   or a thread panicked before it came. The others waited for ever, until the runner killed the
//!   chapter.
//!
//! ## Try this
//! - In `chapters/ch16_barrier/src/main.rs`, set `PARTIES` to 2. The barrier opens for every two
//!   threads that arrive, and thread 2 starts phase 1 at 00:00:01. The leader of phase 0 counts 2
//!   of 3, the barrier opens 3 times for 2 waits each, and `cargo xtask run ch16` says the phases
//!   no longer end together.
//! - Make the leader's work come between the phases. After the `if` in `work_in_phases`
//!   (`chapters/ch16_barrier/src/lib.rs`), have every thread call `barrier.wait();` once more. Now
//!   the leader's line comes before every `phase 1` line, since no thread begins phase 1 until the
//!   leader, too, has waited a second time.
//! - Make thread 2 panic in phase 1, with `assert!(t != 2 || p != 1)` before the `wait()` in
//!   `chapters/ch16_barrier/src/lib.rs`. The two others wait at the barrier for ever, since std's
//!   `Barrier` has no timeout and cannot break. The runner kills the chapter after 20 s.
#![forbid(unsafe_code)]

use common::sync::Barrier;
use common::sync::atomic::AtomicUsize;
use common::sync::thread;
use std::time::Duration;

use ch16_barrier::{Seen, work_in_phases};
use log::info;

/// Seconds of work of each thread (the rows) in each phase (the columns).
const WORK: [[u64; 2]; 3] = [[1, 2], [2, 1], [1, 1]];
const THREADS: usize = WORK.len();
/// How many `wait()` calls the barrier gathers before it lets them all go.
const PARTIES: usize = THREADS;

fn main() {
    common::start();
    let phases = WORK[0].len();
    info!("Main    : {THREADS} threads, {phases} phases, one Barrier::new({PARTIES})");

    let barrier = Barrier::new(PARTIES);
    // How many threads finished each phase. Relaxed is enough if `wait()` synchronises, as it
    // does (every `wait()` takes the barrier's own lock), though std's docs do not say so.
    let finished: Vec<AtomicUsize> = (0..phases).map(|_| AtomicUsize::new(0)).collect();
    let seen = Seen::default();
    let start = common::elapsed();
    thread::scope(|s| {
        for (t, work) in WORK.iter().enumerate() {
            let (barrier, finished, seen) = (&barrier, &finished, &seen);
            s.spawn(move || {
                work_in_phases(t, work, THREADS, barrier, finished, seen, |secs| {
                    common::sleep(Duration::from_secs(secs))
                })
            });
        }
    });
    let took = (common::elapsed() - start).as_secs();
    // The scope has joined them all, so every count is final.
    let (openings, waits) = (seen.openings.into_inner(), seen.waits.into_inner());
    info!(
        "Main    : {} of {THREADS} threads came through the {phases} phases",
        seen.through.into_inner()
    );
    info!(
        "Main    : the barrier opened {openings} times, for {} waits each ({waits} in all)",
        waits / openings.max(1)
    );

    let slowest: Vec<u64> = (0..phases)
        .map(|p| WORK.iter().map(|w| w[p]).max().unwrap_or(0))
        .collect();
    let sum: Vec<String> = slowest.iter().map(|s| format!("{s} s")).collect();
    let sum = sum.join(" + ");
    info!(
        "Main    : the {phases} phases took {took} s, {}",
        if took == slowest.iter().sum::<u64>() {
            format!("each as long as its slowest thread ({sum})")
        } else {
            format!("not the sum of the slowest threads ({sum})")
        }
    );
}
