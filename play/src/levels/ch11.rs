//! Chapter 11's levels (`ch11_atomics`): atomics, and a lock made of a flag. Their words and each
//! breakable level's winning schedule are the table `ch11.json`, beside this file; the scenarios
//! are here.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::Arc;
use common::sync::book;

use super::{Chapter, Scenario, get, note, set};
use crate::engine::{join, spawn};

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
            // It gives way between looks (a step the screen shows); its spin has schedules
            // without end, so the level's search keeps to a bound of preemptions.
            set(
                &got,
                mailbox.receive(Relaxed, common::sync::thread::yield_now),
            );
        }),
    ]);
}

fn ch11_flag() {
    flag_lock(
        ch11_atomics::FlagLock::lock_load_then_store,
        "lock_load_then_store",
    );
}

fn ch11_flag_exchange() {
    flag_lock(ch11_atomics::FlagLock::lock, "lock (compare_exchange)");
}

/// Chapter 11's flag lock, taken with `lock` (`how` names it) by two threads, twice each, around
/// a step of work inside; the goal: both inside at once.
fn flag_lock(lock: fn(&ch11_atomics::FlagLock), how: &str) {
    let flag = Arc::new(ch11_atomics::FlagLock::new());
    let inside = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let i = Arc::clone(&inside);
    book::show("inside", move || i.load(SeqCst).to_string());
    let m = Arc::clone(&most);
    book::goal(move || {
        (m.load(SeqCst) > 1).then(|| {
            "Both threads are inside: each looked at the flag, found it down, and raised it. \
             The look and the raise are two atomic steps, and the other thread came between \
             them."
                .to_string()
        })
    });
    let threads = (1..=2)
        .map(|t| {
            let (flag, inside, most) = (Arc::clone(&flag), Arc::clone(&inside), Arc::clone(&most));
            spawn(
                &format!("Thread {t}"),
                &format!("{how}, twice"),
                move || {
                    for _ in 0..2 {
                        lock(&flag);
                        let now = inside.fetch_add(1, SeqCst) + 1;
                        most.fetch_max(now, SeqCst);
                        book::did(format!("went in ({now} inside)"));
                        common::sync::step("works inside");
                        inside.fetch_sub(1, SeqCst);
                        flag.unlock();
                    }
                },
            )
        })
        .collect();
    join(threads);
}

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch11.json", include_str!("ch11.json")),
    scenarios: &[
        Scenario::new("ch11", ch11),
        Scenario::bounded("ch11-stale", ch11_stale, 6),
        Scenario::bounded("ch11-flag", ch11_flag, 6),
        // The spin locks: 28,156 schedules (0.4 s); the load-then-store twin needs 2.
        Scenario::bounded("ch11-flag-exchange", ch11_flag_exchange, 8),
    ],
    twins: &[("ch11-flag-exchange", "ch11-flag", "Both threads are inside")],
    own_twins: &[],
};
