//! The levels: each a chapter's own code (its `lib.rs`) in a scenario of two or three threads,
//! like the loom models in `proofs/`, with the goal in the lesson's words.

use std::sync::Mutex as Plain;

use common::sync::Arc;

use crate::engine::Level;
use crate::search::Plan;

mod ch04_ch10;
mod ch11_ch14;
mod ch15_ch18;
pub mod twins;

use ch04_ch10::*;
use ch11_ch14::*;
use ch15_ch18::*;

/// The scenario's own notes (what each thread's call returned): plain std types, which take no
/// step of their own, so they add no choice to the game.
pub(crate) fn note<T: Send + 'static>() -> Arc<Plain<Option<T>>> {
    Arc::new(Plain::new(None))
}

pub(crate) fn get<T: Clone>(n: &Plain<Option<T>>) -> Option<T> {
    n.lock().unwrap().clone()
}

pub(crate) fn set<T>(n: &Plain<Option<T>>, v: T) {
    *n.lock().unwrap() = Some(v);
}

/// The search a level's claim is checked with, at a game's end (`cargo xtask play`) and in
/// `cargo xtask prove` (`play/tests/fixes.rs`, where each fixed level's search must also find
/// the bug of its broken twin): every schedule, depth first, where that takes at most about a
/// second; else every schedule with at most a few preemptions, as many as finish in about that
/// time (the twin needs fewer). `play explore <level> <cap> [<k>]` in `target/play/debug`
/// counts them.
pub fn plan(level: &Level) -> Plan {
    let preemptions = match level.id {
        // Every schedule is more than 3,000,000 (`play explore ch15-while 3000000` did not
        // finish); the `if` twin needs 3 preemptions.
        "ch15-while" => Some(3),
        // The twin, a barrier of two, needs none; 3 would be 119,616 schedules, 2.8 s.
        "ch16" => Some(2),
        _ => None,
    };
    Plan {
        preemptions,
        cap: 100_000,
    }
}

