//! The levels: each a chapter's own code (its `lib.rs`) in a scenario of two or three threads,
//! like the loom models in `proofs/`, with the goal in the lesson's words.

use std::sync::Mutex as Plain;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::atomic::AtomicUsize as AtomicU;
use common::sync::book;
use common::sync::mpsc::SyncSender;
use common::sync::{Arc, Condvar, Mutex};

use crate::engine::{Level, join, spawn};

/// The scenario's own notes (what each thread's call returned): plain std types, which take no
/// step of their own, so they add no choice to the game.
fn note<T: Send + 'static>() -> Arc<Plain<Option<T>>> {
    Arc::new(Plain::new(None))
}

fn get<T: Clone>(n: &Plain<Option<T>>) -> Option<T> {
    n.lock().unwrap().clone()
}

fn set<T>(n: &Plain<Option<T>>, v: T) {
    *n.lock().unwrap() = Some(v);
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
        goal: "Lose an update: end with the value below 3 after update_twice (two additions) and add_one (one).",
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
        title: "A flag raised with Relaxed",
        goal: "Hand over a stale value: the receiver sees the flag up and reads the data as 0.",
        hint: "Under this runtime, no move can do it: read the note.",
        deadlock: None,
        fixed: Some(
            "no schedule hands over a stale value here, because this runtime does not model weak memory",
        ),
        note: Some(
            "shuttle runs every atomic as sequentially consistent: it explores interleavings, not \
             weak memory, so a Relaxed flag behaves here as if it were SeqCst and the stale read \
             cannot happen in this game. On real hardware (and in loom: proofs/tests/loom_ch11.rs) \
             it can: Relaxed promises nothing about the data.",
        ),
        scenario: ch11_stale,
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
            "Producer here is chapter 13's Try this (in play/src/levels.rs): its loop, with \
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
            "The semaphore here is a copy of the chapter's (in play/src/levels.rs) with one word \
             changed, `if` for `while`: a job woken in `acquire` goes in without looking again.",
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
            "The threads here run chapter 18's Try this (in play/src/levels.rs), around the \
             chapter's own `make`.",
        ),
        scenario: ch18_look_and_set,
    },
];

// ---- the scenarios ----

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

fn ch05() {
    let db = Arc::new(ch05_lock_fix::FakeDatabase::new());
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
            spawn(
                &format!("Thread {n}"),
                "FakeDatabase::locked_update",
                move || {
                    db.locked_update(n, || {});
                    done.fetch_add(1, SeqCst);
                },
            )
        })
        .collect();
    join(threads);
}

fn ch06() {
    use ch06_rlock::pass_mut;
    let db = Arc::new(Mutex::new(0_u64));
    common::sync::name(&db, "the lock");
    let done = Arc::new(AtomicUsize::new(0));
    let d = Arc::clone(&db);
    book::show("value", move || d.lock().unwrap().to_string());
    let (d, n) = (Arc::clone(&db), Arc::clone(&done));
    book::goal(move || {
        let v = *d.lock().unwrap();
        (n.load(SeqCst) == 2 && v < 3).then(|| format!("An update is lost: the value is {v}."))
    });
    let (d1, d2) = (Arc::clone(&db), Arc::clone(&db));
    let (n1, n2) = (Arc::clone(&done), Arc::clone(&done));
    join(vec![
        spawn("Thread 1", "pass_mut::update_twice", move || {
            pass_mut::update_twice(&d1, || {});
            n1.fetch_add(1, SeqCst);
        }),
        spawn("Thread 2", "pass_mut::add_one", move || {
            pass_mut::add_one(&d2, || {});
            n2.fetch_add(1, SeqCst);
        }),
    ]);
}

fn two_locks() -> (Arc<lab::Lock<()>>, Arc<lab::Lock<()>>) {
    let locks = (
        Arc::new(lab::Lock::new("lock 1", ())),
        Arc::new(lab::Lock::new("lock 2", ())),
    );
    book::name_locks(&["lock 1", "lock 2"]);
    locks
}

