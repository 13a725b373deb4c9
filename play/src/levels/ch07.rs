//! Chapter 7's levels (`ch07_deadlock`): deadlock: two locks in opposite orders, and one order.
//! Their words and each breakable level's winning schedule are the table `ch07.json`, beside this
//! file; the scenarios are here.

use common::sync::Arc;
use common::sync::book;

use super::{Chapter, Scenario};
use crate::engine::{join, spawn};

fn two_locks() -> (Arc<lab::Lock<()>>, Arc<lab::Lock<()>>) {
    let locks = (
        Arc::new(lab::Lock::new("lock 1", ())),
        Arc::new(lab::Lock::new("lock 2", ())),
    );
    book::name_locks(&["lock 1", "lock 2"]);
    locks
}

fn ch07() {
    let (l1, l2) = two_locks();
    let a = (Arc::clone(&l1), Arc::clone(&l2));
    let b = (l2, l1);
    join(vec![
        spawn("Thread A", "take_both(lock 1, lock 2)", move || {
            ch07_deadlock::take_both(&a.0, &a.1, || {})
        }),
        spawn("Thread B", "take_both(lock 2, lock 1)", move || {
            ch07_deadlock::take_both(&b.0, &b.1, || {})
        }),
    ]);
}

fn ch07_ordered() {
    let (l1, l2) = two_locks();
    let a = (Arc::clone(&l1), Arc::clone(&l2));
    let b = (l2, l1);
    join(vec![
        spawn(
            "Thread A",
            "take_both_in_order(lock 1, lock 2)",
            move || ch07_deadlock::take_both_in_order(&a.0, &a.1, || {}),
        ),
        spawn(
            "Thread B",
            "take_both_in_order(lock 2, lock 1)",
            move || ch07_deadlock::take_both_in_order(&b.0, &b.1, || {}),
        ),
    ]);
}

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch07.json", include_str!("ch07.json")),
    scenarios: &[
        Scenario::new("ch07", ch07),
        Scenario::new("ch07-ordered", ch07_ordered),
    ],
    twins: &[(
        "ch07-ordered",
        "ch07",
        "Deadlock: each thread holds one lock",
    )],
    own_twins: &[],
};
