//! An exercise's model on the play runtime: its level's scenario on every schedule of shuttle's
//! depth-first search. A schedule that reaches the level's goal (the bug) breaks the model: it
//! is printed in the engine's words between two marks, which `cargo xtask check` draws as
//! `cargo xtask play` draws a schedule (a lane per thread, each step's line) and keeps for
//! `cargo xtask play --replay`; then the test panics with the goal's words.
//!
//! The same test binary is the engine of the exercise's one level: with [`ASK`] set to a
//! question of the engine's (`game ex04 1 2 1`, see `wire.rs`), [`holds`] answers it between
//! the marks [`ANSWER_FROM`] and [`ANSWER_TO`] instead of searching. That is how `cargo xtask
//! play` plays the student's own code, which lives in the exercise, not in this crate.

use crate::engine::{self, Level};
use crate::wire;

/// The marks around a schedule that breaks a model (`xtask/src/play/mod.rs` reads them).
pub const FROM: &str = "--- play schedule ---";
pub const TO: &str = "--- end of play schedule ---";

/// The variable that asks the model's test binary a question of the engine's, its words split
/// by spaces; and the marks around the answer (`xtask/src/play/mod.rs` reads them).
pub const ASK: &str = "PLAY_ASK";
pub const ANSWER_FROM: &str = "--- play answer ---";
pub const ANSWER_TO: &str = "--- end of play answer ---";

/// Every schedule of `level`, at most `cap` of them: panics on one that reaches its goal or
/// makes a thread panic, and when `cap` was reached before every schedule was seen. With
/// [`ASK`] set, answers the question instead (see the module's doc).
pub fn holds(level: &Level, cap: usize) {
    if let Some(question) = std::env::var_os(ASK) {
        let args: Vec<String> = question
            .to_string_lossy()
            .split_whitespace()
            .map(String::from)
            .collect();
        // A test binary may hold several models: each answers for its own level only.
        let asked = args.get(1).filter(|_| args[0] != "levels");
        if asked.is_some_and(|id| id != level.id) {
            return;
        }
        match wire::answer(std::slice::from_ref(level), &args) {
            Ok(out) => println!("{ANSWER_FROM}\n{out}{ANSWER_TO}"),
            Err(refused) => panic!("{}", refused.words),
        }
        return;
    }
    let s = engine::explore(level, cap);
    let broken = s.won.or_else(|| {
        s.failed
            .map(|(moves, words)| (moves, format!("a thread panicked: {words}")))
    });
    if let Some((moves, words)) = broken {
        let (frames, end) = engine::play(level, &moves);
        let mut out = String::new();
        wire::level(&mut out, level);
        for f in &frames {
            wire::frame(&mut out, f);
        }
        wire::end(&mut out, &end);
        let moves: Vec<String> = moves.iter().map(|m| m.to_string()).collect();
        out += &format!("moves\t{}\n", moves.join(" "));
        println!("{FROM}\n{out}{TO}");
        panic!("{words}");
    }
    assert!(
        s.complete,
        "the model stopped after {} schedules without seeing them all",
        s.executions
    );
    println!("{} schedules, none breaks it", s.executions);
}
