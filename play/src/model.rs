//! An exercise's model on the play runtime: its level's scenario on every schedule of shuttle's
//! depth-first search. A schedule that reaches the level's goal (the bug) breaks the model: it
//! is printed in the engine's words between two marks, which `cargo xtask check` draws as
//! `cargo xtask play` draws a schedule (a lane per thread, each step's line), then the test
//! panics with the goal's words.

use crate::engine::{self, Level};
use crate::wire;

/// The marks around a schedule that breaks a model (`xtask/src/play/mod.rs` reads them).
pub const FROM: &str = "--- play schedule ---";
pub const TO: &str = "--- end of play schedule ---";

/// Every schedule of `level`, at most `cap` of them: panics on one that reaches its goal or
/// makes a thread panic, and when `cap` was reached before every schedule was seen.
pub fn holds(level: &Level, cap: usize) {
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
        panic!("on this schedule, {words}");
    }
    assert!(
        s.complete,
        "the model stopped after {} schedules without seeing them all",
        s.executions
    );
    println!("{} schedules, none breaks it", s.executions);
}