fn ch07() {
    let (l1, l2) = two_locks();
    let a = (Arc::clone(&l1), Arc::clone(&l2));
    let b = (l2, l1);
    join(vec![
        spawn("Thread A", "take_both(lock 1, lock 2)", move || {
            ch07_deadlock::take_both(&a.0, &a.1, || {})
        }),
        spawn("Thread B", "take_both(lock 2, lock 1)", move || {
            ch07_deadlock::take_both(&b.0, &b.1, || {})
        }),
    ]);
}

fn ch07_ordered() {
    let (l1, l2) = two_locks();
    let a = (Arc::clone(&l1), Arc::clone(&l2));
    let b = (l2, l1);
    join(vec![
        spawn(
            "Thread A",
            "take_both_in_order(lock 1, lock 2)",
            move || ch07_deadlock::take_both_in_order(&a.0, &a.1, || {}),
        ),
        spawn(
            "Thread B",
            "take_both_in_order(lock 2, lock 1)",
            move || ch07_deadlock::take_both_in_order(&b.0, &b.1, || {}),
        ),
    ]);
}

fn ch08() {
    use ch08_forgotten_lock::Bank;
    use lab::Bank as _;
    let bank = Arc::new(Bank::new(&[100, 0]));
    book::name_locks(&["the bank's lock"]);
    let seen = note::<i64>();
    let b = Arc::clone(&bank);
    book::show("total (all accounts)", move || b.total(|| {}).to_string());
    let s = Arc::clone(&seen);
    book::show("the check saw", move || {
        get(&s).map_or("(not done yet)".into(), |t| t.to_string())
    });
    let s = Arc::clone(&seen);
    book::goal(move || {
        get(&s).filter(|&t| t != 100).map(|t| {
            let how = if t > 100 { "counted twice" } else { "not counted at all" };
            format!("The check saw {t}, not 100: the 30 in flight was {how}. No money was lost; the check looked mid-transfer.")
        })
    });
    let t = Arc::clone(&bank);
    join(vec![
        spawn("Transfer", "transfer(0 -> 1, 30)", move || {
            t.transfer(0, 1, 30, || {});
        }),
        spawn("Check", "total(), without the lock", move || {
            set(&seen, bank.total(|| {}));
        }),
    ]);
}

/// Two withdrawals of 40 from an account of 50, on `bank`; what each returned.
fn withdrawals<B: lab::Bank + Send + Sync + 'static>(
    bank: &Arc<B>,
) -> (Vec<shuttle::thread::JoinHandle<()>>, Arc<Plain<Vec<bool>>>) {
    let made = Arc::new(Plain::new(Vec::new()));
    let threads = (1..=2)
        .map(|n| {
            let (bank, made) = (Arc::clone(bank), Arc::clone(&made));
            spawn(
                &format!("Withdraw {n}"),
                "transfer(0 -> 1, 40)",
                move || {
                    let ok = bank.transfer(0, 1, 40, || {});
                    made.lock().unwrap().push(ok);
                },
            )
        })
        .collect();
    (threads, made)
}

fn ch08_overdraw() {
    use ch08_forgotten_lock::Bank;
    use lab::Bank as _;
    let bank = Arc::new(Bank::new(&[50, 0]));
    book::name_locks(&["the bank's lock"]);
    let b = Arc::clone(&bank);
    book::show("total", move || b.total(|| {}).to_string());
    let (threads, made) = withdrawals(&bank);
    let m = Arc::clone(&made);
    book::show("withdrawals made", move || {
        format!("{:?}", m.lock().unwrap())
    });
    book::goal(move || {
        (made.lock().unwrap().iter().filter(|m| **m).count() == 2).then(|| {
            "Both withdrawals of 40 went through: 80 taken from an account that had 50. Each \
             tested the balance before the other took the money."
                .to_string()
        })
    });
    join(threads);
}

