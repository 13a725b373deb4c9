//! An exercise's model on the play runtime, run for the judge: its test binary within a time
//! limit, and what it said: what it covered when it holds, the schedule that breaks it (drawn,
//! and kept for `cargo xtask play --replay`), or that it stopped before it had run every
//! schedule, which shows nothing.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use super::judge::{Settings, indent};
use super::{Exercise, Place};
use crate::build;
use crate::cli::Fail;

/// How long a model may run: its depth-first search of these small models takes about a second.
const MODEL_LIMIT: Duration = Duration::from_secs(20);

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
fn run_model(built: build::Built, s: &Settings, broken: &Path) -> Result<ModelRun, Fail> {
    let exe = match built {
        Ok(exe) => exe,
        Err(errors) => return Ok(ModelRun::NoBuild(indent(&errors))),
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

/// Run the exercise's model on the play runtime, once built: what it covered, in words (every
/// schedule, or every schedule within a bound of preemptions, and how many), or `Err(why)` when
/// a schedule breaks it: the model's words, the command that plays the schedule (kept for
/// `--replay` when `place` is the student's own `exercises/`, whose code the replay plays), and
/// the schedule drawn as lanes with each step's line.
pub(super) fn play_model(
    built: build::Built,
    place: &Place,
    ex: &Exercise,
    s: &Settings,
) -> Result<Result<String, String>, Fail> {
    let file = crate::cmd::play::scratch("broken");
    let run = run_model(built, s, &file);
    let width = crate::ui::screen::width().unwrap_or(80).saturating_sub(4);
    let broken = crate::cmd::play::model_schedule(&file, width);
    let _ = std::fs::remove_file(&file);
    Ok(match run? {
        ModelRun::Passed(text) => Ok(covered(&text)),
        ModelRun::NoBuild(errors) => Err(format!(
            "its model does not compile with the play runtime's types:\n{errors}"
        )),
        ModelRun::TimedOut(limit) => Err(format!(
            "its model on the play runtime did not end within {}: it has more schedules than \
             it can run in that time. Each lock, release, wait and atomic is a point where \
             another thread may run: a fix with far more of them than the lesson needs (a loop \
             that looks again and again, around a sleep, a `try_lock` or a `yield_now`) has \
             far more schedules. Wait on the condition itself (block in `lock()`, `wait()`, \
             `recv()`, `join()`) until it is told.\n",
            humantime::format_duration(limit)
        )),
        // It ran out of its cap: no schedule broke it, and none is drawn; it shows nothing.
        ModelRun::Broke(text) if text.contains(NOT_ALL) => {
            let last = text.rfind("panicked at").unwrap_or(0);
            Err(format!(
                "its model on the play runtime cannot show it holds:\n{}    Each lock, \
                 release, wait and atomic is a point where another thread may run: a fix with \
                 far more of them than the lesson needs (a loop that looks again and again) has \
                 far more schedules.\n",
                model_failure(&text[last..])
            ))
        }
        ModelRun::Broke(text) => {
            // The test's own panic, which says what broke, is the last (a thread's comes first).
            let last = text.rfind("panicked at").unwrap_or(0);
            let mut why = format!(
                "its model on the play runtime found a schedule that breaks it:\n{}",
                model_failure(&text[last..])
            );
            if let Some(broken) = broken {
                if place.ws == place.root.join("exercises") {
                    let file =
                        crate::cmd::play::exercise_counterexample(&place.target, &broken.level);
                    // The verdict stands even when the schedule cannot be kept.
                    match crate::cmd::play::keep(&file, &broken) {
                        Ok(()) => {
                            let shown = file.strip_prefix(&place.root).unwrap_or(&file);
                            why += &format!(
                                "    Play it: cargo xtask play --replay {}\n",
                                shown.display()
                            );
                        }
                        Err(Fail::Usage(e) | Fail::Broken(e)) => {
                            why += &format!("    (the schedule was not kept: {e})\n")
                        }
                    }
                }
                for line in broken.lines {
                    why += &format!("    {line}\n");
                }
            }
            if let Some(at) = super::sleeps::added(place, ex) {
                why += &super::sleeps::why_not(&at);
            }
            Err(why)
        }
    })
}

/// What a model that held covered, in words, from the line it printed (`play::model::COVERED`:
/// the bound of preemptions, `-` for none, and the schedules it ran).
fn covered(text: &str) -> String {
    text.lines()
        .find_map(|l| {
            // With `--nocapture`, the test harness's `test ... ` may come first on the line.
            let mut f = l.split_once(COVERED)?.1.trim().split('\t');
            let bound = f.next()?.parse().ok();
            let schedules = f.next()?.parse().ok()?;
            Some(crate::cmd::play::schedules_covered(bound, schedules))
        })
        // A model that said nothing of what it covered: no more than that it passed.
        .unwrap_or_else(|| "the schedules it ran".into())
}

use playproto::{COVERED, NOT_ALL};

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
    indent(body)
}

/// Run `cmd` to its end, or kill it after `limit`. (ok, stdout and stderr, timed out)
fn run_limited(mut cmd: Command, limit: Duration) -> Result<(bool, String, bool), Fail> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = crate::child::spawn(&mut cmd)
        .map_err(|e| Fail::Broken(format!("cannot start the model: {e}")))?;
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
        .map_err(|e| Fail::Broken(format!("cannot wait for the model: {e}")))?
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
        assert_eq!(
            covered(text),
            "every schedule of these threads with at most 3 preemptions (a preemption: the \
             model switches away from a thread that could go on), 646 of them"
        );
        assert_eq!(
            covered("--- play model covered ---\t-\t12\n"),
            "every schedule of these threads, 12 of them"
        );
        assert_eq!(covered("test four ... ok\n"), "the schedules it ran");
    }

    #[test]
    fn a_model_failure_keeps_the_models_words() {
        let text = "running 1 test\n\nthread 'x' panicked at tests/model.rs:9:\nan update was lost:\n    Thread 0\nnote: run with `RUST_BACKTRACE=1`\n\nfailures:\n";
        assert_eq!(
            model_failure(text),
            "    an update was lost:\n        Thread 0\n"
        );
    }
}
