//! The judge: the check of an exercise, stage by stage (it compiles; its run shows the lesson,
//! times and claims included; its claims of order hold under schedule noise; where a schedule
//! decides, its model on the play runtime holds on every schedule of its search: `model.rs`).
//! It returns a [`Judgement`]: each stage as data, with what it checked, whether it held, its
//! evidence and its time; an observer the caller gives sees each stage as it ends. `check`,
//! `watch` and `check-solutions` all use it, and put it into words.
//!
//! Schedule noise: an exercise with claims of order (`expected.order`) is run six more times at
//! once, beside its plain run, each with `common::noise` on (see [`crate::noise`]): run `k`
//! holds back the `k`th thread the program made at its first sleep, by a quarter to half a
//! lesson second, and jitters every sleep a little. The seed is in the stage; `--seed S`
//! replays the runs.

mod model;
mod sleeps;
mod std_paths;

use std::path::Path;
use std::time::{Duration, Instant};

use crate::build::{self, Compiled};
use crate::exercise::{Exercise, Place, collect_files};
use crate::launch::Program;
use crate::matcher::{Line, Time};
use crate::noise::{self, Noise};
use crate::verdict::{self, Verdict};
use crate::{Chapter, Error};

pub use model::{Broke, Failure, Unsaid};

/// The judge's settings.
pub struct Settings {
    pub speed: f64,
    /// `--timeout`, when given; else each run's limit comes from its expected log.
    pub timeout: Option<Duration>,
    /// Whether the compiler's words come with their colours.
    pub color: bool,
    /// Whether a check that stops early still waits for its model's build: yes on scratch
    /// copies, which are changed or removed next; no for the student, who is shown the failure
    /// at once while the build goes on (and is ready for the next check).
    pub wait_for_model: bool,
    /// The seed of the schedule noise (`--seed`); a new one for each check when `None`.
    pub seed: Option<u64>,
}

/// What a stage of the judge checked.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// It compiles.
    Build,
    /// Its plain run shows the lesson: its log, the times of its lines, and its claims of order
    /// (this many).
    Run { claims: usize },
    /// Its claims of order (this many) hold in the runs under this noise.
    Noise { claims: usize, noise: Noise },
    /// Its model on the play runtime holds.
    Model,
}

impl Check {
    /// The stage's name: `build`, `run`, `noise` or `model` (a kept wrong answer's file name
    /// says which one must stop it).
    pub fn name(&self) -> &'static str {
        match self {
            Check::Build => "build",
            Check::Run { .. } => "run",
            Check::Noise { .. } => "noise",
            Check::Model => "model",
        }
    }
}

/// What a stage found, to show for it.
#[derive(Debug)]
pub enum Evidence {
    /// Nothing beyond whether it held (a build that compiled; noisy runs that all held).
    Nothing,
    /// What the compiler said.
    Compiler(String),
    /// The plain run's verdict.
    Run(Box<Verdict>),
    /// The noisy run that did not show the lesson: its number (from 1) and its verdict.
    Noisy(u64, Box<Verdict>),
    /// What the model covered when it held: its search (how, and how many schedules).
    Covered(playproto::Search),
    /// Why the model does not hold.
    Model(Box<Failure>),
}

/// One stage of the judge.
#[derive(Debug)]
pub struct Stage {
    pub check: Check,
    pub held: bool,
    pub evidence: Evidence,
    /// How long the stage took.
    pub took: Duration,
}

/// The judge's verdict on an exercise: its stages, in order, up to the first that did not hold.
#[derive(Debug, Default)]
pub struct Judgement {
    pub stages: Vec<Stage>,
}

impl Judgement {
    /// Every stage held.
    pub fn passed(&self) -> bool {
        self.stages.iter().all(|s| s.held)
    }

    /// The first stage that did not hold, by name, if one did not: `build`, `run`, `noise` or
    /// `model`.
    pub fn failed_at(&self) -> Option<&'static str> {
        let failed = self.stages.iter().find(|s| !s.held)?;
        Some(failed.check.name())
    }
}