fn ch09() {
    use ch09_safe_bank::Bank;
    use lab::Bank as _;
    let bank = Arc::new(Bank::new(&[50, 0]));
    book::name_locks(&["the bank's lock"]);
    let b = Arc::clone(&bank);
    book::show("lowest balance so far", move || b.lowest().to_string());
    let (mut threads, made) = withdrawals(&bank);
    let m = Arc::clone(&made);
    book::show("withdrawals made", move || {
        format!("{:?}", m.lock().unwrap())
    });
    let seen = note::<i64>();
    let s = Arc::clone(&seen);
    book::show("the check saw", move || {
        get(&s).map_or("(not done yet)".into(), |t| t.to_string())
    });
    let s = Arc::clone(&seen);
    let b = Arc::clone(&bank);
    book::goal(move || {
        let both = made.lock().unwrap().iter().filter(|m| **m).count() == 2;
        let wrong = get(&s).filter(|&t| t != 50);
        if both {
            Some(format!(
                "Both withdrawals went through: the lowest balance is {}.",
                b.lowest()
            ))
        } else {
            wrong.map(|t| format!("The check saw {t}, not 50."))
        }
    });
    let b = Arc::clone(&bank);
    threads.push(spawn("Check", "total(), under the lock", move || {
        set(&seen, b.total(|| {}));
    }));
    join(threads);
}

fn opposite(order: ch10_fine_grained::Order) {
    use ch10_fine_grained::Bank;
    use lab::Bank as _;
    let bank = Arc::new(Bank::new(&[100, 100], order));
    book::name_locks(&["account 0", "account 1"]);
    let b = Arc::clone(&bank);
    book::show("total", move || b.total(|| {}).to_string());
    let (b1, b2) = (Arc::clone(&bank), bank);
    join(vec![
        spawn("Thread 1", "transfer(0 -> 1, 10)", move || {
            b1.transfer(0, 1, 10, || {});
        }),
        spawn("Thread 2", "transfer(1 -> 0, 10)", move || {
            b2.transfer(1, 0, 10, || {});
        }),
    ]);
}

fn ch10() {
    opposite(ch10_fine_grained::Order::AsTheyCome);
}

fn ch10_ordered() {
    opposite(ch10_fine_grained::Order::ByIndex);
}

fn ch11() {
    let counter = Arc::new(ch11_atomics::Counter::new());
    let done = Arc::new(AtomicUsize::new(0));
    let c = Arc::clone(&counter);
    book::show("counter", move || c.value().to_string());
    let (c, n) = (Arc::clone(&counter), Arc::clone(&done));
    book::goal(move || {
        (n.load(SeqCst) == 2 && c.value() < 2).then(|| {
            format!(
                "An update is lost: two additions, and the counter is {}. Each access was atomic; the addition was not.",
                c.value()
            )
        })
    });
    let threads = (1..=2)
        .map(|n| {
            let (c, done) = (Arc::clone(&counter), Arc::clone(&done));
            spawn(
                &format!("Thread {n}"),
                "Counter::add_load_store",
                move || {
                    c.add_load_store(|| {});
                    done.fetch_add(1, SeqCst);
                },
            )
        })
        .collect();
    join(threads);
}

fn ch11_stale() {
    use common::sync::atomic::Ordering::Relaxed;
    let mailbox = Arc::new(ch11_atomics::Mailbox::new());
    let got = note::<u64>();
    let g = Arc::clone(&got);
    book::show("the receiver got", move || {
        get(&g).map_or("(nothing yet)".into(), |v| v.to_string())
    });
    let g = Arc::clone(&got);
    book::goal(move || {
        get(&g)
            .filter(|&v| v != 42)
            .map(|v| format!("A stale value: the flag was up and the data read {v}."))
    });
    let m = Arc::clone(&mailbox);
    join(vec![
        spawn("Publisher", "publish(42, Relaxed)", move || {
            m.publish(42, Relaxed)
        }),
        spawn("Receiver", "receive(Relaxed)", move || {
            set(&got, mailbox.receive(Relaxed, || {}));
        }),
    ]);
}

