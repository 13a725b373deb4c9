//! The levels: each a chapter's own code (its `lib.rs`) in a scenario of two or three threads,
//! like the loom models in `proofs/`. Their words (the goal in the lesson's words, the hint, the
//! claim of a fix, the winning schedule kept for a breakable one) are the table `levels.json`,
//! beside this folder, which the runner reads without building the engine; the scenarios are
//! here.

use std::sync::Mutex as Plain;
use std::sync::OnceLock;

use common::sync::Arc;

use crate::engine::Level;
use crate::search::Plan;

mod ch04_ch10;
mod ch11_ch14;
mod ch15_ch18;
pub mod twins;

use ch04_ch10::*;
use ch11_ch14::*;
use ch15_ch18::*;

/// The scenario's own notes (what each thread's call returned): plain std types, which take no
/// step of their own, so they add no choice to the game.
pub(crate) fn note<T: Send + 'static>() -> Arc<Plain<Option<T>>> {
    Arc::new(Plain::new(None))
}

pub(crate) fn get<T: Clone>(n: &Plain<Option<T>>) -> Option<T> {
    n.lock().unwrap().clone()
}

pub(crate) fn set<T>(n: &Plain<Option<T>>, v: T) {
    *n.lock().unwrap() = Some(v);
}

/// The search a level's claim is checked with, at a game's end (`cargo xtask play`) and in
/// `cargo xtask prove` (`play/tests/fixes.rs`, where each fixed level's search must also find
/// the bug of its broken twin), and the set on which how often a level's bug shows is counted:
/// every schedule, depth first, where that takes at most about a second; else every schedule
/// with at most a few preemptions, as many as finish in about that time (the twin needs fewer).
/// A thread that spins (looks again and again, giving way with `yield_now`) has schedules
/// without end, so its levels always have a bound. `play count <level> <cap> [<k>]` in
/// `target/play/debug` counts them.
pub fn plan(level: &Level) -> Plan {
    let preemptions = match level.id {
        // Every schedule is more than 3,000,000 (`play count ch15-while 3000000` did not
        // finish); the `if` twin (ch15) needs 3 preemptions: 8 of its 32,614 schedules so.
        "ch15" | "ch15-while" => Some(3),
        // 3 would be 119,616 schedules, 4.1 s; the twins need 0 (a barrier of two) and 1.
        "ch16" | "ch16-parties-2" => Some(2),
        // The spin locks: 28,156 schedules (0.4 s); the load-then-store twin needs 2.
        "ch11-flag-exchange" => Some(8),
        "ch11-flag" | "ch11-stale" => Some(6),
        _ => None,
    };
    Plan {
        preemptions,
        cap: 100_000,
    }
}

/// The scenario of each level of the table (`levels.json`, beside this folder: the levels' words,
/// and each breakable level's winning schedule), by its id.
pub const SCENARIOS: &[(&str, fn())] = &[
    ("ch04", ch04),
    ("ch05", ch05),
    ("ch06", ch06),
    ("ch07", ch07),
    ("ch07-ordered", ch07_ordered),
    ("ch08", ch08),
    ("ch08-overdraw", ch08_overdraw),
    ("ch09", ch09),
    ("ch10", ch10),
    ("ch10-ordered", ch10_ordered),
    ("ch11", ch11),
    ("ch11-stale", ch11_stale),
    ("ch11-flag", ch11_flag),
    ("ch11-flag-exchange", ch11_flag_exchange),
    ("ch13", ch13),
    ("ch13-rendezvous", ch13_rendezvous),
    ("ch13-try-send", ch13_try_send),
    ("ch14", ch14),
    ("ch14-event", ch14_event),
    ("ch15", ch15),
    ("ch15-while", ch15_while),
    ("ch16", ch16),
    ("ch16-parties-2", ch16_parties_2),
    ("ch17", ch17),
    ("ch17-reader-first", ch17_reader_first),
    ("ch18", ch18),
    ("ch18-look-and-set", ch18_look_and_set),
];

/// The table's text: the levels' words, as data that the runner reads too.
pub const TABLE: &str = include_str!("../levels.json");

/// Every level, in the table's order: its words with its scenario. Made once: the words live as
/// long as the engine does.
pub fn levels() -> &'static [Level] {
    static LEVELS: OnceLock<&'static [Level]> = OnceLock::new();
    LEVELS.get_or_init(|| {
        let table = table();
        if let Err(e) = matched(&table) {
            panic!("{e}");
        }
        let keep = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let keep_opt = |s: Option<String>| s.map(keep);
        let levels: Vec<Level> = table
            .into_iter()
            .map(|l| Level {
                scenario: scenario(&l.id).expect("matched above"),
                id: keep(l.id),
                chapter: keep(l.chapter),
                title: keep(l.title),
                goal: keep(l.goal),
                hint: keep(l.hint),
                deadlock: keep_opt(l.deadlock),
                fixed: keep_opt(l.fixed),
                note: keep_opt(l.note),
            })
            .collect();
        Vec::leak(levels)
    })
}

/// The table's words of every level, with its kept schedule.
pub fn table() -> Vec<playproto::Level> {
    playproto::table(TABLE).unwrap_or_else(|e| panic!("{e}"))
}

fn scenario(id: &str) -> Option<fn()> {
    SCENARIOS.iter().find(|(s, _)| *s == id).map(|(_, f)| *f)
}

/// Every level of the table has its scenario here, and every scenario its level in the table.
pub fn matched(table: &[playproto::Level]) -> Result<(), String> {
    for l in table {
        if scenario(&l.id).is_none() {
            return Err(format!(
                "the level {} of play/src/levels.json has no scenario in play/src/levels/mod.rs's SCENARIOS",
                l.id
            ));
        }
    }
    for (id, _) in SCENARIOS {
        if !table.iter().any(|l| l.id == *id) {
            return Err(format!(
                "the scenario {id} of play/src/levels/mod.rs has no level in play/src/levels.json"
            ));
        }
    }
    Ok(())
}
