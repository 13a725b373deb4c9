//! `yield_now` is a hint to the OS, not a promise: the OS may run the same thread again at once.
//! So a search must not leave out the schedules in which a thread that just gave way goes on
//! (`play/src/search.rs`): the reviewer's probe below has its bug on such a schedule only, and
//! the search finds it with the yields as it does without them. Built under `--cfg shuttle`
//! only: `cargo xtask prove` runs these.
#![cfg(shuttle)]

use std::sync::Mutex as Plain;

use common::sync::atomic::{AtomicU64, Ordering::SeqCst};
use common::sync::{Arc, book, thread};
use play::engine::{Level, join, spawn};
use play::search::{self, Found, Plan};

/// What B saw, its two loads.
static SEEN: Plain<Vec<u64>> = Plain::new(Vec::new());

/// A stores 1, 2, 3 (giving way between the stores when `yields`); B loads twice. The goal: B
/// sees 1, then 3: A's second store and its third both between B's two loads.
fn probe(yields: bool) {
    SEEN.lock().unwrap().clear();
    let x = Arc::new(AtomicU64::new(0));
    book::goal(|| (SEEN.lock().unwrap()[..] == [1, 3]).then(|| "B saw 1, then 3.".to_string()));
    let a = Arc::clone(&x);
    join(vec![
        spawn("A", "three stores", move || {
            a.store(1, SeqCst);
            if yields {
                thread::yield_now();
            }
            a.store(2, SeqCst);
            if yields {
                thread::yield_now();
            }
            a.store(3, SeqCst);
        }),
        spawn("B", "two loads", move || {
            for _ in 0..2 {
                let v = x.load(SeqCst);
                SEEN.lock().unwrap().push(v);
            }
        }),
    ]);
}

fn level(id: &'static str, scenario: fn()) -> Level {
    Level {
        id,
        chapter: "common",
        title: id,
        goal: "B sees 1, then 3",
        hint: "",
        deadlock: None,
        fixed: None,
        note: None,
        scenario,
    }
}

/// The probe is found with the yields as it is without them, by the search of every schedule
/// and by a search with a bound of preemptions (it needs two: B's first load between A's first
/// two stores, and A going on after its second yield while B could run).
#[test]
fn a_yield_hides_no_schedule_from_the_search() {
    for (id, scenario) in [
        ("probe", (|| probe(false)) as fn()),
        ("probe with yields", || probe(true)),
    ] {
        let l = level(id, scenario);
        for preemptions in [None, Some(2)] {
            let s = search::check(
                &l,
                Plan {
                    preemptions,
                    cap: 10_000,
                },
            );
            assert!(
                matches!(s.found(), Some((_, Found::Won(_)))),
                "{id}, bound {preemptions:?}: not found in {} schedules",
                s.executions
            );
        }
    }
}