/// Chapter 13's Producer (`produce`: the chapter's, or its Try this) and the chapter's Consumer
/// on a queue with room for `capacity`; the goal: a send got ahead of the bound, or Consumer got
/// other than what Producer made (main's check, in its words).
fn queue_of(
    capacity: usize,
    produce: fn(SyncSender<u64>, usize) -> Vec<u64>,
    lost_how: &'static str,
) {
    let (sender, receiver) = common::sync::mpsc::sync_channel(capacity);
    book::name_channels(&["the queue"]);
    let label = match capacity {
        0 => "in the channel (no queue)".to_string(),
        n => format!("in the queue (room for {n})"),
    };
    book::show(&label, || book::with(|b| b.channels[0].queued.to_string()));
    let (made, got) = (note::<Vec<u64>>(), note::<Vec<u64>>());
    let (m, g) = (Arc::clone(&made), Arc::clone(&got));
    book::goal(move || {
        let (ahead, most) = book::with(|b| (b.channels[0].ahead, b.channels[0].most));
        if capacity == 0 && ahead {
            return Some("A send returned with no recv there to take its message.".into());
        }
        if capacity > 0 && most > capacity {
            return Some(format!(
                "{most} messages in a queue with room for {capacity}."
            ));
        }
        let (made, got) = (get(&m)?, get(&g)?);
        (got != made).then(|| {
            let lost: Vec<String> = made
                .iter()
                .filter(|x| !got.contains(x))
                .map(u64::to_string)
                .collect();
            format!(
                "Main: {}. Lost: {} {}. {lost_how}",
                ch13_channels::check(&made, &got),
                if lost.len() == 1 {
                    "message"
                } else {
                    "messages"
                },
                lost.join(", ")
            )
        })
    });
    join(vec![
        spawn(
            "Producer",
            &format!("producer(sender, {capacity})"),
            move || {
                set(&made, produce(sender, capacity));
            },
        ),
        spawn("Consumer", "consumer(receiver)", move || {
            set(&got, ch13_channels::consumer(receiver, || {}));
        }),
    ]);
}

fn ch13_rendezvous() {
    queue_of(0, ch13_channels::producer, "");
}

fn ch13() {
    queue_of(1, ch13_channels::producer, "");
}

/// Chapter 13's Try this: the chapter's producer with `try_send` for `send`, dropping the
/// message when the queue is full.
fn producer_try_send(sender: SyncSender<u64>, _capacity: usize) -> Vec<u64> {
    use common::sync::mpsc::TrySendError;
    let mut made = Vec::new();
    for message in 0..ch13_channels::MESSAGES {
        made.push(message);
        match sender.try_send(message) {
            Ok(()) => log::info!("Producer: sent message {message}"),
            Err(TrySendError::Full(_)) => {
                log::info!("Producer: the queue is full: drops message {message}")
            }
            Err(TrySendError::Disconnected(_)) => panic!("Consumer hung up before the end"),
        }
    }
    made
}

fn ch13_try_send() {
    queue_of(
        1,
        producer_try_send,
        "try_send found the queue full, and Producer dropped what did not fit.",
    );
}

fn ch14() {
    let signal = Arc::new(ch14_condvar::Signal::new());
    book::name_locks(&["the signal's lock"]);
    let s = Arc::clone(&signal);
    join(vec![
        spawn("Waiter", "Signal::wait", move || s.wait()),
        spawn("Notifier", "Signal::notify", move || signal.notify()),
    ]);
}

fn ch14_event() {
    let event = Arc::new(ch14_condvar::Event::new());
    book::name_locks(&["the event's lock"]);
    let e = Arc::clone(&event);
    book::show("flag", move || e.is_set().to_string());
    let e = Arc::clone(&event);
    join(vec![
        spawn("Waiter", "Event::wait", move || e.wait()),
        spawn("Setter", "Event::set", move || event.set()),
    ]);
}

/// The chapter's semaphore with `if` where it waits in a `while` (the one change), and its
/// permit's return as the chapter writes it.
struct IfSemaphore {
    free: Mutex<usize>,
    returned: Condvar,
}

