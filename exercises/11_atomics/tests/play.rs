//! The exercise's model, on the play runtime: two threads add to one `Counter` twice each, and
//! the play engine's depth-first search runs every schedule of their steps (each atomic
//! operation, each lock and release, and the gap) with at most 3 preemptions (a preemption: the
//! search switches away from a thread that could go on, or lets a thread that has just given way
//! with `yield_now` go on while another could run; a lost addition needs one). On each, the
//! counter must end at 4. Bounded, because a right answer may spin: a lock made of a flag, whose
//! waiting thread may look again any number of times, has schedules without end; with at most 3
//! preemptions, 846 (`cargo xtask check 11` on `right_flag_lock_swap.lib.rs`, kept with the
//! answers). Run by `cargo xtask check 11`; it needs `--cfg shuttle`.
//!
//! shuttle runs every atomic as sequentially consistent: this model finds lost additions (an
//! interleaving), not a missing `Release`/`Acquire` (weak memory). The exercise's counter needs
//! none: `main` reads it after `join`.
//!
//! A schedule that breaks it is written for the check in the play engine's words, and the
//! check draws it as `cargo xtask play` draws a schedule: a lane per thread, each step's line.
#![cfg(shuttle)]

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::Arc;
use common::sync::book;
use ex11_atomics::Counter;
use play::engine::{Level, join, spawn};

const LEVEL: Level = Level {
    id: "ex11",
    chapter: "ex11_atomics",
    title: "Exercise 11: two threads add to one counter twice each",
    goal: "Lose an addition: let both threads finish, and end with the counter below 4.",
    hint: "An addition that loads, then stores, lets the other thread store in between.",
    deadlock: None,
    fixed: Some("no schedule loses an addition: each is one indivisible step"),
    note: None,
    scenario: two_add_twice,
};

fn two_add_twice() {
    let counter = Arc::new(Counter::new());
    // The scenario's own note (std's, which takes no step): the additions that returned.
    let returned = Arc::new(AtomicUsize::new(0));
    let c = Arc::clone(&counter);
    book::show("counter", move || c.value().to_string());
    let r = Arc::clone(&returned);
    book::show("additions returned", move || r.load(SeqCst).to_string());
    let (c, r) = (Arc::clone(&counter), Arc::clone(&returned));
    book::goal(move || {
        let (value, done) = (c.value(), r.load(SeqCst));
        (done == 4 && value < 4).then(|| {
            format!(
                "An addition is lost: four additions returned and the counter is {value}. A \
                 thread stored a value it had loaded before the other thread's store."
            )
        })
    });
    let threads = (1..=2)
        .map(|t| {
            let (counter, returned) = (Arc::clone(&counter), Arc::clone(&returned));
            spawn(&format!("Thread {t}"), "Counter::add, twice", move || {
                for n in 1..=2 {
                    // The gap: a step of its own, where the other thread may get in.
                    counter.add(|| common::sync::step("the gap"));
                    returned.fetch_add(1, SeqCst);
                    book::did(format!("addition {n} returned"));
                }
            })
        })
        .collect();
    join(threads);
}

#[test]
fn four_additions_end_at_four_on_every_schedule() {
    play::model::holds_within(&LEVEL, 3, 20_000);
}
