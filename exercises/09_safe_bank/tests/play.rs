//! The exercise's model, on the play runtime: two threads each withdraw 40 from one account of
//! 50, and the play engine's depth-first search runs every schedule of their steps (each lock and
//! release). One must be refused, no balance may go below zero, and the money must all be there
//! at the end. Run by `cargo xtask check 9`; it needs `--cfg shuttle`.
//!
//! A schedule that breaks it is written for the check in the play engine's words, and the
//! check draws it as `cargo xtask play` draws a schedule: a lane per thread, each step's line.
#![cfg(shuttle)]

use std::sync::Mutex as Plain;

use common::sync::Arc;
use common::sync::book;
use ex09_safe_bank::Bank;
use lab::Bank as _;
use play::engine::{Level, join, spawn};

const LEVEL: Level = Level {
    id: "ex09",
    chapter: "ex09_safe_bank",
    title: "Exercise 9: two withdrawals of 40 from an account of 50",
    goal: "Overdraw the account: make both withdrawals of 40 from 50 go through.",
    hint: "The test of the balance must still hold when the money moves: one guard for both.",
    deadlock: Some("Deadlock: a withdrawal waits for the bank's lock for ever."),
    fixed: Some(
        "one withdrawal goes through, the other is refused, and no balance goes below zero",
    ),
    note: None,
    scenario: two_withdrawals,
};

fn two_withdrawals() {
    let bank = Arc::new(Bank::new(&[50, 0, 0]));
    book::name_locks(&["the bank's lock"]);
    // The scenario's own notes (what each withdrawal returned): std's, which take no step.
    let made: Arc<Plain<Vec<bool>>> = Arc::default();
    let b = Arc::clone(&bank);
    book::show("lowest balance so far", move || b.lowest().to_string());
    let m = Arc::clone(&made);
    book::show("withdrawals made", move || {
        format!("{:?}", m.lock().unwrap())
    });
    let (b, m) = (Arc::clone(&bank), Arc::clone(&made));
    book::goal(move || {
        let lowest = b.lowest();
        if lowest < 0 {
            return Some(format!(
                "Both withdrawals of 40 from 50 went through: account 0 went down to {lowest}."
            ));
        }
        let made = m.lock().unwrap();
        if made.len() < 2 {
            return None;
        }
        let total = b.total(|| {});
        match made.iter().filter(|m| **m).count() {
            2 => Some(format!(
                "Both withdrawals of 40 from 50 went through, yet account 0 never went below \
                 {lowest}: one wrote its new balance over the other's withdrawal (a lost update)."
            )),
            0 => Some("Both withdrawals were refused: one of 40 from 50 must go through.".into()),
            _ if total != 50 => Some(format!("Money was lost or made: the total is {total}.")),
            _ => None,
        }
    });
    let threads = (1..=2)
        .map(|to| {
            let (bank, made) = (Arc::clone(&bank), Arc::clone(&made));
            spawn(
                &format!("Withdraw {to}"),
                &format!("transfer(0 -> {to}, 40)"),
                move || {
                    let ok = bank.transfer(0, to, 40, || {});
                    made.lock().unwrap().push(ok);
                },
            )
        })
        .collect();
    join(threads);
}

#[test]
fn two_withdrawals_never_overdraw_an_account() {
    play::model::holds(&LEVEL, 1_000);
}
