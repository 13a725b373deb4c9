//! The exercise's model, on the play runtime: two workers count a latch of two down while Main
//! waits on it, and the play engine's depth-first search runs every schedule of their steps (each
//! lock and release, each notify and each wait). The wait must return, and only once the count is
//! 0: a schedule on which Main sleeps for ever is seen by shuttle as a deadlock. (Time does not
//! pass on the play runtime: its `wait_timeout` and `wait_timeout_while` never time out, so the
//! limit plays no part here; the run checks it.) Run by `cargo xtask check 14`; it needs `--cfg
//! shuttle`.
//!
//! A schedule that breaks it is written for the check in the play engine's words, and the
//! check draws it as `cargo xtask play` draws a schedule: a lane per thread, each step's line.
#![cfg(shuttle)]

use std::sync::Mutex as Plain;
use std::time::Duration;

use common::sync::Arc;
use common::sync::book;
use ex14_condvar::Latch;
use play::engine::{Level, join, spawn};

const LEVEL: Level = Level {
    id: "ex14",
    chapter: "ex14_condvar",
    title: "Exercise 14: two workers count a latch of two down while Main waits",
    goal: "Make Main go on before both workers are ready, or sleep through the last notify.",
    hint: "A notify wakes only who is asleep in wait at that moment, and says nothing of the count.",
    deadlock: Some(
        "Main sleeps for ever: the count was already 0, or fell to 0, while Main was not asleep \
         in wait, and nobody will notify again. The wait must look at the count under the lock \
         it sleeps with, and sleep only while it is not 0.",
    ),
    fixed: Some("on every schedule the wait returns, and only once the count is 0"),
    note: Some(
        "The play runtime's Condvar never wakes spuriously, and its timed waits never time out.",
    ),
    scenario: two_count_down,
};

fn two_count_down() {
    let latch = Arc::new(Latch::new(2));
    book::name_locks(&["the latch's lock"]);
    // The scenario's own note (std's, which takes no step): what the wait returned, and the
    // count Main saw after it.
    let returned: Arc<Plain<Option<(bool, usize)>>> = Arc::default();
    let l = Arc::clone(&latch);
    book::show("not ready", move || l.left().to_string());
    let r = Arc::clone(&returned);
    book::show("Main's wait returned", move || {
        r.lock()
            .unwrap()
            .map_or("(not yet)".into(), |(open, left)| {
                format!("{open}, with {left} not ready")
            })
    });
    let r = Arc::clone(&returned);
    book::goal(move || {
        r.lock()
            .unwrap()
            .filter(|&(open, left)| !(open && left == 0))
            .map(|(open, left)| {
                if open {
                    format!(
                        "Main's wait returned true with {left} of 2 not ready: it went on before \
                         the count was 0 (a notify for the first count_down woke it, and it did \
                         not look again)."
                    )
                } else {
                    "Main's wait returned false, as if its limit had passed, but here no wait \
                     times out: a wake-up ended it before the count was 0."
                        .to_string()
                }
            })
    });
    let mut threads: Vec<_> = (0..2)
        .map(|w| {
            let latch = Arc::clone(&latch);
            spawn(&format!("Worker {w}"), "Latch::count_down", move || {
                latch.count_down()
            })
        })
        .collect();
    threads.push(spawn("Main", "Latch::wait_timeout(1 h)", move || {
        let open = latch.wait_timeout(Duration::from_secs(3600));
        let left = latch.left();
        *returned.lock().unwrap() = Some((open, left));
    }));
    join(threads);
}

#[test]
fn the_wait_returns_once_both_are_ready_on_every_schedule() {
    play::model::holds(&LEVEL, 20_000);
}
