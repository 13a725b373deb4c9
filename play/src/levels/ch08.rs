//! Chapter 8's levels (`ch08_forgotten_lock`): the forgotten lock: a check and a test outside it.
//! Their words and each breakable level's winning schedule are the table `ch08.json`, beside this
//! file; the scenarios are here.

use std::sync::Mutex as Plain;

use common::sync::Arc;
use common::sync::book;

use super::{Chapter, Scenario, get, note, set};
use crate::engine::{join, spawn};

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

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch08.json", include_str!("ch08.json")),
    scenarios: &[
        Scenario::new("ch08", ch08),
        Scenario::new("ch08-overdraw", ch08_overdraw),
    ],
    twins: &[],
    own_twins: &[],
};
