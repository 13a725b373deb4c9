//! An exercise's model on the play runtime, run for the judge: its test binary within a time
//! limit, and what it said: what it covered when it holds, the schedule that breaks it (the
//! engine's game along it, kept for `cargo xtask play --replay`), or that it stopped before it
//! had run every schedule, which shows nothing.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use playproto::{COVERED, How, NOT_ALL, Search};

use super::Settings;
use crate::build::Compiled;
use crate::exercise::{Exercise, Place};
use crate::{Error, play};

/// How long a model may run: its depth-first search of these small models takes about a second.
const MODEL_LIMIT: Duration = Duration::from_secs(20);

/// Why a model does not hold.
#[derive(Debug)]
pub enum Failure {
    /// The code takes one of std's sync types directly, which the model cannot see: the file
    /// (from the exercise's folder), the line (from 1) and the path in full.
    StdSync {
        file: PathBuf,
        line: usize,
        path: String,
    },
    /// It does not compile with the play runtime's types: the compiler's words.
    NoBuild(String),
    /// It did not end within this time: too many schedules.
    TimedOut(Duration),
    /// It stopped at its cap before it had run every schedule (no schedule broke it): its own
    /// words.
    CutShort(String),
    /// A schedule broke it.
    Broke(Broke),
}

/// A schedule that broke a model.
#[derive(Debug)]
pub struct Broke {
    /// The model's own words for what broke (its panic message).
    pub words: String,
    /// The schedule, as the engine's game along it, when the model wrote it.
    pub schedule: Option<Box<playproto::Broken>>,
    /// Where it was kept for `--replay`, from the course's root (the student's own exercises
    /// only), or why it was not.
    pub kept: Option<crate::Result<PathBuf>>,
    /// A line of the student's code that sleeps where the exercise as given did not: no sleep
    /// can fix what a model finds.
    pub sleep: Option<String>,
}

/// How a model's test binary ended.
enum ModelRun {
    /// It held: what it printed.
    Passed(String),
    /// It did not compile with the model's types: the compiler's words.
    NoBuild(String),
    TimedOut(Duration),
    /// A schedule broke it: what the binary printed.
    Broke(String),
}

/// Build result in, run the model's tests one at a time within the model's time limit; a model
/// that breaks writes the schedule to `broken`.
fn run_model(built: Compiled, s: &Settings, broken: &Path) -> crate::Result<ModelRun> {
    let exe = match built {
        Compiled::Binary(exe) => exe,
        Compiled::Refused(errors) => return Ok(ModelRun::NoBuild(errors)),
    };
    let mut cmd = Command::new(exe);
    // `--nocapture`: a model that holds says what it covered, on a line of its own.
    cmd.args(["--test-threads", "1", "--nocapture", "--color", "never"])
        // Hermetic, as every child of the runner: a `PLAY_ASK` left in the runner's environment
        // would make a model answer a question instead of searching, and pass.
        .env_clear()
        .env("RUST_BACKTRACE", "0")
        .env(playproto::BROKEN, broken);
    let limit = s.timeout.unwrap_or(MODEL_LIMIT).max(MODEL_LIMIT);
    let (ok, text, timed_out) = run_limited(cmd, limit)?;
    Ok(match (ok, timed_out) {
        (true, _) => ModelRun::Passed(text),
        (false, true) => ModelRun::TimedOut(limit),
        (false, false) => ModelRun::Broke(text),
    })
}