pub const LEVELS: &[Level] = &[
    Level {
        id: "ch04",
        chapter: "ch04_race",
        title: "The race: two updates with no lock",
        goal: "Lose an update: let both threads run `update`, and end with the value below 2.",
        hint: "A thread's update is a load, then a store. Let both load before either stores.",
        deadlock: None,
        fixed: None,
        note: None,
        scenario: ch04,
    },
    Level {
        id: "ch05",
        chapter: "ch05_lock_fix",
        title: "The lock fix: two locked updates",
        goal: "Now try to lose an update with the lock: end with the value below 2.",
        hint: "The read and the write are both inside the lock. Who can come between them?",
        deadlock: None,
        fixed: Some("no schedule loses an update: the lock holds each read and its write together"),
        note: None,
        scenario: ch05,
    },
    Level {
        id: "ch06",
        chapter: "ch06_rlock",
        title: "The Rust way: lock once, pass &mut to the helper",
        goal: "Lose an update (end below 3 after update_twice's two additions and add_one's one), or get add_one's addition in between update_twice's two.",
        hint: "update_twice holds the lock across both its additions; add_one takes the lock too.",
        deadlock: Some("Deadlock: a thread waits for the lock for ever."),
        fixed: Some(
            "no schedule loses an update or comes between update_twice's two additions: one lock, taken once, covers both",
        ),
        note: None,
        scenario: ch06,
    },
    Level {
        id: "ch07",
        chapter: "ch07_deadlock",
        title: "Deadlock: two locks taken in opposite orders",
        goal: "Deadlock Thread A and Thread B: each holding one lock, waiting for the other's.",
        hint: "Let each thread take its first lock before either reaches for its second.",
        deadlock: Some(
            "Deadlock: each thread holds one lock and waits for the one the other holds. Neither will ever let go.",
        ),
        fixed: None,
        note: None,
        scenario: ch07,
    },
    Level {
        id: "ch07-ordered",
        chapter: "ch07_deadlock",
        title: "The fix: both threads take lock 1 before lock 2",
        goal: "Try to deadlock them now that both take the locks in one global order.",
        hint: "Whoever holds lock 1 can always get lock 2: the other thread waits for lock 1 first.",
        deadlock: Some("Deadlock: each thread holds one lock and waits for the other's."),
        fixed: Some(
            "no schedule deadlocks: with one order, nobody holds the second lock while waiting for the first",
        ),
        note: None,
        scenario: ch07_ordered,
    },
    Level {
        id: "ch08",
        chapter: "ch08_forgotten_lock",
        title: "The forgotten lock: a check of the total without the lock",
        goal: "Make the check see money in flight: a total other than 100.",
        hint: "The transfer takes 30 out of account 0, then puts it into account 1. Look in between.",
        deadlock: None,
        fixed: None,
        note: None,
        scenario: ch08,
    },
    Level {
        id: "ch08-overdraw",
        chapter: "ch08_forgotten_lock",
        title: "The test outside the lock: two withdrawals of 40 from 50",
        goal: "Overdraw an account: make both withdrawals of 40 from 50 go through.",
        hint: "Each transfer tests the balance before it takes the lock. Let both test first.",
        deadlock: None,
        fixed: None,
        note: None,
        scenario: ch08_overdraw,
    },
    Level {
        id: "ch09",
        chapter: "ch09_safe_bank",
        title: "The safe bank: the balances inside the lock",
        goal: "Overdraw an account (both withdrawals of 40 from 50), or make the check see a total other than 50.",
        hint: "The test of the balance and the check are under the same lock as the transfer.",
        deadlock: None,
        fixed: Some("no schedule overdraws an account or shows the check money in flight"),
        note: None,
        scenario: ch09,
    },
    Level {
        id: "ch10",
        chapter: "ch10_fine_grained",
        title: "A lock per account, taken as they come",
        goal: "Deadlock two opposite transfers: 0 -> 1 and 1 -> 0.",
        hint: "Each transfer locks its `from` account first.",
        deadlock: Some(
            "Deadlock: each transfer holds its `from` account and waits for the other's. The bank stops.",
        ),
        fixed: None,
        note: None,
        scenario: ch10,
    },
    Level {
        id: "ch10-ordered",
        chapter: "ch10_fine_grained",
        title: "A lock per account, taken by index",
        goal: "Try to deadlock two opposite transfers when both lock account 0 first.",
        hint: "Both want account 0 first: one gets it, the other waits without holding anything.",
        deadlock: Some("Deadlock: each transfer holds one account and waits for the other."),
        fixed: Some("no schedule deadlocks: locks taken in index order form no cycle of waits"),
        note: None,
        scenario: ch10_ordered,
    },
    Level {
        id: "ch11",
        chapter: "ch11_atomics",
        title: "Atomics: a counter added to with a load and a store",
        goal: "Lose an update of `add_load_store`, although every access is atomic.",
        hint: "Atomic loads and stores are each one step; the addition between them is not.",
        deadlock: None,
        fixed: None,
        note: None,
        scenario: ch11,
    },
    Level {
        id: "ch11-stale",
        chapter: "ch11_atomics",
        title: "A flag raised with Relaxed: a bug this runtime cannot show",
        goal: "Hand over a stale value: the receiver sees the flag up and reads the data as 0.",
        hint: "Under this runtime, no move can do it: read the note.",
        deadlock: None,
        fixed: None,
        note: Some(
            "No schedule here can hand over a stale value, and not because the code is right: \
             shuttle runs every atomic as sequentially consistent (it explores interleavings, \
             not weak memory), so a Relaxed flag behaves here as if it were SeqCst. Chapter 11 \
             says where it can go wrong: on x86 the hardware alone does not reorder the two \
             stores, but the compiler may, and a weaker machine such as ARM may; loom shows it \
             on any machine (proofs/tests/loom_ch11.rs finds the schedule in which a Relaxed \
             flag hands over a 0).",
        ),
        scenario: ch11_stale,
    },
    Level {
        id: "ch11-flag",
        chapter: "ch11_atomics",
        title: "Boolean flags are enough for everyone? A lock made of a flag",
        goal: "Get both threads inside: each takes the flag lock with a load, then a store.",
        hint: "Each looks at the flag, then raises it. Let both look before either raises it.",
        deadlock: None,
        fixed: None,
        note: Some(
            "The Deadlock Empire's first level, on chapter 11's FlagLock. A thread that finds \
             the flag up waits by looking again, and gives way between looks (yield_now).",
        ),
        scenario: ch11_flag,
    },
    Level {
        id: "ch11-flag-exchange",
        chapter: "ch11_atomics",
        title: "The flag lock taken with compare_exchange",
        goal: "Get both threads inside now that the look and the raise are one step.",
        hint: "compare_exchange(false, true) raises the flag only if it is down, in one step.",
        deadlock: None,
        fixed: Some(
            "no schedule lets both threads in: one compare_exchange finds the flag down and raises it, the other finds it up",
        ),
        note: Some(
            "A thread that finds the flag up looks again, giving way between looks with \
             yield_now: the model then runs another thread, and does not run the one that gave \
             way again while another can run, as a fair scheduler would. Its next look could \
             see nothing new before another thread has taken a step, so no schedule that \
             matters is left out, and the search comes to an end.",
        ),
        scenario: ch11_flag_exchange,
    },
    Level {
        id: "ch13",
        chapter: "ch13_channels",
        title: "Channels: a producer, a consumer and a queue with room for one",
        goal: "Put two messages in the queue with room for one, or make Consumer get anything but 0, 1, 2, 3 in order.",
        hint: "Producer's send waits while the queue is full; Consumer's recv takes the oldest.",
        deadlock: None,
        fixed: Some(
            "no schedule overfills the queue or loses, doubles or reorders a message: a send waits for room, and the queue keeps its order",
        ),
        note: None,
        scenario: ch13,
    },
    Level {
        id: "ch13-rendezvous",
        chapter: "ch13_channels",
        title: "The Try this: CAPACITY 0, a rendezvous with no queue",
        goal: "Get Producer ahead: make a send return before Consumer is in recv to take its message.",
        hint: "With no queue, a send waits until a recv is there to take the message.",
        deadlock: None,
        fixed: Some(
            "no schedule lets a send return before a recv is there to take its message: each send waits for its recv",
        ),
        note: Some(
            "The chapter's own code with the Try this's `sync_channel(0)`. Producer's last line \
             judges by the clock, and no time passes in this game.",
        ),
        scenario: ch13_rendezvous,
    },
    Level {
        id: "ch13-try-send",
        chapter: "ch13_channels",
        title: "The Try this: try_send, and drop what does not fit",
        goal: "Lose a message: make Consumer get anything but 0, 1, 2, 3.",
        hint: "try_send does not wait: it finds the queue full if Consumer has not taken the last one.",
        deadlock: None,
        fixed: None,
        note: Some(
            "Producer here is chapter 13's Try this (in play/src/levels/ch11_ch14.rs): its loop, with \
             try_send for send; Consumer and main's check are the chapter's own.",
        ),
        scenario: ch13_try_send,
    },
    Level {
        id: "ch14",
        chapter: "ch14_condvar",
        title: "A condvar with no flag",
        goal: "Make the waiter sleep through the notify.",
        hint: "A notify wakes only who is asleep in wait at that moment.",
        deadlock: Some(
            "The waiter sleeps through the notify: it came before the wait, and nothing will wake it again.",
        ),
        fixed: None,
        note: Some("shuttle's Condvar never wakes spuriously: here only a notify wakes a waiter."),
        scenario: ch14,
    },
    Level {
        id: "ch14-event",
        chapter: "ch14_condvar",
        title: "Python's Event: a flag under the lock, and a condvar",
        goal: "Make the waiter sleep through the set.",
        hint: "The waiter looks at the flag under the lock before it sleeps.",
        deadlock: Some("The waiter sleeps through the set: nothing will wake it."),
        fixed: Some(
            "no schedule loses the set: the flag says it happened, whenever the waiter looks",
        ),
        note: None,
        scenario: ch14_event,
    },
    Level {
        id: "ch15",
        chapter: "ch15_semaphore",
        title: "A copy of the chapter's semaphore of two, with `if` for `while`",
        goal: "Get a third job past a semaphore of two.",
        hint: "Let C wait; when A gives its permit back and wakes C, let A take it again before C runs.",
        deadlock: None,
        fixed: None,
        note: Some(
            "The semaphore here is a copy of the chapter's (in play/src/levels/ch15_ch18.rs) \
             with `if` for its `while`: a job woken in `acquire` goes in without looking again. \
             It also counts with wrapping arithmetic where the chapter writes `-=`: with the \
             chapter's own `-=`, a debug build panics (attempt to subtract with overflow) where \
             this copy lets a third job in.",
        ),
        scenario: ch15,
    },
    Level {
        id: "ch15-while",
        chapter: "ch15_semaphore",
        title: "The chapter's semaphore of two, which waits in a `while`",
        goal: "Get a third job past the semaphore of two.",
        hint: "A woken job looks at the count again before it goes in.",
        deadlock: None,
        fixed: Some("no schedule lets a third job in"),
        note: None,
        scenario: ch15_while,
    },
    Level {
        id: "ch16",
        chapter: "ch16_barrier",
        title: "A barrier for three: three threads, two phases",
        goal: "Let a thread begin phase 1 before every thread has finished phase 0.",
        hint: "wait() returns only when all three have called it.",
        deadlock: Some("Deadlock: the threads wait at the barrier for ever."),
        fixed: Some("no schedule lets a thread into phase 1 before all three finished phase 0"),
        note: None,
        scenario: ch16,
    },
    Level {
        id: "ch16-parties-2",
        chapter: "ch16_barrier",
        title: "The Try this: Barrier::new(2) for three threads",
        goal: "Let a thread begin phase 1 before every thread has finished phase 0.",
        hint: "The barrier opens for every two threads that arrive.",
        deadlock: None,
        fixed: None,
        note: None,
        scenario: ch16_parties_2,
    },
    Level {
        id: "ch17",
        chapter: "ch17_rwlock",
        title: "Many readers or one writer: Main, a writer, a late reader",
        goal: "Get the writer in beside a reader: make it write while Main or Reader 3 holds a read lock.",
        hint: "A write lock is had alone: the writer waits until no reader holds the lock.",
        deadlock: None,
        fixed: Some(
            "no schedule here lets the writer in beside a reader, and no RwLock's policy may: a write lock is had alone",
        ),
        note: None,
        scenario: ch17,
    },
    Level {
        id: "ch17-reader-first",
        chapter: "ch17_rwlock",
        title: "Whose turn: the late reader and the waiting writer",
        goal: "Let a reader in ahead of the writer while it waits: a read lock taken beside another reader, after the writer was blocked.",
        hint: "Let Main read, let the writer ask and wait, then let Reader 3 ask.",
        deadlock: None,
        fixed: None,
        note: Some(
            "A policy, not a promise: std leaves to the platform whether a new reader may join \
             readers while a writer waits. This runtime's RwLock lets it; std's on Linux holds \
             new readers back then (the chapter's run: Reader 3 waits, reads 1).",
        ),
        scenario: ch17_reader_first,
    },
    Level {
        id: "ch18",
        chapter: "ch18_once",
        title: "Initialise once: two threads ask a OnceLock for the settings",
        goal: "Make the initialiser run twice.",
        hint: "A thread that finds the cell empty takes its lock, and looks again under it.",
        deadlock: None,
        fixed: Some(
            "no schedule runs the initialiser twice: one thread makes the settings, the others wait for them",
        ),
        note: Some(
            "The play runtime's OnceLock keeps std's contract (one initialiser, the others wait in \
             get_or_init), built from a lock around std's cell: std's own rests on a Once that \
             shuttle cannot schedule.",
        ),
        scenario: ch18,
    },
    Level {
        id: "ch18-look-and-set",
        chapter: "ch18_once",
        title: "The Try this: a look with get(), then set(), and no lock between",
        goal: "Make the initialiser run twice.",
        hint: "Let both threads look before either has set the cell.",
        deadlock: None,
        fixed: None,
        note: Some(
            "The threads here run chapter 18's Try this (in play/src/levels/ch15_ch18.rs), around the \
             chapter's own `make`.",
        ),
        scenario: ch18_look_and_set,
    },
];
