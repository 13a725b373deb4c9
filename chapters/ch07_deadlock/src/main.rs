//! # Deadlock
//!
//! Two ways threads wait for ever. Real Python's way: one thread takes a lock it already holds. The
//! classic way: two threads take two locks in opposite orders, and each ends up holding the lock
//! the other waits for. The threads really block in `lock()`. Then the fix, in which every thread
//! takes the locks in the same order, and both threads finish.
//!
//! `main` waits until nothing has happened for two seconds, and calls the group stuck. Then it
//! looks for a cycle of waits: which thread holds which lock, and waits for which. A cycle is a
//! deadlock, and no thread in it can break it. `main` leaves those threads blocked. Threads that
//! are never joined end when `main` returns (chapter 2), so the chapter still exits normally.
//!
//! ## What to look for
//! `Thread 0: acquired lock twice` never comes. At 00:00:02 `main` finds Thread 0 holding lock 0
//! and waiting for lock 0, itself. At 00:00:04 it finds a cycle. Thread A holds lock 1 and waits
//! for lock 2, while Thread B holds lock 2 and waits for lock 1. When both threads take lock 1
//! before lock 2, one waits a moment for lock 1, and both finish. The last line counts the threads
//! still blocked when `main` returns.
//!
//! ## In the code
//! The cycle comes from the course's own bookkeeping, the deadlock watch (`lab/src/lock.rs`). Each
//! lock notes who holds it and who waits for it. std has no deadlock detection, and a thread
//! blocked in `Mutex::lock` is just blocked. (parking_lot's `deadlock_detection` feature does this
//! job for parking_lot's locks.) As in chapter 4, a barrier makes the unlucky timing certain. Each
//! thread holds its first lock before either reaches for its second.
//!
//! ## Python original
//! Real Python's lock acquired twice, and the bank demo's two locks taken in opposite orders.
//! Real Python's "An Intro to Threading in Python"
//! (<https://realpython.com/intro-to-python-threading/>) has a section on deadlock. It calls
//! `l.acquire()` twice on one `threading.Lock`, which hangs.
//!
//! The opposite orders come from the bank demo of Talk Python Training's "Async Techniques and
//! Examples in Python", `src/06-thread-safety/safe_bank_fine_grained.py` in
//! <https://github.com/talkpython/async-techniques-python-course>. Its check took the account locks
//! in list order, while the transfers took them by address. The commit "Fix deadlock in
//! safe_bank_fine_grained.py" (d70a9fe) fixed that.
//!
//! Side by side: the same deadlocks, read off the same kind of record of who holds and who waits
//! (neither Rust's std nor Python detects a deadlock). The Python threads must be daemon threads,
//! since a Python program waits at its end for every other thread, and would wait for a blocked one
//! for ever.
//!
//! ## If it differs
//! - `Thread 0: acquired lock twice` came: a second `lock()` of a `Mutex`, on the thread that holds
//!   it, returned. std says it will not return (it may deadlock or panic), and on this system it
//!   blocks.
//! - `Main    : deadlock detected: Thread A[..]` is missing: the two threads did not wait for each
//!   other in a cycle. They took their locks in the same order, or one finished before the other
//!   began.
//! - `Main    : [..] threads finished within 2 s: no deadlock.` is missing: the threads of the fix
//!   did not finish. They no longer take the locks in one order.
//!
//! ## Try this
//! - In part 3 of `chapters/ch07_deadlock/src/main.rs`, call `take_both` instead of
//!   `take_both_in_order`. Thread D takes lock 2 first again, and the deadlock is back, now of
//!   Thread C and Thread D, found at 00:00:06. It forms nearly every run, not every run, because
//!   part 3 has no barrier.
//! - Remove the barrier from part 2's pause, leaving the sleep. On an idle machine the deadlock
//!   still forms nearly every run. On a busy one, a thread may start late enough to take both locks
//!   first. That is how deadlocks hide in testing.
#![forbid(unsafe_code)]

use common::sync::{Arc, Barrier};
use std::time::Duration;

use ch07_deadlock::{acquire_twice, take_both, take_both_in_order};
use lab::{Group, Lock, Outcome, Watch};
use log::info;

/// How long nothing may happen before `main` calls a group stuck and looks for a deadlock.
const PATIENCE: Duration = Duration::from_secs(2);
/// The work done while holding the first lock.
const GAP: Duration = Duration::from_millis(100);

/// Wait for the group, say how it stands, and count the threads it leaves blocked.
fn wait_and_report(group: &mut Group<()>) -> usize {
    let began = common::elapsed();
    let stuck = match group.wait(PATIENCE) {
        Outcome::Finished(_) => {
            // The watchdog waits for a pause in progress, not for a deadline: say which it was.
            let within = common::elapsed() - began <= PATIENCE;
            info!(
                "Main    : all {} threads finished {} {} s: no deadlock.",
                group.len(),
                if within { "within" } else { "after more than" },
                PATIENCE.as_secs()
            );
            return 0;
        }
        Outcome::Stuck(stuck) => stuck,
    };
    let Some(cycle) = stuck.cycle else {
        info!(
            "Main    : stuck for {} s, but no thread waits in a cycle of the watched locks",
            PATIENCE.as_secs()
        );
        return stuck.unfinished;
    };
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
    stuck.unfinished
}

/// Two watched locks, `lock 1` and `lock 2`, and a group that watches them.
fn two_locks() -> (Arc<Lock<()>>, Arc<Lock<()>>, Group<()>) {
    let watch = Watch::new();
    let lock = |name| Arc::new(Lock::watched(&watch, name, ()));
    (lock("lock 1"), lock("lock 2"), Group::watching(&watch))
}

fn main() {
    common::start();
    let mut blocked = 0;

    info!("Main    : 1. One thread takes one lock twice");
    let watch = Watch::new();
    let lock0 = Lock::watched(&watch, "lock 0", ());
    let mut group = Group::watching(&watch);
    group.spawn("Thread 0", move |_| acquire_twice(&lock0));
    blocked += wait_and_report(&mut group);

    info!("Main    : 2. Two threads take two locks in opposite orders");
    let (lock1, lock2, mut group) = two_locks();
    // Each thread holds its first lock before either reaches for its second: the timing in
    // which opposite orders deadlock, made certain.
    let both_hold_one = Arc::new(Barrier::new(2));
    for (name, first, second) in [("Thread A", &lock1, &lock2), ("Thread B", &lock2, &lock1)] {
        let (first, second) = (Arc::clone(first), Arc::clone(second));
        let both = Arc::clone(&both_hold_one);
        group.spawn(name, move |_| {
            take_both(&first, &second, || {
                both.wait();
                common::sleep(GAP);
            })
        });
    }
    blocked += wait_and_report(&mut group);

    info!("Main    : 3. The fix: every thread takes lock 1 before lock 2");
    let (lock1, lock2, mut group) = two_locks();
    // The same wishes as A and B, now kept in the global order (no barrier: with one order,
    // the second thread waits for lock 1 and would never reach it).
    for (name, first, second) in [("Thread C", &lock1, &lock2), ("Thread D", &lock2, &lock1)] {
        let (first, second) = (Arc::clone(first), Arc::clone(second));
        group.spawn(name, move |_| {
            take_both_in_order(&first, &second, || common::sleep(GAP))
        });
    }
    blocked += wait_and_report(&mut group);

    // Returning from `main` ends the process, and with it every thread, blocked or not.
    info!("Main    : main returns, and the {blocked} blocked threads end with it.");
}
