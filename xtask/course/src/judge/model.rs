//! An exercise's model on the play runtime, run for the judge: its test binary within a time
//! limit, and how it ended, read from the one [`ModelResult`] it writes to the file the judge
//! names (never from what it prints): held, with what its search covered; broke, with the
//! schedule (the engine's game along it, kept for `cargo xtask play --replay`); or cut short
//! before it had run every schedule, which shows nothing. A test that writes no result has shown
//! nothing either, and fails the stage.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::Duration;

use playproto::{ModelResult, Search};

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
    /// Its test gave no result the judge can read, so it showed nothing.
    Unsaid(Unsaid),
    /// It stopped at its cap before it had run every schedule (no schedule broke it): its own
    /// words.
    CutShort(String),
    /// A schedule broke it.
    Broke(Broke),
}

/// Why a model's test gave no result the judge can read.
#[derive(Debug, PartialEq, Eq)]
pub enum Unsaid {
    /// It wrote none (it ran no model, or ended before its model did): its binary's exit code
    /// (`None`: killed by a signal).
    Nothing { exit: Option<i32> },
    /// What it wrote does not read as a result, or says it held of a search that does not show
    /// it: why.
    Unreadable(String),
    /// Its model held, but its test binary then failed: its exit code.
    FailedAfter { exit: Option<i32> },
}

/// A schedule that broke a model.
#[derive(Debug)]
pub struct Broke {
    /// The model's own words for what broke (its panic message).
    pub words: String,
    /// The schedule, as the engine's game along it (the judge always has it; a test of the
    /// words alone may leave it out).
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
    /// It did not compile with the model's types: the compiler's words.
    NoBuild(String),
    TimedOut(Duration),
    /// It ran to its end: its exit status.
    Ended(ExitStatus),
}

/// Build result in, run the model's tests one at a time within the model's time limit, each
/// writing how it ended to `result`. What they print is not read: their result is.
fn run_model(built: Compiled, s: &Settings, result: &Path) -> crate::Result<ModelRun> {
    let exe = match built {
        Compiled::Binary(exe) => exe,
        Compiled::Refused(errors) => return Ok(ModelRun::NoBuild(errors)),
    };
    let mut cmd = Command::new(exe);
    cmd.args(["--test-threads", "1", "--color", "never"])
        // Hermetic, as every child of the runner: a `PLAY_ASK` left in the runner's environment
        // would make a model answer a question instead of searching.
        .env_clear()
        .env("RUST_BACKTRACE", "0")
        .env(playproto::RESULT, result)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let limit = s.timeout.unwrap_or(MODEL_LIMIT).max(MODEL_LIMIT);
    let child = crate::child::spawn(&mut cmd).map_err(|e| Error::Model("start", e))?;
    Ok(
        match child
            .wait_for(limit)
            .map_err(|e| Error::Model("wait for", e))?
        {
            crate::child::End::Exited(status) => ModelRun::Ended(status),
            crate::child::End::TimedOut(_) => ModelRun::TimedOut(limit),
        },
    )
}

/// Run the exercise's model on the play runtime, once built: what it covered, or why it does
/// not hold. A schedule that breaks it is kept for `--replay` when `place` is the student's own
/// `exercises/`, whose code the replay plays.
pub(super) fn play_model(
    built: Compiled,
    place: &Place,
    ex: &Exercise,
    s: &Settings,
) -> crate::Result<Result<Search, Failure>> {
    let file = play::scratch("result");
    let run = run_model(built, s, &file);
    let written = std::fs::read_to_string(&file);
    let _ = std::fs::remove_file(&file);
    let status = match run? {
        ModelRun::NoBuild(errors) => return Ok(Err(Failure::NoBuild(errors))),
        ModelRun::TimedOut(limit) => return Ok(Err(Failure::TimedOut(limit))),
        ModelRun::Ended(status) => status,
    };
    Ok(match result(written, status.success(), status.code()) {
        Err(unsaid) => Err(Failure::Unsaid(unsaid)),
        Ok(ModelResult::Held(search)) => Ok(search),
        // It ran out of its cap: no schedule broke it, and none is drawn; it shows nothing.
        Ok(ModelResult::CutShort { words, .. }) => Err(Failure::CutShort(words)),
        Ok(ModelResult::Broke(broken)) => Err(Failure::Broke(broke(broken, place, ex))),
    })
}

