//! Chapter 18's levels (`ch18_once`): initialising once. Their words and each breakable level's
//! winning schedule are the table `ch18.json`, beside this file; the scenarios are here.

use common::sync::Arc;
use common::sync::atomic::AtomicUsize as AtomicU;
use common::sync::book;

use super::{Chapter, Scenario};
use crate::engine::{join, spawn};

/// Chapter 18's settings asked for by `threads` threads, each with `asking`; the goal: the
/// initialiser ran twice.
fn settings(
    threads: usize,
    asking: fn(&common::sync::OnceLock<ch18_once::Settings>, &AtomicU, usize),
) {
    let cell = Arc::new(common::sync::OnceLock::new());
    let calls = Arc::new(AtomicU::new(0));
    let c = Arc::clone(&calls);
    book::show("initialiser calls", move || {
        c.load(std::sync::atomic::Ordering::Relaxed).to_string()
    });
    let c = Arc::clone(&calls);
    book::goal(move || {
        let n = c.load(std::sync::atomic::Ordering::Relaxed);
        (n >= 2).then(|| {
            format!(
                "The initialiser ran {n} times: each thread that found the cell empty made its \
                 own settings. Only one value was kept; the work was done {n} times."
            )
        })
    });
    // Numbered from 0, as the chapter's own run names them (the keys count from 1).
    let handles = (0..threads)
        .map(|t| {
            let (cell, calls) = (Arc::clone(&cell), Arc::clone(&calls));
            spawn(&format!("Thread {t}"), "asks for the settings", move || {
                asking(&cell, &calls, t)
            })
        })
        .collect();
    join(handles);
}

/// The initialiser's work: a step of its own, so that others can ask meanwhile.
fn work() {
    common::sync::step("makes the settings (the lesson's second of work)");
}

fn ch18() {
    settings(2, |cell, calls, t| {
        let got = ch18_once::ask(cell, calls, t, work);
        book::did(format!("got the settings made by call {}", got.call));
    });
}

fn ch18_look_and_set() {
    settings(2, |cell, calls, t| {
        // Chapter 18's Try this: a look, then a set, with nothing between.
        let got = match cell.get() {
            Some(s) => s,
            None => {
                let _ = cell.set(ch18_once::make(calls, t, work));
                cell.get().unwrap()
            }
        };
        book::did(format!("got the settings made by call {}", got.call));
    });
}

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch18.json", include_str!("ch18.json")),
    scenarios: &[
        Scenario::new("ch18", ch18),
        Scenario::new("ch18-look-and-set", ch18_look_and_set),
    ],
    twins: &[("ch18", "ch18-look-and-set", "The initialiser ran 2 times")],
    own_twins: &[],
};
