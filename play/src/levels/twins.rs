//! The broken twins of the fixed levels: each fixed level's scenario with the bug its lesson
//! fixes put back (the lock dropped in the gap, the `if` for the `while`, ...). A twin is not
//! played; `play/tests/fixes.rs` runs each with its fixed level's own search ([`super::plan`])
//! and holds that search to finding the bug, so that a search too weak to see it fails there.
//! Where a breakable level is the twin already (`ch07` for `ch07-ordered`), it is named, not
//! copied.

use common::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use common::sync::book;
use common::sync::{Condvar, Mutex, RwLock};

use super::ch04_ch10::{Updated, bank_of_three, lock_once, two_updates};
use super::ch15_ch18::{IfSemaphore, THREADS, in_phases, readers_and_a_writer, three_jobs};
use super::levels;
use crate::engine::{Level, join, spawn};

/// The broken twins of fixed level `fixed`, each a breakable level of [`levels`] or one of
/// [`TWINS`], with words that the way it breaks must say: a fragment of its goal's words, or of
/// its failure's (a panic's message, a deadlock). Every fixed level has at least one.
pub fn twins(fixed: &str) -> Vec<(&'static Level, &'static str)> {
    let named: &[(&str, &str)] = match fixed {
        "ch05" => &[("ch05-twin", "An update is lost")],
        "ch06" => &[("ch06-twin", "came between update_twice's two")],
        "ch07-ordered" => &[("ch07", "Deadlock: each thread holds one lock")],
        "ch09" => &[("ch09-twin", "The check saw")],
        "ch10-ordered" => &[("ch10", "Deadlock: each transfer holds")],
        "ch11-flag-exchange" => &[("ch11-flag", "Both threads are inside")],
        "ch13" => &[("ch13-try-send", "try_send found the queue full")],
        "ch13-rendezvous" => &[("ch13-rendezvous-twin", "A send returned before")],
        "ch14-event" => &[("ch14", "The waiter sleeps through the notify")],
        "ch15-while" => &[
            ("ch15", "Three jobs are inside a semaphore of two"),
            ("ch15-while-twin", "attempt to subtract with overflow"),
        ],
        "ch16" => &[
            ("ch16-parties-2", "the barrier opened before all had come"),
            ("ch16-twin", "the threads deadlocked"),
        ],
        "ch17" => &[("ch17-twin", "Writer writes while a reader holds the lock")],
        "ch18" => &[("ch18-look-and-set", "The initialiser ran 2 times")],
        _ => &[],
    };
    named
        .iter()
        .filter_map(|(id, words)| {
            let twin = levels().iter().chain(TWINS).find(|l| l.id == *id)?;
            Some((twin, *words))
        })
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
        "ch16-twin",
        "ch16_barrier",
        "a barrier of its own for three, which counts arrivals with a load and a store",
        || {
            let barrier = LoadStoreBarrier::default();
            in_phases(
                "phases at a barrier of its own",
                move |_, finished, work| {
                    for done in finished {
                        work(1);
                        done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        barrier.wait();
                    }
                },
            )
        },
    ),
    twin(
        "ch17-twin",
        "ch17_rwlock",
        "a writer that takes a read lock",
        || readers_and_a_writer(writes_under_a_read_lock, writer_among_readers),
    ),
];

/// A barrier for three made the way chapter 11 warns against: a thread counts its arrival with
/// a load, then a store, and the one whose count makes a multiple of three opens it (the others
/// wait on a condvar for the opening). Two threads that load before either stores count as one:
/// the count never reaches three, and every thread waits for ever. Only a preemption between a
/// load and its store shows it.
#[derive(Default)]
struct LoadStoreBarrier {
    arrived: AtomicUsize,
    opened: Mutex<usize>,
    open: Condvar,
}

impl LoadStoreBarrier {
    fn wait(&self) {
        let n = self.arrived.load(SeqCst) + 1;
        self.arrived.store(n, SeqCst);
        let mut opened = self.opened.lock().unwrap();
        if n.is_multiple_of(THREADS) {
            *opened += 1;
            self.open.notify_all();
        } else {
            while *opened < n / THREADS + 1 {
                opened = self.open.wait(opened).unwrap();
            }
        }
    }
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
