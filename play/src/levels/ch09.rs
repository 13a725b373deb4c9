//! Chapter 9's levels (`ch09_safe_bank`): the safe bank: the test and the check under the lock.
//! Their words and each breakable level's winning schedule are the table `ch09.json`, beside this
//! file; the scenarios are here.

use common::sync::Arc;
use common::sync::book;

use super::ch08::withdrawals;
use super::{Chapter, Scenario, get, note, set, twin};
use crate::engine::{join, spawn};

fn ch09() {
    bank_of_three(
        ch09_safe_bank::Bank::new(&[50, 0]),
        "total(), under the lock",
        Some(ch09_safe_bank::Bank::lowest),
    );
}

/// Two withdrawals of 40 from 50 and a check of the total (`check` names the call), on `bank`;
/// `lowest`, where the bank keeps it, is its lowest balance so far. The goal: both withdrawals
/// made, or the check saw money in flight.
pub(super) fn bank_of_three<B: lab::Bank + Send + Sync + 'static>(
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

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch09.json", include_str!("ch09.json")),
    scenarios: &[Scenario::new("ch09", ch09)],
    twins: &[("ch09", "ch09-twin", "The check saw")],
    own_twins: &[twin(
        "ch09-twin",
        "ch09_safe_bank",
        "chapter 8's bank in chapter 9's scenario: the test and the check outside the lock",
        || {
            bank_of_three(
                ch08_forgotten_lock::Bank::new(&[50, 0]),
                "total(), without the lock",
                None,
            )
        },
    )],
};
