//! # Exercise 16: everyone waits for the slowest
//!
//! Chapter 16's three threads, in two phases. Each thread works for its own time in each phase (the
//! table `WORK`), and no thread may begin phase 1 before all three have finished phase 0. After
//! each phase, one thread, the leader, counts how many finished it. As given, nothing holds a
//! thread back. Threads 0 and 2 begin phase 1 at 00:00:01 while thread 1 is still in phase 0, and
//! thread 0 leads phase 0 out when only 2 of 3 have finished it.
//!
//! ## Your task
//! Make the threads wait for each other at the end of each phase. Then each phase ends together, at
//! the time of its slowest thread: phase 1 begins at 00:00:02 for all three, and ends at 00:00:04.
//! Exactly one thread leads each phase out, once all 3 have finished it. Work in `src/lib.rs`,
//! where the `TODO` is, in `Phases` (which the threads share) and `Phases::work`. Keep the log
//! lines and the signatures.
//!
//! `cargo xtask check 16` runs the program, then a model of three threads in one phase on the play
//! runtime (`tests/play.rs`), which runs every schedule of their steps. (Two phases are 48,600
//! schedules, a minute, so the run and its noisy runs check the second.) A schedule is drawn step
//! by step if a thread goes on before all have finished the phase, or if the phase is not led out
//! exactly once after all finished it. The command that plays it comes with it
//! (`cargo xtask play --replay ...`).
//!
//! ## Hint
//! Make a `Barrier::new(n)` (std's, from the `use` at the top of `src/lib.rs`) once, in
//! `Phases::new`, and let the threads share it through `Phases`. Its `wait()` returns only when `n`
//! threads have called it, and then lets them all go on. Of those `n` calls, exactly one returns a
//! result whose `is_leader()` is true. A sleep is no barrier. It waits for a time, not for the
//! others, and the slowest thread's time is not the waiter's to know.
//!
//! ## If it differs
//! - `Thread [..]: phase 1, [..] s of work` came at another time: a thread began phase 1 before the
//!   slowest had finished phase 0, or later. It did not wait for the others, or it waited for a
//!   time instead of for them.
//! - `Thread [..]: leads phase [..] out: [..] of 3 threads finished it` came: a phase was led out
//!   before every thread had finished it. There is no barrier, or one made for fewer threads than
//!   wait at it (`Barrier::new(2)`), or the leader is picked without waiting.
//! - `Main    : all 3 threads came through[..]` is missing: the threads never all finished, until
//!   the runner stopped them. A barrier waits for more threads than come to it. (One made inside
//!   each thread, for three, is a barrier each thread waits at alone.)
#![forbid(unsafe_code)]

use common::sync::thread;
use std::time::Duration;

use ex16_barrier::Phases;
use log::info;

/// Seconds of work of each thread (the rows) in each phase (the columns).
const WORK: [[u64; 2]; 3] = [[1, 2], [2, 1], [1, 1]];
const THREADS: usize = WORK.len();

fn main() {
    common::start();
    let phases = WORK[0].len();
    info!("Main    : {THREADS} threads, {phases} phases");

    let shared = Phases::new(THREADS, phases);
    let start = common::elapsed();
    thread::scope(|s| {
        for (t, work) in WORK.iter().enumerate() {
            let shared = &shared;
            s.spawn(move || shared.work(t, work, |secs| common::sleep(Duration::from_secs(secs))));
        }
    });
    let took = (common::elapsed() - start).as_secs();
    info!("Main    : all {THREADS} threads came through the {phases} phases");

    let slowest: Vec<String> = (0..phases)
        .map(|p| {
            let most = WORK.iter().map(|w| w[p]).max().unwrap_or(0);
            format!("{most} s")
        })
        .collect();
    info!(
        "Main    : the {phases} phases took {took} s, each as long as its slowest thread ({})",
        slowest.join(" + ")
    );
}