/// Run the exercise's model on the play runtime, once built: what it covered, or why it does
/// not hold. A schedule that breaks it is kept for `--replay` when `place` is the student's own
/// `exercises/`, whose code the replay plays.
pub(super) fn play_model(
    built: Compiled,
    place: &Place,
    ex: &Exercise,
    s: &Settings,
) -> crate::Result<Result<Option<Search>, Failure>> {
    let file = play::scratch("broken");
    let run = run_model(built, s, &file);
    let schedule = std::fs::read_to_string(&file)
        .ok()
        .and_then(|text| playproto::from_json::<playproto::Broken>(text.trim()).ok())
        .map(Box::new);
    let _ = std::fs::remove_file(&file);
    Ok(match run? {
        ModelRun::Passed(text) => Ok(covered(&text)),
        ModelRun::NoBuild(errors) => Err(Failure::NoBuild(errors)),
        ModelRun::TimedOut(limit) => Err(Failure::TimedOut(limit)),
        // It ran out of its cap: no schedule broke it, and none is drawn; it shows nothing.
        ModelRun::Broke(text) if text.contains(NOT_ALL) => {
            let last = text.rfind("panicked at").unwrap_or(0);
            Err(Failure::CutShort(model_failure(&text[last..])))
        }
        ModelRun::Broke(text) => {
            // The test's own panic, which says what broke, is the last (a thread's comes first).
            let last = text.rfind("panicked at").unwrap_or(0);
            let kept = schedule
                .as_ref()
                .filter(|_| place.is_the_students())
                .map(|broken| {
                    let id = &broken.game.level.id;
                    let file = play::exercise_counterexample(&place.target, id);
                    // The verdict stands even when the schedule cannot be kept.
                    match play::keep(&file, id, &broken.moves) {
                        Ok(()) => Ok(file.strip_prefix(&place.root).unwrap_or(&file).into()),
                        Err(e) => Err(e),
                    }
                });
            Err(Failure::Broke(Broke {
                words: model_failure(&text[last..]),
                schedule,
                kept,
                sleep: super::sleeps::added(place, ex),
            }))
        }
    })
}

/// What a model that held covered, from the line it printed (`play::model::COVERED`: the bound
/// of preemptions, `-` for none, and the schedules it ran), as the search it ran; `None` when
/// it said nothing of what it covered.
fn covered(text: &str) -> Option<Search> {
    text.lines().find_map(|l| {
        // With `--nocapture`, the test harness's `test ... ` may come first on the line.
        let mut f = l.split_once(COVERED)?.1.trim().split('\t');
        let preemptions = f.next()?.parse().ok();
        let executions = f.next()?.parse().ok()?;
        Some(Search {
            how: How::Dfs { preemptions },
            executions,
            complete: true,
            won: None,
            failed: None,
            cut: None,
        })
    })
}

/// The model's own words for the schedule it found: its panic message, without the test
/// harness's frame.
fn model_failure(text: &str) -> String {
    let from = text.find("panicked at").unwrap_or(0);
    let to = text[from..]
        .find("\nnote: run with `RUST_BACKTRACE")
        .or_else(|| text[from..].find("\n\nfailures:"))
        .map_or(text.len(), |n| from + n);
    let body = &text[from..to];
    // The line that says where it panicked is the test's, not the student's: drop it.
    let body = body.split_once('\n').map_or(body, |(_, rest)| rest);
    body.trim_end().to_string()
}

/// Run `cmd` to its end, or kill it after `limit`. (ok, stdout and stderr, timed out)
fn run_limited(mut cmd: Command, limit: Duration) -> crate::Result<(bool, String, bool)> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = crate::child::spawn(&mut cmd).map_err(|e| Error::Model("start", e))?;
    let pipe = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = r.read_to_string(&mut s);
            s
        })
    };
    let out = pipe(Box::new(child.stdout().expect("piped")));
    let err = pipe(Box::new(child.stderr().expect("piped")));
    let (status, timed_out) = match child
        .wait_for(limit)
        .map_err(|e| Error::Model("wait for", e))?
    {
        crate::child::End::Exited(status) => (Some(status), false),
        crate::child::End::TimedOut(_) => (None, true),
    };
    let text = format!(
        "{}{}",
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default()
    );
    Ok((status.is_some_and(|s| s.success()), text, timed_out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_that_holds_says_what_it_covered_and_one_cut_short_is_no_pass() {
        let text = "running 1 test\ntest four ... --- play model covered ---\t3\t646\nok\n";
        let s = covered(text).unwrap();
        assert_eq!(
            (s.how, s.executions),
            (
                How::Dfs {
                    preemptions: Some(3)
                },
                646
            )
        );
        let s = covered("--- play model covered ---\t-\t12\n").unwrap();
        assert_eq!((s.how, s.executions), (How::Dfs { preemptions: None }, 12));
        assert!(covered("test four ... ok\n").is_none());
    }

    #[test]
    fn a_model_failure_keeps_the_models_words() {
        let text = "running 1 test\n\nthread 'x' panicked at tests/model.rs:9:\nan update was lost:\n    Thread 0\nnote: run with `RUST_BACKTRACE=1`\n\nfailures:\n";
        assert_eq!(model_failure(text), "an update was lost:\n    Thread 0");
    }
}
