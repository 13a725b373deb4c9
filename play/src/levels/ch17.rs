//! Chapter 17's levels (`ch17_rwlock`): a read-write lock: readers together, a writer alone. Their
//! words and each breakable level's winning schedule are the table `ch17.json`, beside this file;
//! the scenarios are here.

use common::sync::book;
use common::sync::{Arc, RwLock};

use super::{Chapter, Scenario, get, note, set, twin};
use crate::engine::{join, spawn};

/// Chapter 17's part 3: Main holds a read lock and lets go, the writer (`writer`: the
/// chapter's, which adds 1) writes, the late reader reads; `goal` looks at the lock's note in
/// the book.
pub(super) fn readers_and_a_writer(
    writer: fn(&common::sync::RwLock<u64>),
    goal: fn(&book::LockNote, &book::Book) -> Option<String>,
) {
    let lock = Arc::new(common::sync::RwLock::new(0_u64));
    book::name_locks(&["the lock"]);
    let l = Arc::clone(&lock);
    book::show("value", move || l.read().map_or(0, |v| *v).to_string());
    let read = note::<u64>();
    let r = Arc::clone(&read);
    book::show("Reader 3 read", move || {
        get(&r).map_or("(not yet)".into(), |v| v.to_string())
    });
    book::goal(move || book::with(|b| goal(&b.locks[0], b)));
    let (l1, l2) = (Arc::clone(&lock), Arc::clone(&lock));
    join(vec![
        spawn("Main", "hold_a_read_lock", move || {
            ch17_rwlock::hold_a_read_lock(&l1, || {})
        }),
        spawn("Writer", "writer", move || writer(&l2)),
        spawn("Reader 3", "late_reader", move || {
            set(&read, ch17_rwlock::late_reader(&lock));
        }),
    ]);
}

fn ch17() {
    readers_and_a_writer(ch17_rwlock::writer, |lock, b| {
        let writer = lock.holder?;
        (!lock.readers.is_empty()).then(|| {
            format!(
                "{} writes while a reader holds the lock.",
                b.lanes[writer].name
            )
        })
    });
}

fn ch17_reader_first() {
    readers_and_a_writer(ch17_rwlock::writer, |lock, b| {
        let (reader, writer) = lock.overtaken?;
        Some(format!(
            "{} got in ahead of {}, who waits to write. A lock that lets readers join while a \
             writer waits can keep it waiting as long as readers overlap: writer starvation.",
            b.lanes[reader].name, b.lanes[writer].name
        ))
    });
}

/// A writer that takes the read lock where it should take the write lock, and writes there
/// (as through a `Cell` or an atomic inside the lock): it holds the lock beside the readers.
fn writes_under_a_read_lock(lock: &RwLock<u64>) {
    let held = lock.read().unwrap();
    common::sync::step("writes, holding a read lock");
    drop(held);
}

/// The goal of the writer that takes a read lock: it holds the lock beside another reader.
fn writer_among_readers(lock: &book::LockNote, b: &book::Book) -> Option<String> {
    let writer = lock
        .readers
        .iter()
        .any(|&r| b.lanes.get(r).is_some_and(|l| l.name == "Writer"));
    (writer && lock.readers.len() > 1).then(|| {
        "Writer writes while a reader holds the lock: it took a read lock, which readers share."
            .to_string()
    })
}

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch17.json", include_str!("ch17.json")),
    scenarios: &[
        Scenario::new("ch17", ch17),
        Scenario::new("ch17-reader-first", ch17_reader_first),
    ],
    twins: &[(
        "ch17",
        "ch17-twin",
        "Writer writes while a reader holds the lock",
    )],
    own_twins: &[twin(
        "ch17-twin",
        "ch17_rwlock",
        "a writer that takes a read lock",
        || readers_and_a_writer(writes_under_a_read_lock, writer_among_readers),
    )],
};
