//! The broken twins of the fixed levels: each fixed level's scenario with the bug its lesson
//! fixes put back (the lock dropped in the gap, the `if` for the `while`, ...). A twin is not
//! played; `play/tests/fixes.rs` runs each with its fixed level's own search ([`super::plan`])
//! and holds that search to finding the bug, so that a search too weak to see it fails there.
//! Where a breakable level is the twin already (`ch07` for `ch07-ordered`), it is named, not
//! copied.

use common::sync::book;
use common::sync::{Mutex, RwLock};

use super::ch04_ch10::{Updated, bank_of_three, lock_once, two_updates};
use super::ch15_ch18::{IfSemaphore, readers_and_a_writer, three_jobs};
use super::levels;
use crate::engine::{Level, join, spawn};

/// The broken twin of fixed level `fixed`: a breakable level of [`levels`], or one of
/// [`TWINS`]. Every fixed level has at least one.
pub fn twins(fixed: &str) -> Vec<&'static Level> {
    let named: &[&str] = match fixed {
        "ch05" => &["ch05-twin"],
        "ch06" => &["ch06-twin"],
        "ch07-ordered" => &["ch07"],
        "ch09" => &["ch09-twin"],
        "ch10-ordered" => &["ch10"],
        "ch11-flag-exchange" => &["ch11-flag"],
        "ch13" => &["ch13-try-send"],
        "ch13-rendezvous" => &["ch13-rendezvous-twin"],
        "ch14-event" => &["ch14"],
        "ch15-while" => &["ch15", "ch15-while-twin"],
        "ch16" => &["ch16-parties-2"],
        "ch17" => &["ch17-twin"],
        "ch18" => &["ch18-look-and-set"],
        _ => &[],
    };
    named
        .iter()
        .filter_map(|id| levels().iter().chain(TWINS).find(|l| l.id == *id))
        .collect()
}

/// A twin as a level: its id, what it changes, and its scenario (the fixed level's goal).
const fn twin(
    id: &'static str,
    chapter: &'static str,
    title: &'static str,
    scenario: fn(),
) -> Level {
    Level {
        id,
        chapter,
        title,
        goal: "the fixed level's goal",
        hint: "",
        deadlock: None,
        fixed: None,
        note: None,
        scenario,
    }
}

/// The twins that no breakable level plays.
pub const TWINS: &[Level] = &[
    twin(
        "ch05-twin",
        "ch05_lock_fix",
        "locked_update with the lock dropped in the gap: the read under it, the write under it again",
        || {
            two_updates(
                DroppedInTheGap::default(),
                "update, lock dropped in the gap",
            )
        },
    ),
    twin(
        "ch06-twin",
        "ch06_rlock",
        "update_twice that calls add_one twice, a lock each",
        || {
            lock_once("update_twice, add_one twice", |db, pause| {
                ch06_rlock::pass_mut::add_one(db, pause);
                ch06_rlock::pass_mut::add_one(db, pause);
            })
        },
    ),
    twin(
        "ch09-twin",
        "ch09_safe_bank",
        "chapter 8's bank in chapter 9's scenario: the test and the check outside the lock",
        || {
            bank_of_three(
                ch08_forgotten_lock::Bank::new(&[50, 0]),
                "total(), without the lock",
                None,
            )
        },
    ),
    twin(
        "ch13-rendezvous-twin",
        "ch13_channels",
        "sync_channel(1) for sync_channel(0): a send returns with its message in the queue",
        rendezvous_of_one,
    ),
    twin(
        "ch15-while-twin",
        "ch15_semaphore",
        "the chapter's semaphore with `if` for `while`, and its own `-=`",
        || three_jobs(IfSemaphore::new(2, false)),
    ),
    twin(
        "ch17-twin",
        "ch17_rwlock",
        "a writer that takes a read lock",
        || readers_and_a_writer(writes_under_a_read_lock, writer_among_readers),
    ),
];

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

/// Chapter 13's Producer and Consumer on a queue with room for one, judged as a rendezvous:
/// the goal, Producer's send returned before Consumer had begun to receive.
fn rendezvous_of_one() {
    let (sender, receiver) = common::sync::mpsc::sync_channel(1);
    book::name_channels(&["the queue"]);
    book::goal(|| {
        book::with(|b| {
            let sent = b.lanes.get(1)?.did.iter().any(|d| d.contains("sent"));
            let receiving = b.lanes.get(2)?.did.iter().any(|d| d.contains("recv"))
                || b.lanes[2]
                    .next
                    .as_ref()
                    .is_some_and(|o| o.what.contains("recv"));
            (sent && !receiving)
                .then(|| "A send returned before Consumer was in recv to take it.".to_string())
        })
    });
    join(vec![
        spawn("Producer", "producer(sender, 1)", move || {
            ch13_channels::producer(sender, 1);
        }),
        spawn("Consumer", "consumer(receiver)", move || {
            ch13_channels::consumer(receiver, || {});
        }),
    ]);
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