trait Gate: Send + Sync + 'static {
    fn inside(&self, work: &dyn Fn());
    fn free(&self) -> usize;
}

impl Gate for IfSemaphore {
    fn inside(&self, work: &dyn Fn()) {
        let mut free = self.free.lock().unwrap();
        if *free == 0 {
            free = self.returned.wait(free).unwrap();
        }
        // A woken job goes on without looking again: the count may be 0 (and would wrap).
        *free = free.wrapping_sub(1);
        drop(free);
        work();
        let mut free = self.free.lock().unwrap();
        *free = free.wrapping_add(1);
        drop(free);
        self.returned.notify_one();
    }
    fn free(&self) -> usize {
        *self.free.lock().unwrap()
    }
}

impl Gate for ch15_semaphore::Semaphore {
    fn inside(&self, work: &dyn Fn()) {
        let _permit = self.acquire();
        work();
    }
    fn free(&self) -> usize {
        self.available()
    }
}

/// A semaphore of two, and three threads: A does two jobs, B and C one each.
fn three_jobs<G: Gate>(gate: G) {
    let gate = Arc::new(gate);
    book::name_locks(&["the count's lock"]);
    let inside = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let i = Arc::clone(&inside);
    book::show("jobs inside", move || i.load(SeqCst).to_string());
    let g = Arc::clone(&gate);
    book::show("free permits", move || (g.free() as isize).to_string());
    let m = Arc::clone(&most);
    book::goal(move || {
        (m.load(SeqCst) > 2).then(|| {
            "Three jobs are inside a semaphore of two: the woken job went in without looking \
             again, and the permit it was woken for had been taken."
                .to_string()
        })
    });
    let threads = [("Job A", 2), ("Job B", 1), ("Job C", 1)]
        .into_iter()
        .map(|(name, jobs)| {
            let (gate, inside, most) = (Arc::clone(&gate), Arc::clone(&inside), Arc::clone(&most));
            let what = if jobs == 2 {
                "two jobs, one after the other"
            } else {
                "one job"
            };
            spawn(name, what, move || {
                for _ in 0..jobs {
                    gate.inside(&|| {
                        let now = inside.fetch_add(1, SeqCst) + 1;
                        most.fetch_max(now, SeqCst);
                        book::did(format!("went in ({now} inside)"));
                        // The job's work: one step, so that others can come in meanwhile.
                        common::sync::step("works inside");
                        // Out of the job, not yet out of the semaphore: its permit goes back after.
                        let now = inside.fetch_sub(1, SeqCst) - 1;
                        book::did(format!(
                            "finished its job ({now} inside), still holds its permit"
                        ));
                    });
                }
            })
        })
        .collect();
    join(threads);
}

fn ch15() {
    three_jobs(IfSemaphore {
        free: Mutex::new(2),
        returned: Condvar::new(),
    });
}

fn ch15_while() {
    three_jobs(ch15_semaphore::Semaphore::new(2));
}

/// Chapter 17's part 3: Main holds a read lock and lets go, the writer adds 1, the late reader
/// reads; `goal` looks at the lock's note in the book.
fn readers_and_a_writer(goal: fn(&book::LockNote, &book::Book) -> Option<String>) {
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
        spawn("Writer", "writer", move || ch17_rwlock::writer(&l2)),
        spawn("Reader 3", "late_reader", move || {
            set(&read, ch17_rwlock::late_reader(&lock));
        }),
    ]);
}

