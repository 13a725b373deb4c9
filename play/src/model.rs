//! An exercise's model on the play runtime: its level's scenario on every schedule of shuttle's
//! depth-first search. A schedule that reaches the level's goal (the bug) breaks the model: the
//! game played along it is written, as a [`playproto::Broken`], to the file [`BROKEN`] names
//! (`cargo xtask check` draws it as `cargo xtask play` draws a schedule, a lane per thread, each
//! step's line, and keeps it for `cargo xtask play --replay`); then the test panics with the
//! goal's words.
//!
//! The same test binary is the engine of the exercise's one level: with [`ASK`] set to a
//! question of the engine's (`game ex04 1 2 1`, see `wire.rs`), [`holds`] answers it instead of
//! searching, a [`playproto::Answer`] a line added to the file [`ANSWER`] names. That is how
//! `cargo xtask play` plays the student's own code, which lives in the exercise, not in this
//! crate.

use std::io::Write as _;

use crate::engine::{self, Level};
use crate::wire;

pub use playproto::{ANSWER, ASK, BROKEN};

/// Add `line` to the file the variable `var` names; print it when none is named.
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
        let levels = std::slice::from_ref(level);
        if asked.is_some_and(|id| wire::find(levels, id).is_none()) {
            return;
        }
        let answer = wire::answer(levels, &args, &|_| None);
        write_to(ANSWER, &playproto::to_json(&answer), true);
        return;
    }
    let s = engine::explore(level, cap);
    let cut = s.cut.map(|moves| {
        (
            moves,
            format!(
                "On this schedule a thread never stops: after {} moves it still goes round a \
                 loop, looking again and again instead of waiting to be told. The model cannot \
                 run every schedule of a program that spins: wait on the condition itself (in \
                 `lock()`, `wait()`, `recv()`, `join()`).",
                engine::MOVE_LIMIT
            ),
        )
    });
    let broken = s.won.or(cut).or_else(|| {
        s.failed
            .map(|(moves, words)| match words.contains("deadlock") {
                // shuttle ends a schedule where every thread is blocked with its own panic.
                true => (
                    moves,
                    "Deadlock: every thread that has not finished waits for another, and none \
                     will ever let go"
                        .to_string(),
                ),
                false => (moves, format!("a thread panicked: {words}")),
            })
    });
    if let Some((moves, words)) = broken {
        let (frames, end) = engine::play(level, &moves);
        let game = playproto::Game {
            level: level.words(),
            frames,
            end,
        };
        let broken = playproto::Broken {
            game,
            moves,
            words: words.clone(),
        };
        // Asked for by the check; a student's own `cargo test` shows the words alone.
        if std::env::var_os(BROKEN).is_some() {
            write_to(BROKEN, &playproto::to_json(&broken), false);
        }
        panic!("{words}");
    }
    assert!(
        s.complete,
        "the model stopped after {} schedules without seeing them all",
        s.executions
    );
    println!("{} schedules, none breaks it", s.executions);
}
