//! An exercise's model on the play runtime: its level's scenario on every schedule of the
//! engine's depth-first search. How it ended is written, in every outcome, as one
//! [`playproto::ModelResult`], to the file [`RESULT`] names, which is all that `cargo xtask
//! check` reads of it: held, with the search; broke, with the game played along the schedule that
//! reached the level's goal (the bug), which the check draws as `cargo xtask play` draws a
//! schedule (a lane per thread, each step's line) and keeps for `cargo xtask play --replay`; or
//! cut short at its cap. A model that breaks or is cut short then panics with its words, which a
//! student's own `cargo test` shows.
//!
//! The same test binary is the engine of the exercise's one level: with [`ASK`] set to a
//! question of the engine's (`game ex04 1 2 1`, see `wire.rs`), [`holds`] answers it instead of
//! searching, a [`playproto::Answer`] a line added to the file [`ANSWER`] names. That is how
//! `cargo xtask play` plays the student's own code, which lives in the exercise, not in this
//! crate.

use std::io::Write as _;

use crate::engine::{self, Level};
use crate::search::{self, Found, Plan};
use crate::wire;
use playproto::ModelResult;

pub use playproto::{ANSWER, ASK, RESULT};

/// Add `line` to the file the variable `var` names (or write it anew); print it when none is
/// named.
fn write_to(var: &str, line: &str, append: bool) {
    let Some(file) = std::env::var_os(var) else {
        println!("{line}");
        return;
    };
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(append)
        .write(true)
        .truncate(!append)
        .open(&file)
        .and_then(|mut f| writeln!(f, "{line}"));
    if let Err(e) = written {
        panic!("cannot write to {} ({var}): {e}", file.to_string_lossy());
    }
}

/// Every schedule of `level`, at most `cap` of them: panics on one that reaches its goal, makes
/// a thread panic, deadlocks where the level does not expect it or spins past the move limit,
/// and when `cap` was reached before every schedule was run; what it found is written to the
/// file [`RESULT`] names, when one is.
/// With [`ASK`] set, answers the question instead (see the module's doc).
pub fn holds(level: &Level, cap: usize) {
    holds_on(
        level,
        Plan {
            preemptions: None,
            cap,
        },
    );
}

/// As [`holds`], on every schedule with at most `preemptions` preemptions (a preemption: the
/// search switches away from a thread that could go on, or lets a thread that has just given way
/// with `yield_now` go on while another could run): for a model whose right answers may spin (a
/// lock made of a flag), whose schedules grow with each step a spinning thread may take between
/// the holder's, and have no end without a bound.
pub fn holds_within(level: &Level, preemptions: usize, cap: usize) {
    holds_on(
        level,
        Plan {
            preemptions: Some(preemptions),
            cap,
        },
    );
}

fn holds_on(level: &Level, plan: Plan) {
    if let Some(question) = std::env::var_os(ASK) {
        let args: Vec<String> = question
            .to_string_lossy()
            .split_whitespace()
            .map(String::from)
            .collect();
        // A test binary may hold several models: each answers for its own level only.
        let asked = args.get(1).filter(|_| args[0] != "levels");
        let levels = std::slice::from_ref(level);
        if asked.is_some_and(|id| wire::find(levels, id).is_none()) {
            return;
        }
        let answer = wire::answer(levels, &|_| plan, &args, &|_| None);
        write_to(ANSWER, &playproto::to_json(&answer), true);
        return;
    }
    let result = search_result(level, plan);
    // Asked for by the check; a student's own `cargo test` shows the words alone.
    if std::env::var_os(RESULT).is_some() {
        write_to(RESULT, &playproto::to_json(&result), false);
    }
    match result {
        ModelResult::Held(_) => {}
        ModelResult::Broke(broken) => panic!("{}", broken.words),
        ModelResult::CutShort { words, .. } => panic!("{words}"),
    }
}

/// How the model's search of `level` along `plan` ended: the schedule that breaks it, with the
/// game along it and the words; or cut short at its cap; or held.
fn search_result(level: &Level, plan: Plan) -> ModelResult {
    let s = search::check(level, plan);
    let Some((moves, found)) = s.found() else {
        if !s.complete {
            let words = format!(
                "The model did not run every schedule: it stopped after {} schedules, before it \
                 had run every one, so it shows nothing about the others",
                s.executions
            );
            return ModelResult::CutShort { search: s, words };
        }
        return ModelResult::Held(s);
    };
    let words = match found {
        Found::Won(words) => words,
        Found::Failed(words) => capital(&words),
        Found::Cut => format!(
            "On this schedule a thread never stops: after {} moves it still goes round a \
             loop, looking again and again instead of waiting to be told. The model cannot \
             run every schedule of a program that spins: wait on the condition itself (in \
             `lock()`, `wait()`, `recv()`, `join()`), which blocks the thread until it is \
             told.",
            engine::MOVE_LIMIT
        ),
    };
    let (frames, end) = engine::play(level, &moves);
    let game = playproto::Game {
        level: level.words(),
        frames,
        end,
    };
    ModelResult::Broke(Box::new(playproto::Broken { game, moves, words }))
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
