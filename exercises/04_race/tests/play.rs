//! The exercise's model, on the play runtime: two threads each call `FakeDatabase::update` once on
//! one database that starts at 0, and the play engine's depth-first search runs every schedule of
//! their steps (each atomic load, store or read-modify-write, each lock and release, and the pause,
//! a step of its own here, as the program's 0.1 s sleep is a gap in its run). On each, the value
//! must end at 2. Run by `cargo xtask check 4`; it needs `--cfg shuttle`.
//!
//! A schedule that breaks it is written for the check in the play engine's words, and the
//! check draws it as `cargo xtask play` draws a schedule (a lane per thread, each step's line)
//! and keeps it for `cargo xtask play --replay`.
#![cfg(shuttle)]

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::Arc;
use common::sync::book;
use ex04_race::FakeDatabase;
use play::engine::{Level, join, spawn};

const LEVEL: Level = Level {
    id: "ex04",
    chapter: "ex04_race",
    title: "Exercise 4: two updates of one value",
    goal: "Lose an update: both threads run `update`, and the value ends below 2.",
    hint: "An update that is a load, then a store, has a gap: let both load before either stores.",
    deadlock: None,
    fixed: Some("two updates always end at 2: no schedule loses one"),
    note: None,
    scenario: two_updates,
};

fn two_updates() {
    let db = Arc::new(FakeDatabase::new());
    // The scenario's own note of how many updates returned: std's, which takes no step.
    let done = Arc::new(AtomicUsize::new(0));
    let d = Arc::clone(&db);
    book::show("value", move || d.value().to_string());
    let (d, n) = (Arc::clone(&db), Arc::clone(&done));
    book::goal(move || {
        let value = d.value();
        (n.load(SeqCst) == 2 && value < 2).then(|| {
            format!(
                "An update is lost: two updates ran and the value is {value}, not 2: both \
                 threads read the value before either wrote it back"
            )
        })
    });
    // Numbered from 0, as the exercise's run names them.
    let threads = (0..2)
        .map(|name| {
            let (db, done) = (Arc::clone(&db), Arc::clone(&done));
            spawn(
                &format!("Thread {name}"),
                "FakeDatabase::update",
                move || {
                    db.update(name, || {
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
fn two_updates_end_at_two_on_every_schedule() {
    play::model::holds(&LEVEL, 20_000);
}
