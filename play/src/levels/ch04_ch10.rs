//! The scenarios of chapters 4 to 10: a race, its lock, a lock taken twice, deadlock,
//! and the banks.

use std::sync::Mutex as Plain;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::book;
use common::sync::{Arc, Mutex};

use super::{get, note, set};
use crate::engine::{join, spawn};

pub(super) fn ch04() {
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

/// A value that two threads update, as chapter 5's `FakeDatabase` does (or its broken twin,
/// `twins.rs`): `update` must keep each read and its write together.
pub(crate) trait Updated: Send + Sync + 'static {
    /// Thread `n`'s update, with nothing in its gap (the lesson sleeps there).
    fn update(&self, n: usize);
    /// The value now, as a probe reads it.
    fn value(&self) -> u64;
}

impl Updated for ch05_lock_fix::FakeDatabase {
    fn update(&self, n: usize) {
        self.locked_update(n, || {});
    }
    fn value(&self) -> u64 {
        ch05_lock_fix::FakeDatabase::value(self)
    }
}

pub(super) fn ch05() {
    two_updates(
        ch05_lock_fix::FakeDatabase::new(),
        "FakeDatabase::locked_update",
    );
}

/// Chapter 5's two threads, each updating `db` once (`what` names the call); the goal: an
/// update lost.
pub(crate) fn two_updates<D: Updated>(db: D, what: &str) {
    let db = Arc::new(db);
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
            spawn(&format!("Thread {n}"), what, move || {
                db.update(n);
                done.fetch_add(1, SeqCst);
            })
        })
        .collect();
    join(threads);
}

pub(super) fn ch06() {
    lock_once("pass_mut::update_twice", |db, pause| {
        ch06_rlock::pass_mut::update_twice(db, pause)
    });
}

/// Chapter 6's Thread 1 runs `twice` (two additions, `what`) and Thread 2 `add_one` (one), on
/// one value behind one lock; the goal: an update lost, or Thread 2's addition between Thread
/// 1's two. Each addition notes whose it is in its gap (the pause it is passed).
pub(crate) fn lock_once(what: &str, twice: fn(&Mutex<u64>, &dyn Fn())) {
    use ch06_rlock::pass_mut;
    let db = Arc::new(Mutex::new(0_u64));
    common::sync::name(&db, "the lock");
    let done = Arc::new(AtomicUsize::new(0));
    // Whose each addition was, in order: the scenario's own note (a std lock, no step).
    let order = Arc::new(Plain::new(Vec::<usize>::new()));
    let d = Arc::clone(&db);
    book::show("value", move || d.lock().unwrap().to_string());
    let (d, n, o) = (Arc::clone(&db), Arc::clone(&done), Arc::clone(&order));
    book::goal(move || {
        let v = *d.lock().unwrap();
        if n.load(SeqCst) == 2 && v < 3 {
            return Some(format!("An update is lost: the value is {v}."));
        }
        (o.lock().unwrap()[..] == [1, 2, 1]).then(|| {
            "Thread 2's addition came between update_twice's two: update_twice let go of the \
             lock between them."
                .to_string()
        })
    });
    let noting = |order: &Arc<Plain<Vec<usize>>>| {
        let order = Arc::clone(order);
        move || order.lock().unwrap().push(book::me())
    };
    let (d1, d2) = (Arc::clone(&db), Arc::clone(&db));
    let (n1, n2) = (Arc::clone(&done), Arc::clone(&done));
    let (p1, p2) = (noting(&order), noting(&order));
    join(vec![
        spawn("Thread 1", what, move || {
            twice(&d1, &p1);
            n1.fetch_add(1, SeqCst);
        }),
        spawn("Thread 2", "pass_mut::add_one", move || {
            pass_mut::add_one(&d2, p2);
            n2.fetch_add(1, SeqCst);
        }),
    ]);
}

pub(super) fn two_locks() -> (Arc<lab::Lock<()>>, Arc<lab::Lock<()>>) {
    let locks = (
        Arc::new(lab::Lock::new("lock 1", ())),
        Arc::new(lab::Lock::new("lock 2", ())),
    );
    book::name_locks(&["lock 1", "lock 2"]);
    locks
}

pub(super) fn ch07() {
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

pub(super) fn ch07_ordered() {
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

pub(super) fn ch08() {
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
pub(super) fn withdrawals<B: lab::Bank + Send + Sync + 'static>(
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

pub(super) fn ch08_overdraw() {
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

pub(super) fn ch09() {
    bank_of_three(
        ch09_safe_bank::Bank::new(&[50, 0]),
        "total(), under the lock",
        Some(ch09_safe_bank::Bank::lowest),
    );
}

/// Two withdrawals of 40 from 50 and a check of the total (`check` names the call), on `bank`;
/// `lowest`, where the bank keeps it, is its lowest balance so far. The goal: both withdrawals
/// made, or the check saw money in flight.
pub(crate) fn bank_of_three<B: lab::Bank + Send + Sync + 'static>(
    bank: B,
    check: &str,
    lowest: Option<fn(&B) -> i64>,
) {
    let bank = Arc::new(bank);
    book::name_locks(&["the bank's lock"]);
    if let Some(lowest) = lowest {
        let b = Arc::clone(&bank);
        book::show("lowest balance so far", move || lowest(&b).to_string());
    }
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
            Some(match lowest {
                Some(lowest) => format!(
                    "Both withdrawals went through: the lowest balance is {}.",
                    lowest(&b)
                ),
                None => "Both withdrawals of 40 went through, from an account of 50.".into(),
            })
        } else {
            wrong.map(|t| format!("The check saw {t}, not 50."))
        }
    });
    let b = Arc::clone(&bank);
    threads.push(spawn("Check", check, move || {
        set(&seen, b.total(|| {}));
    }));
    join(threads);
}

pub(super) fn opposite(order: ch10_fine_grained::Order) {
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

pub(super) fn ch10() {
    opposite(ch10_fine_grained::Order::AsTheyCome);
}

pub(super) fn ch10_ordered() {
    opposite(ch10_fine_grained::Order::ByIndex);
}
