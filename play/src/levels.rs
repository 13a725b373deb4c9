//! The levels: each a chapter's own code (its `lib.rs`) in a scenario of two or three threads,
//! like the loom models in `proofs/`. Their words (the goal in the lesson's words, the hint, the
//! claim of a fix, the winning schedule kept for a breakable one) are the table beside this file,
//! `levels.json`, which the runner reads without building the engine; the scenarios are here.

use std::sync::Mutex as Plain;
use std::sync::OnceLock;
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

/// The scenario of each level of the table (`levels.json`, beside this file: the levels' words,
/// and each breakable level's winning schedule), by its id.
pub const SCENARIOS: &[(&str, fn())] = &[
    ("ch04", ch04),
    ("ch05", ch05),
    ("ch06", ch06),
    ("ch07", ch07),
    ("ch07-ordered", ch07_ordered),
    ("ch08", ch08),
    ("ch08-overdraw", ch08_overdraw),
    ("ch09", ch09),
    ("ch10", ch10),
    ("ch10-ordered", ch10_ordered),
    ("ch11", ch11),
    ("ch11-stale", ch11_stale),
    ("ch13", ch13),
    ("ch13-rendezvous", ch13_rendezvous),
    ("ch13-try-send", ch13_try_send),
    ("ch14", ch14),
    ("ch14-event", ch14_event),
    ("ch15", ch15),
    ("ch15-while", ch15_while),
    ("ch16", ch16),
    ("ch16-parties-2", ch16_parties_2),
    ("ch17", ch17),
    ("ch17-reader-first", ch17_reader_first),
    ("ch18", ch18),
    ("ch18-look-and-set", ch18_look_and_set),
];

/// The table's text: the levels' words, as data that the runner reads too.
pub const TABLE: &str = include_str!("levels.json");

/// Every level, in the table's order: its words with its scenario. Made once: the words live as
/// long as the engine does.
pub fn levels() -> &'static [Level] {
    static LEVELS: OnceLock<&'static [Level]> = OnceLock::new();
    LEVELS.get_or_init(|| {
        let table = playproto::table(TABLE).unwrap_or_else(|e| panic!("{e}"));
        if let Err(e) = matched(&table) {
            panic!("{e}");
        }
        let keep = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let keep_opt = |s: Option<String>| s.map(keep);
        let levels: Vec<Level> = table
            .into_iter()
            .map(|l| Level {
                scenario: scenario(&l.id).expect("matched above"),
                id: keep(l.id),
                chapter: keep(l.chapter),
                title: keep(l.title),
                goal: keep(l.goal),
                hint: keep(l.hint),
                deadlock: keep_opt(l.deadlock),
                fixed: keep_opt(l.fixed),
                note: keep_opt(l.note),
            })
            .collect();
        Vec::leak(levels)
    })
}

/// The table's words of every level, with its kept schedule.
pub fn table() -> Vec<playproto::Level> {
    playproto::table(TABLE).unwrap_or_else(|e| panic!("{e}"))
}

fn scenario(id: &str) -> Option<fn()> {
    SCENARIOS.iter().find(|(s, _)| *s == id).map(|(_, f)| *f)
}

/// Every level of the table has its scenario here, and every scenario its level in the table.
pub fn matched(table: &[playproto::Level]) -> Result<(), String> {
    for l in table {
        if scenario(&l.id).is_none() {
            return Err(format!(
                "the level {} of play/src/levels.json has no scenario in play/src/levels.rs's SCENARIOS",
                l.id
            ));
        }
    }
    for (id, _) in SCENARIOS {
        if !table.iter().any(|l| l.id == *id) {
            return Err(format!(
                "the scenario {id} of play/src/levels.rs has no level in play/src/levels.json"
            ));
        }
    }
    Ok(())
}

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
                        common::sync::step("works inside, then leaves");
                        inside.fetch_sub(1, SeqCst);
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
