//! Chapter 6's levels (`ch06_rlock`): a lock taken once for two additions. Their words and each
//! breakable level's winning schedule are the table `ch06.json`, beside this file; the scenarios
//! are here.

use std::sync::Mutex as Plain;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::book;
use common::sync::{Arc, Mutex};

use super::{Chapter, Scenario, twin};
use crate::engine::{join, spawn};

fn ch06() {
    lock_once("pass_mut::update_twice", |db, pause| {
        ch06_rlock::pass_mut::update_twice(db, pause)
    });
}

/// Chapter 6's Thread 1 runs `twice` (two additions, `what`) and Thread 2 `add_one` (one), on
/// one value behind one lock; the goal: an update lost, or Thread 2's addition between Thread
/// 1's two. Each addition notes whose it is in its gap (the pause it is passed).
pub(super) fn lock_once(what: &str, twice: fn(&Mutex<u64>, &dyn Fn())) {
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

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch06.json", include_str!("ch06.json")),
    scenarios: &[Scenario::new("ch06", ch06)],
    twins: &[("ch06", "ch06-twin", "came between update_twice's two")],
    own_twins: &[twin(
        "ch06-twin",
        "ch06_rlock",
        "update_twice that calls add_one twice, a lock each",
        || {
            lock_once("update_twice, add_one twice", |db, pause| {
                ch06_rlock::pass_mut::add_one(db, pause);
                ch06_rlock::pass_mut::add_one(db, pause);
            })
        },
    )],
};
