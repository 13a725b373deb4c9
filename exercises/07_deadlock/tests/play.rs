//! The exercise's model, on the play runtime: two transfers in opposite directions and an auditor,
//! a third thread that adds up the total, and the play engine's depth-first search runs every
//! schedule of their steps (each lock and release). No schedule may deadlock (shuttle sees one when
//! every thread waits), the auditor must always see 200, and the balances end at 110 and 90. Run by `cargo xtask check 7`; it
//! needs `--cfg shuttle`.
//!
//! A schedule that breaks it is written for the check in the play engine's words, and the
//! check draws it as `cargo xtask play` draws a schedule: a lane per thread, each step's line.
#![cfg(shuttle)]

use std::sync::Mutex as Plain;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::Arc;
use common::sync::book;
use ex07_deadlock::{Account, total, transfer};
use play::engine::{Level, join, spawn};

const LEVEL: Level = Level {
    id: "ex07",
    chapter: "ex07_deadlock",
    title: "Exercise 7: two opposite transfers, and an auditor who adds up the total",
    goal: "Deadlock the transfers, make the auditor see money in flight (a total other than \
           200), or lose money.",
    hint: "A deadlock needs a cycle of waits: each thread holding an account another waits for.",
    deadlock: Some(
        "Deadlock: each blocked thread holds an account that another one waits for. None will \
         ever let go.",
    ),
    fixed: Some(
        "no schedule deadlocks, the auditor always sees 200, and the balances end at 110 and 90",
    ),
    note: None,
    scenario: opposite_transfers,
};

fn opposite_transfers() {
    // The two accounts side by side, account 1 first: an answer that orders the locks by the
    // accounts' addresses finds the same order on every run of the scenario (two allocations of
    // their own could land either way round, and shuttle replays a schedule only if the code
    // takes the same steps again).
    let accounts = Arc::new([Account::new(None, 1, 100), Account::new(None, 2, 100)]);
    // The scenario's own notes: std's, which take no step of their own.
    let seen: Arc<Plain<Option<i64>>> = Arc::default();
    let done = Arc::new(AtomicUsize::new(0));
    for i in 0..2 {
        let a = Arc::clone(&accounts);
        book::show(&format!("account {}", i + 1), move || {
            a[i].balance().to_string()
        });
    }
    let s = Arc::clone(&seen);
    book::show("the auditor saw", move || {
        s.lock()
            .unwrap()
            .map_or("(not yet)".into(), |t| t.to_string())
    });
    let (a, s, n) = (Arc::clone(&accounts), Arc::clone(&seen), Arc::clone(&done));
    // Judged once both transfers are done, so that the words say what happened: money lost
    // or made, or (the balances right) an auditor that looked mid-transfer.
    book::goal(move || {
        // (A look into a lock costs a step's time: only once the transfers are done.)
        if n.load(SeqCst) < 2 {
            return None;
        }
        let (x, y) = (a[0].balance(), a[1].balance());
        if (x, y) != (110, 90) {
            return Some(format!(
                "Money was lost or made: account 1 has {x}, account 2 has {y}."
            ));
        }
        let seen = *s.lock().unwrap();
        seen.filter(|&t| t != 200).map(|t| {
            format!(
                "The auditor saw {t}, not 200, though the balances came out right: a transfer \
                 let go of an account before the money arrived in the other, and the auditor \
                 looked in between."
            )
        })
    });
    let mut threads: Vec<_> = [("Thread A", 0, 1, 10), ("Thread B", 1, 0, 20)]
        .into_iter()
        .map(|(name, from, to, amount)| {
            let (accounts, done) = (Arc::clone(&accounts), Arc::clone(&done));
            let what = format!(
                "transfer({amount} from account {} to account {})",
                from + 1,
                to + 1
            );
            spawn(name, &what, move || {
                transfer(&accounts[from], &accounts[to], amount, || {});
                done.fetch_add(1, SeqCst);
            })
        })
        .collect();
    threads.push(spawn("Auditor", "total(account 1, account 2)", move || {
        *seen.lock().unwrap() = Some(total(&accounts[0], &accounts[1]));
    }));
    join(threads);
}

#[test]
fn opposite_transfers_never_deadlock_and_never_show_money_in_flight() {
    play::model::holds(&LEVEL, 100_000);
}
