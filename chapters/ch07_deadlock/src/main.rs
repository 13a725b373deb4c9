//! # Deadlock
//!
//! Two ways threads wait for ever. The notebook's: one thread takes a lock it already holds. The
//! classic: two threads take two locks in opposite orders, and each ends up holding the lock the
//! other waits for. The threads really block in `lock()`. `main` waits two seconds for them, then
//! reads the deadlock off a wait-for graph (which thread holds which lock and waits for which) and
//! leaves them blocked: threads that are never joined simply end when `main` returns (as Python's
//! daemon threads do), and the chapter exits normally. Then the fix: one global order of locking,
//! which completes.
//!
//! ## What to look for
//! `Thread 0: acquired lock twice` never comes. At 00:00:02 `main` finds Thread 0 holding lock 0
//! and waiting for lock 0, itself. At 00:00:04 it finds Thread A holding lock 1 and waiting for
//! lock 2 while Thread B holds lock 2 and waits for lock 1: a cycle, which no thread in it can
//! break. With both threads taking lock 1 before lock 2, one waits a moment for lock 1 and both
//! finish. The last line counts the threads still blocked when `main` returns.
//!
//! ## Python original
//! The notebook's lock acquired twice, and two locks taken in opposite orders.
//! `003_00ecf6995e572dc7.txt`, "Deadlocks": `l.acquire()` twice, commented out there because it
//! hangs. The opposite orders are those of the bank demo's `safe_bank_fine_grained.py`, one
//! version of which took its two account locks in an order that disagreed with the transfer's
//! and deadlocked almost every run. A barrier makes the unlucky timing certain here: each
//! thread holds its first lock before either reaches for its second.
//!
//! ## If it differs
//! - `Thread 0: acquired lock twice` came: a second `lock()` of a `Mutex` on the thread that
//!   holds it returned: std leaves that unspecified (it may also panic), and on this system it
//!   should block for ever.
//! - `Main    : deadlock detected: Thread A[..]` is missing: the two threads did not wait for
//!   each other: they took their locks in the same order, or one finished before the other
//!   began.
//! - `Main    : [..] threads finished within 2 s: no deadlock.` is missing: the threads of the
//!   fix did not finish: the global order is not kept.
//!
//! ## Try this
//! - In part 3, call `take_both` instead of `take_both_in_order`: Thread D takes lock 2 first
//!   again, and the deadlock is back (nearly every run: there is no barrier there), now of
//!   Thread C and Thread D, found at 00:00:06.
//! - Remove the barrier from part 2's pause, leaving the sleep: on an idle machine the deadlock
//!   still forms nearly every run; on a busy one a thread may start late enough to take both
//!   locks first. That is how deadlocks hide in testing.
#![forbid(unsafe_code)]

use std::sync::{Arc, Barrier};
use std::time::Duration;

use ch07_deadlock::{
    Lock, Outcome, WaitGraph, Watch, acquire_twice, take_both, take_both_in_order,
};
use log::info;

/// How long `main` waits for a group of threads before it looks for a deadlock.
const PATIENCE: Duration = Duration::from_secs(2);
/// The work done while holding the first lock.
const GAP: Duration = Duration::from_millis(100);

/// Wait for the group, say how it stands, and count the threads it leaves blocked.
fn wait_and_report(group: &Watch, graph: &WaitGraph) -> usize {
    match group.wait(graph, common::scaled(PATIENCE)) {
        Outcome::Finished => {
            info!(
                "Main    : all {} threads finished within {} s: no deadlock.",
                group.len(),
                PATIENCE.as_secs()
            );
            0
        }
        Outcome::Deadlock(cycle) => {
            for link in &cycle {
                info!(
                    "Main    : deadlock detected: {} holds {} and waits for {}",
                    link.thread, link.holds, link.waits_for
                );
            }
            let names: Vec<&str> = cycle.iter().map(|l| l.thread.as_str()).collect();
            let stay = if names.len() == 1 { "stays" } else { "stay" };
            info!(
                "Main    : {} {stay} blocked in lock(), never joined",
                names.join(" and ")
            );
            cycle.len()
        }
        Outcome::Unfinished => {
            info!(
                "Main    : not finished after {} s, but no thread waits in a cycle",
                PATIENCE.as_secs()
            );
            0
        }
    }
}

fn main() {
    common::start();
    let mut blocked = 0;

    info!("Main    : 1. One thread takes one lock twice");
    let graph = WaitGraph::new();
    let lock0 = Lock::new(&graph, 0);
    let mut group = Watch::new();
    group.spawn("Thread 0", move || acquire_twice(&lock0));
    blocked += wait_and_report(&group, &graph);

    info!("Main    : 2. Two threads take two locks in opposite orders");
    let graph = WaitGraph::new();
    let (lock1, lock2) = (Lock::new(&graph, 1), Lock::new(&graph, 2));
    // Each thread holds its first lock before either reaches for its second: the timing in
    // which opposite orders deadlock, made certain.
    let both_hold_one = Arc::new(Barrier::new(2));
    let mut group = Watch::new();
    for (name, first, second) in [("Thread A", &lock1, &lock2), ("Thread B", &lock2, &lock1)] {
        let (first, second, both) = (
            Arc::clone(first),
            Arc::clone(second),
            Arc::clone(&both_hold_one),
        );
        group.spawn(name, move || {
            take_both(&first, &second, || {
                both.wait();
                common::sleep(GAP);
            })
        });
    }
    blocked += wait_and_report(&group, &graph);

    info!("Main    : 3. The fix: every thread takes lock 1 before lock 2");
    let graph = WaitGraph::new();
    let (lock1, lock2) = (Lock::new(&graph, 1), Lock::new(&graph, 2));
    let mut group = Watch::new();
    // The same wishes as A and B, now kept in the global order (no barrier: with one order,
    // the second thread waits for lock 1 and would never reach it).
    for (name, first, second) in [("Thread C", &lock1, &lock2), ("Thread D", &lock2, &lock1)] {
        let (first, second) = (Arc::clone(first), Arc::clone(second));
        group.spawn(name, move || {
            take_both_in_order(&first, &second, || common::sleep(GAP))
        });
    }
    blocked += wait_and_report(&group, &graph);

    // Returning from `main` ends the process, and with it every thread, blocked or not.
    info!("Main    : main returns, and the {blocked} blocked threads end with it.");
}