/// How a model's test ended: the result it wrote (`written`, as read from its file), or why it
/// gave none the judge can read. Its binary's exit (`success`, its `exit` code) does not make a
/// pass, but it unmakes one: a model that held in a test binary that then failed shows nothing.
fn result(
    written: std::io::Result<String>,
    success: bool,
    exit: Option<i32>,
) -> Result<ModelResult, Unsaid> {
    let text = match written {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Unsaid::Nothing { exit });
        }
        Err(e) => return Err(Unsaid::Unreadable(e.to_string())),
    };
    let result =
        playproto::from_json::<ModelResult>(text.trim()).map_err(|e| Unsaid::Unreadable(e.0))?;
    match &result {
        ModelResult::Held(search) if !search.holds() => Err(Unsaid::Unreadable(
            "it says it held, of a search that did not run every schedule, or found one that \
             breaks it"
                .into(),
        )),
        ModelResult::Held(_) if !success => Err(Unsaid::FailedAfter { exit }),
        _ => Ok(result),
    }
}

/// A schedule that broke the model, kept for `--replay` when `place` is the student's own.
fn broke(broken: Box<playproto::Broken>, place: &Place, ex: &Exercise) -> Broke {
    let kept = place.is_the_students().then(|| {
        let id = &broken.game.level.id;
        let file = play::exercise_counterexample(&place.target, id);
        // The verdict stands even when the schedule cannot be kept.
        play::keep(&file, id, &broken.moves)
            .map(|()| file.strip_prefix(&place.root).unwrap_or(&file).into())
    });
    Broke {
        words: broken.words.clone(),
        schedule: Some(broken),
        kept,
        sleep: super::sleeps::added(place, ex),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(complete: bool) -> Search {
        Search {
            how: playproto::How::Dfs {
                preemptions: Some(3),
            },
            executions: 646,
            complete,
            won: None,
            failed: None,
            cut: None,
        }
    }

    /// A model binary that runs no test and exits 0 (as `true` does) writes no result: no pass.
    #[test]
    fn a_model_binary_that_writes_no_result_fails_the_stage() {
        let file = play::scratch("result-test");
        let s = Settings {
            speed: 1.0,
            timeout: None,
            color: false,
            wait_for_model: true,
            seed: None,
        };
        let ran = run_model(Compiled::Binary("true".into()), &s, &file).unwrap();
        let ModelRun::Ended(status) = ran else {
            panic!("`true` ends at once");
        };
        assert!(status.success());
        assert_eq!(
            result(std::fs::read_to_string(&file), true, status.code()).unwrap_err(),
            Unsaid::Nothing { exit: Some(0) }
        );
    }

    #[test]
    fn a_model_result_is_read_as_written_and_no_other_way_is_a_pass() {
        let held = ModelResult::Held(search(true));
        let text = |r: &ModelResult| Ok(playproto::to_json(r));
        assert_eq!(result(text(&held), true, Some(0)), Ok(held.clone()));
        // Held, in a binary that then failed: shows nothing.
        assert_eq!(
            result(text(&held), false, Some(101)),
            Err(Unsaid::FailedAfter { exit: Some(101) })
        );
        // A search that did not run every schedule is no hold, whatever it says.
        let not_all = ModelResult::Held(search(false));
        assert!(matches!(
            result(text(&not_all), true, Some(0)),
            Err(Unsaid::Unreadable(_))
        ));
        let cut = ModelResult::CutShort {
            search: search(false),
            words: "The model did not run every schedule".into(),
        };
        assert_eq!(result(text(&cut), true, Some(0)), Ok(cut.clone()));
        // What the test printed before, a line of its output, is no result.
        for said in ["--- play model covered ---\t3\t646", ""] {
            assert!(matches!(
                result(Ok(said.into()), true, Some(0)),
                Err(Unsaid::Unreadable(_))
            ));
        }
    }
}
