//! Chapter 4's levels (`ch04_race`): a race: two updates with no lock. Their words and each
//! breakable level's winning schedule are the table `ch04.json`, beside this file; the scenarios
//! are here.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::Arc;
use common::sync::book;

use super::{Chapter, Scenario};
use crate::engine::{join, spawn};

fn ch04() {
    let db = Arc::new(ch04_race::FakeDatabase::new());
    let done = Arc::new(AtomicUsize::new(0));
    let d = Arc::clone(&db);
    book::show("value", move || d.value().to_string());
    let (d, n) = (Arc::clone(&db), Arc::clone(&done));
    book::goal(move || {
        (n.load(SeqCst) == 2 && d.value() < 2).then(|| {
            format!(
                "An update is lost: two updates ran and the value is {}. Both read the same value.",
                d.value()
            )
        })
    });
    // The chapter's own indices, from 0, as its run names the threads.
    let threads = (0..2)
        .map(|n| {
            let (db, done) = (Arc::clone(&db), Arc::clone(&done));
            spawn(&format!("Thread {n}"), "FakeDatabase::update", move || {
                db.update(n, || {});
                done.fetch_add(1, SeqCst);
            })
        })
        .collect();
    join(threads);
}

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch04.json", include_str!("ch04.json")),
    scenarios: &[Scenario::new("ch04", ch04)],
    twins: &[],
    own_twins: &[],
};
