//! The lesson's functions on real threads: opposite orders deadlock and the watch finds the
//! cycle; one global order always finishes. (The cycle reading itself is tested in `lab`.)
#![forbid(unsafe_code)]

use common::sync::thread;
use common::sync::{Arc, Barrier};
use std::time::Duration;

use ch07_deadlock::{acquire_twice, take_both, take_both_in_order};
use lab::{Group, Link, Lock, Outcome, Watch};

const PATIENCE: Duration = Duration::from_millis(500);

fn two_locks() -> (Arc<Lock<()>>, Arc<Lock<()>>, Group<()>) {
    let watch = Watch::new();
    let lock = |name| Arc::new(Lock::watched(&watch, name, ()));
    (lock("lock 1"), lock("lock 2"), Group::watching(&watch))
}

/// Wait for the group until the watch shows a cycle of waits (or ten patiences pass).
fn cycle_of(group: &mut Group<()>) -> Vec<Link> {
    for _ in 0..10 {
        match group.wait(PATIENCE) {
            Outcome::Stuck(s) => match s.cycle {
                Some(cycle) => return cycle,
                None => continue,
            },
            Outcome::Finished(_) => panic!("the threads finished: no deadlock"),
        }
    }
    panic!("no cycle of waits within ten patiences");
}

fn link(thread: &str, holds: &str, waits_for: &str) -> Link {
    Link {
        thread: thread.into(),
        holds: holds.into(),
        waits_for: waits_for.into(),
    }
}

// The threads of these tests stay blocked; they end with the test process.

#[test]
fn a_lock_taken_twice_by_one_thread_is_found() {
    let watch = Watch::new();
    let lock = Lock::watched(&watch, "lock 0", ());
    let mut group = Group::watching(&watch);
    group.spawn("Thread 0", move |_| acquire_twice(&lock));
    assert_eq!(
        cycle_of(&mut group),
        vec![link("Thread 0", "lock 0", "lock 0")]
    );
}

#[test]
fn opposite_orders_really_deadlock_and_are_found() {
    let (l1, l2, mut group) = two_locks();
    let both_hold_one = Arc::new(Barrier::new(2));
    for (name, first, second) in [("Thread A", &l1, &l2), ("Thread B", &l2, &l1)] {
        let (first, second) = (Arc::clone(first), Arc::clone(second));
        let both = Arc::clone(&both_hold_one);
        group.spawn(name, move |_| {
            take_both(&first, &second, || {
                both.wait();
            })
        });
    }
    assert_eq!(
        cycle_of(&mut group),
        vec![
            link("Thread A", "lock 1", "lock 2"),
            link("Thread B", "lock 2", "lock 1"),
        ]
    );
}

#[test]
fn one_global_order_always_finishes() {
    for _ in 0..50 {
        let (l1, l2, mut group) = two_locks();
        for (name, a, b) in [("Thread C", &l1, &l2), ("Thread D", &l2, &l1)] {
            let (a, b) = (Arc::clone(a), Arc::clone(b));
            group.spawn(name, move |_| take_both_in_order(&a, &b, thread::yield_now));
        }
        assert!(matches!(
            group.wait(Duration::from_secs(10)),
            Outcome::Finished(_)
        ));
    }
}
