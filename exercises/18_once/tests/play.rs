//! The exercise's model, on the play runtime (loom has no `OnceLock`): two threads ask for the
//! value at once, and the play engine's depth-first search runs every schedule of their steps (each
//! look into the cell, each lock and release, the making). On each, `make` must run once and both
//! threads must get the one value. Run by `cargo xtask check 18`; it needs `--cfg shuttle`.
//!
//! A schedule that breaks it is written for the check in the play engine's words, and the
//! check draws it as `cargo xtask play` draws a schedule: a lane per thread, each step's line.
#![cfg(shuttle)]

use std::sync::Mutex as Plain;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::Arc;
use common::sync::book;
use ex18_once::Shared;
use play::engine::{Level, join, spawn};

const LEVEL: Level = Level {
    id: "ex18",
    chapter: "ex18_once",
    title: "Exercise 18: two threads ask for the value at once",
    goal: "Make `make` run twice, or hand the two threads two values.",
    hint: "A thread that finds the cell empty must not make the value if another is making it.",
    deadlock: None,
    fixed: Some("make runs once and both threads get the one value"),
    note: None,
    scenario: two_ask,
};

fn two_ask() {
    let shared = Arc::new(Shared::<usize>::new());
    // The scenario's own notes: std's, which take no step of their own.
    let calls = Arc::new(AtomicUsize::new(0));
    let got: Arc<Plain<Vec<Arc<usize>>>> = Arc::default();
    let c = Arc::clone(&calls);
    book::show("make ran", move || c.load(SeqCst).to_string());
    let (c, g) = (Arc::clone(&calls), Arc::clone(&got));
    book::goal(move || {
        let n = c.load(SeqCst);
        let got = g.lock().unwrap();
        if n >= 2 {
            Some(format!(
                "`make` ran {n} times: each thread that found the cell empty made a value of its own"
            ))
        } else if got.len() == 2 && !Arc::ptr_eq(&got[0], &got[1]) {
            Some("The two threads got two different values.".into())
        } else {
            None
        }
    });
    let threads = (1..=2)
        .map(|t| {
            let (shared, calls, got) = (Arc::clone(&shared), Arc::clone(&calls), Arc::clone(&got));
            spawn(&format!("Thread {t}"), "get_or_make", move || {
                let value = shared.get_or_make(|| {
                    let n = calls.fetch_add(1, SeqCst) + 1;
                    // The making takes a step of its own: the other thread may run meanwhile.
                    common::sync::step("makes the value");
                    n
                });
                got.lock().unwrap().push(value);
            })
        })
        .collect();
    join(threads);
}

#[test]
fn make_runs_once_and_both_get_one_value_on_every_schedule() {
    play::model::holds(&LEVEL, 20_000);
}