/// What the observer of a judge sees, as it happens.
pub enum Event<'a> {
    /// This check builds the play runtime for the first time (shuttle: the longest build).
    FirstModel,
    /// A stage ended.
    Stage(&'a Stage),
}

/// How long an exercise may run: its expected log's last time and 5 lesson seconds more (a fix
/// that waits for ever is stopped soon after its lesson should have ended), never under 5 real
/// seconds (the banks' work is CPU-bound and does not speed up).
fn run_limit(expected: &[Line], speed: f64) -> Duration {
    let last = expected
        .iter()
        .filter_map(|l| match l.time {
            Time::At(t) => Some(t),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    Duration::from_secs_f64((f64::from(last + 5) / speed).max(5.0))
}

/// The model's build, running beside the program's.
type ModelBuild = std::thread::JoinHandle<crate::Result<Compiled>>;

/// One judge at work: where, what, how, and who is told of each stage.
struct Judge<'a> {
    place: &'a Place,
    ex: &'a Exercise,
    s: &'a Settings,
    observe: &'a mut dyn FnMut(Event),
    judgement: Judgement,
    model_build: Option<ModelBuild>,
}

impl Judge<'_> {
    /// Add a stage and tell the observer; whether it held.
    fn stage(&mut self, check: Check, held: bool, evidence: Evidence, took: Duration) -> bool {
        let stage = Stage {
            check,
            held,
            evidence,
            took,
        };
        (self.observe)(Event::Stage(&stage));
        self.judgement.stages.push(stage);
        held
    }

    /// The judgement, once a stage failed or all held. A check of a scratch copy that stops
    /// early still waits for the model's build: no cargo is left running on a folder that is
    /// changed or removed next.
    fn end(mut self) -> Judgement {
        if let Some(b) = self.model_build.take().filter(|_| self.s.wait_for_model) {
            let _ = b.join();
        }
        self.judgement
    }
}

/// Build, run and model-check one exercise in `place`; `observe` sees each stage as it ends.
pub fn exercise(
    place: &Place,
    ex: &Exercise,
    s: &Settings,
    observe: &mut dyn FnMut(Event),
) -> crate::Result<Judgement> {
    // The model is on the play runtime (shuttle): `tests/play.rs`.
    let has_play = place.ws.join(&ex.folder).join("tests/play.rs").is_file();
    build::lock_in(&place.root, &place.ws)?;
    if has_play && !build::play_runtime_is_built(&place.target) {
        observe(Event::FirstModel);
    }
    let mut j = Judge {
        place,
        ex,
        s,
        observe,
        judgement: Judgement::default(),
        model_build: None,
    };
    let started = Instant::now();
    // The model, where there is one, builds in its own target dir while the program builds
    // and runs: on two cores a re-check costs the longer of the two, not their sum.
    j.model_build = has_play.then(|| {
        let (ws, target, name, color) = (
            place.ws.clone(),
            place.target.clone(),
            ex.name.clone(),
            s.color,
        );
        std::thread::spawn(move || build::exercise_play_model(&ws, &target, &name, color))
    });
    // 1. It compiles.
    let exe = match build::exercise(&place.ws, &place.target, &ex.name, s.color)? {
        Compiled::Binary(exe) => exe,
        Compiled::Refused(errors) => {
            j.stage(
                Check::Build,
                false,
                Evidence::Compiler(errors),
                started.elapsed(),
            );
            return Ok(j.end());
        }
    };
    j.stage(Check::Build, true, Evidence::Nothing, started.elapsed());
    // 2. Its runs show the lesson.
    if !runs(&mut j, &exe)? {
        return Ok(j.end());
    }
    // 3. Where a schedule decides: the model on the play runtime.
    if has_play {
        model(&mut j)?;
    }
    Ok(j.end())
}

