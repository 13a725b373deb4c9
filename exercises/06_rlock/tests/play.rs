//! The exercise's model, on the play runtime: `update_twice` in one thread while another reads the
//! value, and the play engine's depth-first search runs every schedule of their steps (each lock
//! and release). On each, the reader must see 0 or 2, never the half-done 1; the value must end at
//! 2; and no thread may wait for ever (a lock of the lock a thread holds itself, say). Run by
//! `cargo xtask check 6`; it needs `--cfg shuttle`.
//!
//! A schedule that breaks it is written for the check in the play engine's words, and the
//! check draws it as `cargo xtask play` draws a schedule: a lane per thread, each step's line.
#![cfg(shuttle)]

use std::sync::Mutex as Plain;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::Arc;
use common::sync::book;
use ex06_rlock::{new_db, update_twice, value};
use play::engine::{Level, join, spawn};

const LEVEL: Level = Level {
    id: "ex06",
    chapter: "ex06_rlock",
    title: "Exercise 6: update_twice, while another thread reads the value",
    goal: "Let the reader see the value half updated (1), lose an addition, or make a thread \
           wait for ever.",
    hint: "update_twice must hold one lock across both additions, and never lock it again.",
    deadlock: Some("Deadlock: a thread waits for the lock for ever: its lock() will never return."),
    fixed: Some("the reader sees 0 or 2, the value ends at 2, and no thread waits for ever"),
    note: None,
    scenario: update_and_read,
};

fn update_and_read() {
    let db = Arc::new(new_db(0));
    // Named whatever its type (`Db` may change): the first lock made is the value's.
    book::name_locks(&["the lock"]);
    // The scenario's own notes: std's, which take no step of their own.
    let seen: Arc<Plain<Option<u64>>> = Arc::default();
    let done = Arc::new(AtomicUsize::new(0));
    let d = Arc::clone(&db);
    book::show("value", move || value(&d).to_string());
    let s = Arc::clone(&seen);
    book::show("the reader saw", move || {
        s.lock()
            .unwrap()
            .map_or("(not yet)".into(), |v| v.to_string())
    });
    let (d, s, n) = (Arc::clone(&db), Arc::clone(&seen), Arc::clone(&done));
    book::goal(move || {
        if *s.lock().unwrap() == Some(1) {
            return Some(
                "The reader saw 1: the two additions half done. update_twice let go of the \
                 lock between them, and the reader came in."
                    .into(),
            );
        }
        let v = value(&d);
        (n.load(SeqCst) == 2 && v != 2).then(|| {
            format!("Both threads are done and the value is {v}: update_twice did not add two.")
        })
    });
    let (worker, reader) = (Arc::clone(&db), Arc::clone(&db));
    let (n1, n2) = (Arc::clone(&done), Arc::clone(&done));
    join(vec![
        spawn("update_twice", "update_twice(&db)", move || {
            update_twice(&worker);
            n1.fetch_add(1, SeqCst);
        }),
        spawn("Reader", "value(&db)", move || {
            let v = value(&reader);
            *seen.lock().unwrap() = Some(v);
            n2.fetch_add(1, SeqCst);
        }),
    ]);
}

#[test]
fn the_two_additions_are_seen_together_or_not_at_all() {
    play::model::holds(&LEVEL, 1_000);
}
