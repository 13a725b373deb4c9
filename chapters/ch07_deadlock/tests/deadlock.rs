#![forbid(unsafe_code)]

use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use ch07_deadlock::{
    Link, Lock, Outcome, State, WaitGraph, Watch, acquire_twice, take_both, take_both_in_order,
};

fn graph(holders: &[(&str, &str)], waiting: &[(&str, &str)]) -> State {
    let own = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    State {
        holders: own(holders),
        waiting: own(waiting),
    }
}

fn link(thread: &str, holds: &str, waits_for: &str) -> Link {
    Link {
        thread: thread.into(),
        holds: holds.into(),
        waits_for: waits_for.into(),
    }
}

#[test]
fn two_threads_waiting_for_each_other_are_a_deadlock() {
    let g = graph(
        &[("lock 1", "Thread A"), ("lock 2", "Thread B")],
        &[("Thread B", "lock 1"), ("Thread A", "lock 2")],
    );
    assert_eq!(
        g.deadlock(),
        Some(vec![
            link("Thread A", "lock 1", "lock 2"),
            link("Thread B", "lock 2", "lock 1"),
        ])
    );
}

#[test]
fn a_thread_waiting_for_a_lock_it_holds_is_a_deadlock() {
    let g = graph(&[("lock 0", "Thread 0")], &[("Thread 0", "lock 0")]);
    assert_eq!(
        g.deadlock(),
        Some(vec![link("Thread 0", "lock 0", "lock 0")])
    );
}

#[test]
fn a_chain_of_waits_is_not_a_deadlock() {
    // A waits for B, B waits for a lock nobody holds: B will get it, then A.
    let g = graph(
        &[("lock 2", "Thread B")],
        &[("Thread A", "lock 2"), ("Thread B", "lock 3")],
    );
    assert_eq!(g.deadlock(), None);
    assert_eq!(State::default().deadlock(), None);
}

#[test]
fn a_thread_waiting_on_a_cycle_is_stuck_but_not_part_of_it() {
    // Thread 0 waits for lock 1, held by A, which is in a cycle of three with B and C.
    let g = graph(
        &[
            ("lock 1", "Thread A"),
            ("lock 2", "Thread B"),
            ("lock 3", "Thread C"),
        ],
        &[
            ("Thread 0", "lock 1"),
            ("Thread A", "lock 2"),
            ("Thread B", "lock 3"),
            ("Thread C", "lock 1"),
        ],
    );
    assert_eq!(
        g.deadlock(),
        Some(vec![
            link("Thread A", "lock 1", "lock 2"),
            link("Thread B", "lock 2", "lock 3"),
            link("Thread C", "lock 3", "lock 1"),
        ])
    );
}

/// Wait for the group until the graph shows a deadlock (or 10 s pass), in short steps.
fn deadlock_of(group: &Watch, graph: &WaitGraph) -> Vec<Link> {
    for _ in 0..200 {
        match group.wait(graph, Duration::from_millis(50)) {
            Outcome::Deadlock(cycle) => return cycle,
            Outcome::Unfinished => continue,
            Outcome::Finished => panic!("the threads finished: no deadlock"),
        }
    }
    panic!("no deadlock found within 10 s");
}

// The threads of these tests stay blocked; they end with the test process.

#[test]
fn a_lock_taken_twice_by_one_thread_is_found() {
    let graph = WaitGraph::new();
    let lock = Lock::new(&graph, 0);
    let mut group = Watch::new();
    group.spawn("Thread 0", move || acquire_twice(&lock));
    assert_eq!(
        deadlock_of(&group, &graph),
        vec![link("Thread 0", "lock 0", "lock 0")]
    );
}

#[test]
fn opposite_orders_really_deadlock_and_are_found() {
    let graph = WaitGraph::new();
    let (l1, l2) = (Lock::new(&graph, 1), Lock::new(&graph, 2));
    let both_hold_one = Arc::new(Barrier::new(2));
    let mut group = Watch::new();
    for (name, first, second) in [("Thread A", &l1, &l2), ("Thread B", &l2, &l1)] {
        let (first, second) = (Arc::clone(first), Arc::clone(second));
        let both = Arc::clone(&both_hold_one);
        group.spawn(name, move || {
            take_both(&first, &second, || {
                both.wait();
            })
        });
    }
    assert_eq!(
        deadlock_of(&group, &graph),
        vec![
            link("Thread A", "lock 1", "lock 2"),
            link("Thread B", "lock 2", "lock 1"),
        ]
    );
}

#[test]
fn one_global_order_always_finishes() {
    for _ in 0..50 {
        let graph = WaitGraph::new();
        let (l1, l2) = (Lock::new(&graph, 1), Lock::new(&graph, 2));
        let mut group = Watch::new();
        for (name, a, b) in [("Thread C", &l1, &l2), ("Thread D", &l2, &l1)] {
            let (a, b) = (Arc::clone(a), Arc::clone(b));
            group.spawn(name, move || take_both_in_order(&a, &b, thread::yield_now));
        }
        assert_eq!(
            group.wait(&graph, Duration::from_secs(10)),
            Outcome::Finished
        );
        let left = graph.snapshot();
        assert!(left.holders.is_empty() && left.waiting.is_empty());
    }
}