fn ch17() {
    readers_and_a_writer(|lock, b| {
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
    readers_and_a_writer(|lock, b| {
        let (reader, writer) = lock.overtaken?;
        Some(format!(
            "{} got in ahead of {}, who waits to write. A lock that lets readers join while a \
             writer waits can keep it waiting as long as readers overlap: writer starvation.",
            b.lanes[reader].name, b.lanes[writer].name
        ))
    });
}

/// Chapter 18's settings asked for by `threads` threads, each with `asking`; the goal: the
/// initialiser ran twice.
fn settings(
    threads: usize,
    asking: fn(&common::sync::OnceLock<ch18_once::Settings>, &AtomicU, usize),
) {
    let cell = Arc::new(common::sync::OnceLock::new());
    let calls = Arc::new(AtomicU::new(0));
    let c = Arc::clone(&calls);
    book::show("initialiser calls", move || {
        c.load(std::sync::atomic::Ordering::Relaxed).to_string()
    });
    let c = Arc::clone(&calls);
    book::goal(move || {
        let n = c.load(std::sync::atomic::Ordering::Relaxed);
        (n >= 2).then(|| {
            format!(
                "The initialiser ran {n} times: each thread that found the cell empty made its \
                 own settings. Only one value was kept; the work was done {n} times."
            )
        })
    });
    // Numbered from 0, as the chapter's own run names them (the keys count from 1).
    let handles = (0..threads)
        .map(|t| {
            let (cell, calls) = (Arc::clone(&cell), Arc::clone(&calls));
            spawn(&format!("Thread {t}"), "asks for the settings", move || {
                asking(&cell, &calls, t)
            })
        })
        .collect();
    join(handles);
}

/// The initialiser's work: a step of its own, so that others can ask meanwhile.
fn work() {
    common::sync::step("makes the settings (the lesson's second of work)");
}

fn ch18() {
    settings(2, |cell, calls, t| {
        let got = ch18_once::ask(cell, calls, t, work);
        book::did(format!("got the settings made by call {}", got.call));
    });
}

fn ch18_look_and_set() {
    settings(2, |cell, calls, t| {
        // Chapter 18's Try this: a look, then a set, with nothing between.
        let got = match cell.get() {
            Some(s) => s,
            None => {
                let _ = cell.set(ch18_once::make(calls, t, work));
                cell.get().unwrap()
            }
        };
        book::did(format!("got the settings made by call {}", got.call));
    });
}

/// Chapter 16's three threads in two phases at a barrier for `parties`; the goal: a thread
/// began phase 1 while phase 0 was unfinished.
fn three_in_phases(parties: usize) {
    const THREADS: usize = 3;
    let barrier = Arc::new(common::sync::Barrier::new(parties));
    let finished: Arc<Vec<AtomicU>> = Arc::new((0..2).map(|_| AtomicU::new(0)).collect());
    let seen = Arc::new(ch16_barrier::Seen::default());
    let early = note::<String>();
    let f = Arc::clone(&finished);
    book::show("finished phase 0, phase 1", move || {
        let r = std::sync::atomic::Ordering::Relaxed;
        format!("{}, {}", f[0].load(r), f[1].load(r))
    });
    let e = Arc::clone(&early);
    book::goal(move || get(&e));
    // Numbered from 0, as the chapter's own run names them (the keys count from 1).
    let threads = (0..THREADS)
        .map(|t| {
            let (barrier, finished, seen) = (
                Arc::clone(&barrier),
                Arc::clone(&finished),
                Arc::clone(&seen),
            );
            let early = Arc::clone(&early);
            let phase = AtomicUsize::new(0);
            spawn(&format!("Thread {t}"), "work_in_phases", move || {
                // The phase's work: a step, where the scenario looks whether phase 0 is done.
                let work = |_secs: u64| {
                    let p = phase.fetch_add(1, SeqCst);
                    let done =
                        book::observe(|| finished[0].load(std::sync::atomic::Ordering::Relaxed));
                    if p == 1 && done.is_some_and(|d| d < THREADS) && get(&early).is_none() {
                        set(
                            &early,
                            format!(
                                "Thread {t} began phase 1 while only {} of {THREADS} threads had \
                                 finished phase 0: the barrier opened before all had come.",
                                done.unwrap_or(0)
                            ),
                        );
                        book::refresh();
                    }
                    common::sync::step("works");
                };
                ch16_barrier::work_in_phases(t, &[1, 1], THREADS, &barrier, &finished, &seen, work);
            })
        })
        .collect();
    join(threads);
}

fn ch16() {
    three_in_phases(3);
}

fn ch16_parties_2() {
    three_in_phases(2);
}
