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
use crate::search::{self, Found, Plan};
use crate::wire;

/// The marks around a schedule that breaks a model (`xtask/src/play/mod.rs` reads them).
pub const FROM: &str = "--- play schedule ---";
pub const TO: &str = "--- end of play schedule ---";

/// The variable that asks the model's test binary a question of the engine's, its words split
/// by spaces; and the marks around the answer (`xtask/src/play/mod.rs` reads them).
pub const ASK: &str = "PLAY_ASK";
pub const ANSWER_FROM: &str = "--- play answer ---";
pub const ANSWER_TO: &str = "--- end of play answer ---";

/// Every schedule of `level`, at most `cap` of them: panics on one that reaches its goal, makes
/// a thread panic, deadlocks where the level does not expect it or spins past the move limit
/// (each printed between the marks), and when `cap` was reached before every schedule was run.
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
/// search switches away from a thread that could go on): for a model whose right answers may
/// spin (a lock made of a flag), whose schedules grow with each step a spinning thread may take
/// between the holder's.
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
        match wire::answer(levels, &|_| plan, &args) {
            Ok(out) => println!("{ANSWER_FROM}\n{out}{ANSWER_TO}"),
            Err(refused) => panic!("{}", refused.words),
        }
        return;
    }
    let s = search::check(level, plan);
    if let Some((moves, found)) = s.found() {
        let words = match found {
            Found::Won(words) => words,
            Found::Failed(words) => capital(&words),
            Found::Cut => format!(
                "On this schedule a thread never stops: after {} moves it still goes round a \
                 loop, looking again and again instead of waiting to be told. The model cannot \
                 run every schedule of a program that spins: wait on the condition itself (in \
                 `lock()`, `wait()`, `recv()`, `join()`), or give way in the loop with \
                 `thread::yield_now()`, which the model does not run again while another thread \
                 can run.",
                engine::MOVE_LIMIT
            ),
        };
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
        "{NOT_ALL}: it stopped after {} schedules, before it had run every one, so it shows \
         nothing about the others",
        s.executions
    );
    let bound = plan.preemptions.map_or("-".into(), |k| k.to_string());
    println!("{COVERED}\t{bound}\t{}", s.executions);
}

/// How a model that ran out of its cap begins its words (`xtask/src/practice/judge.rs` reads
/// it: no schedule broke the model, and none is drawn).
pub const NOT_ALL: &str = "The model did not run every schedule";

/// The line a model that holds prints, with the bound of preemptions it kept to (`-`: none) and
/// the schedules it ran, tab-separated (the judge reads it, to say what was covered).
pub const COVERED: &str = "--- play model covered ---";

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
