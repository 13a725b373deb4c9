//! The exercise's model, on the play runtime: two opposite transfers between accounts 0 and 1, 30
//! from 0 to 1 and 20 from 1 to 0, beside a check of the total, and the play engine's depth-first
//! search runs every schedule of their steps: each lock and each release (the bank's pauses take no
//! step of their own: a transfer that lets go of an account mid-move already gives the others a
//! step there). No schedule may deadlock (shuttle sees one when every thread waits for another),
//! the check must always see 200, both transfers must go through, and the total must end at 200.
//! Run by `cargo xtask check 10`; it needs `--cfg shuttle`.
//!
//! A schedule that breaks it is written for the check in the play engine's words, and the
//! check draws it as `cargo xtask play` draws a schedule: a lane per thread, each step's line.
#![cfg(shuttle)]

use std::sync::Mutex as Plain;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::Arc;
use common::sync::book;
use ex10_fine_grained::Bank;
use lab::Bank as _;
use play::engine::{Level, join, spawn};

const LEVEL: Level = Level {
    id: "ex10",
    chapter: "ex10_fine_grained",
    title: "Exercise 10: two opposite transfers and a check, a lock per account",
    goal: "Deadlock the bank, or make the check see money in flight.",
    hint: "Let each transfer take its first account before either reaches for its second.",
    deadlock: Some(
        "Deadlock: two threads each hold an account the other waits for. The bank stops: some \
         code takes two account locks in an order that another takes the other way round.",
    ),
    fixed: Some("no schedule deadlocks, and the check always sees 200"),
    note: None,
    scenario: opposite_and_a_check,
};

fn opposite_and_a_check() {
    let bank = Arc::new(Bank::new(&[100, 100], None));
    // The scenario's own notes: std's, which take no step of their own.
    let seen: Arc<Plain<Option<i64>>> = Arc::default();
    let refused: Arc<Plain<Vec<String>>> = Arc::default();
    let done = Arc::new(AtomicUsize::new(0));
    let b = Arc::clone(&bank);
    book::show("total", move || b.total(|| {}).to_string());
    let s = Arc::clone(&seen);
    book::show("the check saw", move || {
        s.lock()
            .unwrap()
            .map_or("(not done yet)".into(), |t| t.to_string())
    });
    let (b, s, r, d) = (
        Arc::clone(&bank),
        Arc::clone(&seen),
        Arc::clone(&refused),
        Arc::clone(&done),
    );
    book::goal(move || {
        if let Some(t) = s.lock().unwrap().filter(|&t| t != 200) {
            return Some(format!(
                "The check saw {t}, not 200: money in flight. A transfer let go of one account \
                 before the money reached the other, or the check does not hold both accounts \
                 for its sum."
            ));
        }
        if let Some(what) = r.lock().unwrap().first() {
            return Some(format!(
                "The transfer {what} was refused: the account had enough."
            ));
        }
        // Looked at once every thread finished (while one holds an account, it cannot be).
        let total = (d.load(SeqCst) == 3).then(|| b.total(|| {}));
        total
            .filter(|&t| t != 200)
            .map(|t| format!("The total ends at {t}, not 200: money was lost or made."))
    });
    let mut threads: Vec<_> = [(0, 1, 30), (1, 0, 20)]
        .into_iter()
        .map(|(from, to, amount)| {
            let (bank, refused, done) =
                (Arc::clone(&bank), Arc::clone(&refused), Arc::clone(&done));
            let what = format!("transfer({from} -> {to}, {amount})");
            spawn(
                &format!("Transfer {from} -> {to}"),
                &what.clone(),
                move || {
                    if !bank.transfer(from, to, amount, || {}) {
                        refused.lock().unwrap().push(what);
                    }
                    done.fetch_add(1, SeqCst);
                },
            )
        })
        .collect();
    threads.push(spawn(
        "Check",
        "total(), holding both accounts",
        move || {
            *seen.lock().unwrap() = Some(bank.total(|| {}));
            done.fetch_add(1, SeqCst);
        },
    ));
    join(threads);
}

#[test]
fn opposite_transfers_and_a_check_never_deadlock_on_every_schedule() {
    play::model::holds(&LEVEL, 20_000);
}
