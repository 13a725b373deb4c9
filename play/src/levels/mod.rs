//! The levels: each a chapter's own code (its `lib.rs`) in a scenario of two or three threads,
//! like the loom models in `proofs/`. A chapter's levels are two files here, side by side:
//! `chNN.json`, the table of their words (the goal in the lesson's words, the hint, the claim of
//! a fix, and each breakable level's winning schedule), which the runner reads without building
//! the engine; and `chNN.rs`, the scenario that plays each, its search's bound where it has one,
//! and the broken twins of the chapter's fixes.

use std::sync::Mutex as Plain;
use std::sync::OnceLock;

use common::sync::Arc;

use crate::engine::Level;
use crate::search::Plan;

mod ch04;
mod ch05;
mod ch06;
mod ch07;
mod ch08;
mod ch09;
mod ch10;
mod ch11;
mod ch13;
mod ch14;
mod ch15;
mod ch16;
mod ch17;
mod ch18;

/// Every chapter's levels, in the course's order: the engine's order of the levels.
const CHAPTERS: &[Chapter] = &[
    ch04::CHAPTER,
    ch05::CHAPTER,
    ch06::CHAPTER,
    ch07::CHAPTER,
    ch08::CHAPTER,
    ch09::CHAPTER,
    ch10::CHAPTER,
    ch11::CHAPTER,
    ch13::CHAPTER,
    ch14::CHAPTER,
    ch15::CHAPTER,
    ch16::CHAPTER,
    ch17::CHAPTER,
    ch18::CHAPTER,
];

/// A chapter's levels, as its file here gives them.
pub(crate) struct Chapter {
    /// The name and text of the table beside the chapter's file (`chNN.json`): its levels'
    /// words and winning schedules, in the chapter's order.
    pub table: (&'static str, &'static str),
    /// The scenario of each level of the table, by its id.
    pub scenarios: &'static [Scenario],
    /// The broken twins of the chapter's fixed levels: the fixed level's id, the twin's (a
    /// breakable level, or one of `own_twins`) and the words that the way it breaks must say (a
    /// fragment of its goal's words, or of its failure's: a panic's message, a deadlock).
    pub twins: &'static [(&'static str, &'static str, &'static str)],
    /// The twins that no breakable level plays.
    pub own_twins: &'static [Level],
}

/// A level's scenario, and the bound of preemptions of its search, where it has one.
pub(crate) struct Scenario {
    pub id: &'static str,
    pub play: fn(),
    pub preemptions: Option<usize>,
}

impl Scenario {
    /// A level searched in every schedule.
    pub(crate) const fn new(id: &'static str, play: fn()) -> Scenario {
        Scenario {
            id,
            play,
            preemptions: None,
        }
    }

    /// A level searched in every schedule with at most `k` preemptions.
    pub(crate) const fn bounded(id: &'static str, play: fn(), k: usize) -> Scenario {
        Scenario {
            id,
            play,
            preemptions: Some(k),
        }
    }
}

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
/// `target/play/debug` counts them. Each level's bound is beside its scenario, in its
/// chapter's file (`Scenario::bounded`).
pub fn plan(level: &Level) -> Plan {
    Plan {
        preemptions: scenarios()
            .find(|s| s.id == level.id)
            .and_then(|s| s.preemptions),
        cap: 100_000,
    }
}

fn scenarios() -> impl Iterator<Item = &'static Scenario> {
    CHAPTERS.iter().flat_map(|c| c.scenarios)
}

/// The broken twins of fixed level `fixed`, each a breakable level of [`levels`] or one of its
/// chapter's `own_twins`, with words that the way it breaks must say. Every fixed level has at
/// least one (`play/tests/fixes.rs`).
pub fn twins(fixed: &str) -> Vec<(&'static Level, &'static str)> {
    CHAPTERS
        .iter()
        .flat_map(|c| c.twins)
        .filter(|(f, _, _)| *f == fixed)
        .filter_map(|(_, id, words)| {
            let own = CHAPTERS.iter().flat_map(|c| c.own_twins);
            let twin = levels().iter().chain(own).find(|l| l.id == *id)?;
            Some((twin, *words))
        })
        .collect()
}

/// A twin as a level: its id, what it changes, and its scenario (the fixed level's goal). A
/// twin is not played; `play/tests/fixes.rs` runs each with its fixed level's own search
/// ([`plan`]) and holds that search to finding the bug, so that a search too weak to see it
/// fails there.
const fn twin(
    id: &'static str,
    chapter: &'static str,
    title: &'static str,
    scenario: fn(),
) -> Level {
    Level {
        id,
        chapter,
        title,
        goal: "the fixed level's goal",
        hint: "",
        deadlock: None,
        fixed: None,
        note: None,
        scenario,
    }
}

/// The tables' names and texts, each chapter's beside its file, in the course's order: the
/// levels' words, as data that the runner reads too.
pub fn tables() -> Vec<(&'static str, &'static str)> {
    CHAPTERS.iter().map(|c| c.table).collect()
}

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

/// The tables' words of every level, with its kept schedule.
pub fn table() -> Vec<playproto::Level> {
    playproto::tables(&tables()).unwrap_or_else(|e| panic!("{e}"))
}

fn scenario(id: &str) -> Option<fn()> {
    scenarios().find(|s| s.id == id).map(|s| s.play)
}

/// Every level of the table has its scenario here, and every scenario its level in the table.
pub fn matched(table: &[playproto::Level]) -> Result<(), String> {
    for l in table {
        if scenario(&l.id).is_none() {
            return Err(format!(
                "the level {} of play/src/levels/{}.json has no scenario in the scenarios of its \
                 chapter's file, play/src/levels/{}.rs",
                l.id,
                file_of(&l.id),
                file_of(&l.id)
            ));
        }
    }
    for s in scenarios() {
        if !table.iter().any(|l| l.id == s.id) {
            return Err(format!(
                "the scenario {} of play/src/levels/{}.rs has no level in its table, \
                 play/src/levels/{}.json",
                s.id,
                file_of(s.id),
                file_of(s.id)
            ));
        }
    }
    Ok(())
}

/// The chapter's files a level's id names: `ch07` of `ch07-ordered`.
fn file_of(id: &str) -> &str {
    id.split('-').next().unwrap_or(id)
}
