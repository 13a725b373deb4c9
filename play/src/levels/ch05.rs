//! Chapter 5's levels (`ch05_lock_fix`): the lock fix: each read and its write under one lock.
//! Their words and each breakable level's winning schedule are the table `ch05.json`, beside this
//! file; the scenarios are here.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::book;
use common::sync::{Arc, Mutex};

use super::{Chapter, Scenario, twin};
use crate::engine::{join, spawn};

/// A value that two threads update, as chapter 5's `FakeDatabase` does (or its broken twin,
/// below): `update` must keep each read and its write together.
pub(super) trait Updated: Send + Sync + 'static {
    /// Thread `n`'s update, with nothing in its gap (the lesson sleeps there).
    fn update(&self, n: usize);
    /// The value now, as a probe reads it.
    fn value(&self) -> u64;
}

impl Updated for ch05_lock_fix::FakeDatabase {
    fn update(&self, n: usize) {
        self.locked_update(n, || {});
    }
    fn value(&self) -> u64 {
        ch05_lock_fix::FakeDatabase::value(self)
    }
}

fn ch05() {
    two_updates(
        ch05_lock_fix::FakeDatabase::new(),
        "FakeDatabase::locked_update",
    );
}

/// Chapter 5's two threads, each updating `db` once (`what` names the call); the goal: an
/// update lost.
pub(super) fn two_updates<D: Updated>(db: D, what: &str) {
    let db = Arc::new(db);
    let done = Arc::new(AtomicUsize::new(0));
    book::name_locks(&["the lock"]);
    let d = Arc::clone(&db);
    book::show("value", move || d.value().to_string());
    let (d, n) = (Arc::clone(&db), Arc::clone(&done));
    book::goal(move || {
        (n.load(SeqCst) == 2 && d.value() < 2)
            .then(|| format!("An update is lost: the value is {}.", d.value()))
    });
    let threads = (0..2)
        .map(|n| {
            let (db, done) = (Arc::clone(&db), Arc::clone(&done));
            spawn(&format!("Thread {n}"), what, move || {
                db.update(n);
                done.fetch_add(1, SeqCst);
            })
        })
        .collect();
    join(threads);
}

/// Chapter 5's update with the lock taken for the read, let go, and taken again for the write.
#[derive(Default)]
struct DroppedInTheGap {
    value: Mutex<u64>,
}

impl Updated for DroppedInTheGap {
    fn update(&self, _: usize) {
        let read = *self.value.lock().unwrap();
        *self.value.lock().unwrap() = read + 1;
    }
    fn value(&self) -> u64 {
        *self.value.lock().unwrap()
    }
}

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch05.json", include_str!("ch05.json")),
    scenarios: &[Scenario::new("ch05", ch05)],
    twins: &[("ch05", "ch05-twin", "An update is lost")],
    own_twins: &[twin(
        "ch05-twin",
        "ch05_lock_fix",
        "locked_update with the lock dropped in the gap: the read under it, the write under it again",
        || {
            two_updates(
                DroppedInTheGap::default(),
                "update, lock dropped in the gap",
            )
        },
    )],
};
