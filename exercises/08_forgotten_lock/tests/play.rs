//! The exercise's model, on the play runtime: a transfer in one thread while another checks the
//! total, and the play engine's depth-first search runs every schedule of their steps (each lock
//! and release, each load and store of a balance). The check must always see 200, the transfer must
//! go through, and the money must all be there at the end. Run by `cargo xtask check 8`; it needs
//! `--cfg shuttle`.
//!
//! A schedule that breaks it is written for the check in the play engine's words, and the
//! check draws it as `cargo xtask play` draws a schedule: a lane per thread, each step's line.
#![cfg(shuttle)]

use std::sync::Mutex as Plain;

use common::sync::Arc;
use common::sync::book;
use ex08_forgotten_lock::Bank;
use lab::Bank as _;
use play::engine::{Level, join, spawn};

const LEVEL: Level = Level {
    id: "ex08",
    chapter: "ex08_forgotten_lock",
    title: "Exercise 8: a transfer of 10, and a check of the total beside it",
    goal: "Make the check see money in flight: a total other than 200.",
    hint: "The check must add up where no transfer can be half done: under the transfers' lock.",
    deadlock: Some("Deadlock: the transfer and the check wait for each other for ever."),
    fixed: Some("the check always sees 200, and the transfer moves the 10"),
    note: None,
    scenario: transfer_and_check,
};

fn transfer_and_check() {
    let bank = Arc::new(Bank::new(&[100, 100]));
    // Named whatever the bank's type (its balances may move into the `Mutex`): the first lock.
    book::name_locks(&["the bank's lock"]);
    // The scenario's own notes: std's, which take no step of their own.
    let seen: Arc<Plain<Option<i64>>> = Arc::default();
    let moved: Arc<Plain<Option<bool>>> = Arc::default();
    let b = Arc::clone(&bank);
    book::show("total (all accounts)", move || b.total(|| {}).to_string());
    let s = Arc::clone(&seen);
    book::show("the check saw", move || {
        s.lock()
            .unwrap()
            .map_or("(not yet)".into(), |t| t.to_string())
    });
    let (b, s, m) = (Arc::clone(&bank), Arc::clone(&seen), Arc::clone(&moved));
    // Judged once both are done, so that the words say what happened: money lost or made, or
    // (the total right) a check that looked mid-transfer.
    book::goal(move || {
        let seen = *s.lock().unwrap();
        match (*m.lock().unwrap(), seen) {
            (Some(false), _) => {
                Some("The transfer of 10 from an account of 100 was refused.".into())
            }
            // (A look into a lock costs a step's time: only once both are done.)
            (Some(true), Some(saw)) => {
                let t = b.total(|| {});
                if t != 200 {
                    return Some(format!(
                        "Money was lost or made: the total is {t}, not 200."
                    ));
                }
                (saw != 200).then(|| {
                    let (how, what) = if saw > 200 {
                        ("counted twice", "made")
                    } else {
                        ("not counted at all", "lost")
                    };
                    format!(
                        "The check saw {saw}, not 200: it read one account before the transfer \
                         and the other after, so the 10 was {how}. No money was {what} (the \
                         total came out 200): the check looked mid-transfer."
                    )
                })
            }
            _ => None,
        }
    });
    let mover = Arc::clone(&bank);
    join(vec![
        spawn("Transfer", "transfer(0 -> 1, 10)", move || {
            let ok = mover.transfer(0, 1, 10, || {});
            *moved.lock().unwrap() = Some(ok);
        }),
        spawn("Check", "total()", move || {
            *seen.lock().unwrap() = Some(bank.total(|| {}));
        }),
    ]);
}

#[test]
fn a_check_beside_a_transfer_always_sees_the_whole_total() {
    play::model::holds(&LEVEL, 1_000);
}
