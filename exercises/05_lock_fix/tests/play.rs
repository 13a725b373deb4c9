//! The exercise's model, on the play runtime: two threads each call
//! `FakeDatabase::locked_update` once on one database that starts at 0, and shuttle's
//! depth-first search runs every schedule of their steps (each lock and release, and the pause,
//! a step of its own here, as the program's 0.1 s sleep is a gap in its run). On each, the value
//! must end at 2. Run by `cargo xtask check 5`; it needs `--cfg shuttle`.
//!
//! A schedule that breaks it is written for the check in the play engine's words, and the
//! check draws it as `cargo xtask play` draws a schedule (a lane per thread, each step's line)
//! and keeps it for `cargo xtask play --replay`.
#![cfg(shuttle)]

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::Arc;
use common::sync::book;
use ex05_lock_fix::FakeDatabase;
use play::engine::{Level, join, spawn};

const LEVEL: Level = Level {
    id: "ex05",
    chapter: "ex05_lock_fix",
    title: "Exercise 5: two locked updates of one value",
    goal: "Lose an update with the lock: both threads run `locked_update`, and the value ends below 2.",
    hint: "Where does the lock let go? Let the other thread in between the read and the write.",
    deadlock: None,
    fixed: Some(
        "two locked updates always end at 2: the lock holds each read and its write together",
    ),
    note: None,
    scenario: two_updates,
};

fn two_updates() {
    let db = Arc::new(FakeDatabase::new());
    book::name_locks(&["the lock"]);
    // The scenario's own note of how many updates returned: std's, which takes no step.
    let done = Arc::new(AtomicUsize::new(0));
    let d = Arc::clone(&db);
    book::show("value", move || d.value().to_string());
    let (d, n) = (Arc::clone(&db), Arc::clone(&done));
    book::goal(move || {
        let value = d.value();
        (n.load(SeqCst) == 2 && value < 2).then(|| {
            format!(
                "An update is lost: two locked updates ran and the value is {value}, not 2: the \
                 lock was let go between a read and its write, and the other thread came between"
            )
        })
    });
    // Numbered from 0, as the exercise's run names them.
    let threads = (0..2)
        .map(|name| {
            let (db, done) = (Arc::clone(&db), Arc::clone(&done));
            spawn(
                &format!("Thread {name}"),
                "FakeDatabase::locked_update",
                move || {
                    db.locked_update(name, || {
                        common::sync::step("pauses (the run's 0.1 s sleep)")
                    });
                    done.fetch_add(1, SeqCst);
                },
            )
        })
        .collect();
    join(threads);
}

#[test]
fn two_locked_updates_end_at_two_on_every_schedule() {
    play::model::holds(&LEVEL, 20_000);
}