/// The plain run shows the lesson: the expected log, with its times and its claims, in time;
/// and where it claims an order, every claim holds on the exact times of the lines, in the
/// plain run and in the noisy runs beside it. Whether they held.
fn runs(j: &mut Judge, exe: &Path) -> crate::Result<bool> {
    let chapter: Chapter = j.ex.as_chapter(&j.place.ws);
    let expected = verdict::expected(&chapter)?;
    let claims = verdict::claims(&chapter)?;
    let limit =
        j.s.timeout
            .unwrap_or_else(|| run_limit(&expected, j.s.speed));
    let seed = j.s.seed.unwrap_or_else(noise::new_seed);
    let noisy = (!claims.is_empty()).then(|| noise::for_exercises(seed));
    let program = Program::binary(exe);
    let judged = noise::judged(&program, noisy, j.s.speed, limit, &expected, &claims)?;
    let (plain, took) = (judged.plain, judged.took);
    let run = Check::Run {
        claims: claims.len(),
    };
    let plain_took = plain.run.took;
    if !j.stage(
        run,
        plain.passed(),
        Evidence::Run(Box::new(plain)),
        plain_took,
    ) {
        return Ok(false);
    }
    let Some(noise) = noisy else {
        return Ok(true);
    };
    let check = Check::Noise {
        claims: claims.len(),
        noise,
    };
    Ok(match judged.noisy {
        Some((k, v)) => j.stage(check, false, Evidence::Noisy(k, Box::new(v)), took),
        None => j.stage(check, true, Evidence::Nothing, took),
    })
}

/// The model on the play runtime, every schedule of its search. A schedule that breaks it
/// comes as the engine's game along it, and is kept for `cargo xtask play --replay`.
fn model(j: &mut Judge) -> crate::Result<bool> {
    let dir = j.place.ws.join(&j.ex.folder);
    let started = Instant::now();
    if let Some(found) = std_sync_used(&dir) {
        let failure = Evidence::Model(Box::new(found));
        return Ok(j.stage(Check::Model, false, failure, started.elapsed()));
    }
    let built = match j.model_build.take() {
        Some(b) => b
            .join()
            .map_err(|_| Error::Panicked("the model's build thread"))??,
        None => build::exercise_play_model(&j.place.ws, &j.place.target, &j.ex.name, j.s.color)?,
    };
    Ok(match model::play_model(built, j.place, j.ex, j.s)? {
        Ok(covered) => j.stage(
            Check::Model,
            true,
            Evidence::Covered(covered),
            started.elapsed(),
        ),
        Err(failure) => j.stage(
            Check::Model,
            false,
            Evidence::Model(Box::new(failure)),
            started.elapsed(),
        ),
    })
}

/// A model checker sees only the sync types it swaps in: `common::sync`'s. Code that takes
/// std's directly would hang it or hide from it. Every path of every file of `src/` is read,
/// `use` trees expanded (`std_paths`), comments and strings left out.
fn std_sync_used(dir: &Path) -> Option<Failure> {
    let mut files = Vec::new();
    collect_files(&dir.join("src"), &dir.join("src"), &mut files);
    files.into_iter().find_map(|(rel, path)| {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let found = std_paths::std_sync(&text)?;
        Some(Failure::StdSync {
            file: Path::new("src").join(rel),
            line: found.line,
            path: found.path,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_may_last_its_log_and_five_lesson_seconds_more() {
        let log = crate::matcher::parse_expected("00:00:00: a\n00:00:06: b\n[..]: c\n").unwrap();
        assert_eq!(run_limit(&log, 1.0), Duration::from_secs(11));
        assert_eq!(run_limit(&log, 10.0), Duration::from_secs(5));
        assert_eq!(run_limit(&[], 1.0), Duration::from_secs(5));
    }

    #[test]
    fn the_first_stage_that_did_not_hold_names_the_failure() {
        let stage = |check, held| Stage {
            check,
            held,
            evidence: Evidence::Nothing,
            took: Duration::ZERO,
        };
        let mut j = Judgement {
            stages: vec![stage(Check::Build, true), stage(Check::Model, true)],
        };
        assert!(j.passed());
        assert_eq!(j.failed_at(), None);
        j.stages[1].held = false;
        assert!(!j.passed());
        assert_eq!(j.failed_at(), Some("model"));
    }
}
