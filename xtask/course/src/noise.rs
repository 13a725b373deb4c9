//! Noisy runs: a program with claims of order is run more times at once, beside its plain run,
//! each with `common::noise` on (run `k` holds back the `k`th thread the program made, at its
//! first sleep). A program that waits for the thread keeps every claim; one that sleeps as long
//! as the thread does is caught in the run that holds that thread back. The exercises' judge and
//! `run`/`run-all` both run them through here.

use std::time::Duration;

use common::noise::{HOLD, NOISE, Setting};

use crate::launch::{self, Program, Run};
use crate::matcher::Line;
use crate::order::Claim;
use crate::verdict::{self, Verdict};

/// A new seed: the clock's nanoseconds, kept short enough to type.
pub fn new_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    u64::from(nanos ^ std::process::id()) % 100_000
}

/// How hard the noise pushes, and how many runs it makes.
#[derive(Clone, Copy, Debug)]
pub struct Noise {
    pub seed: u64,
    /// Noisy runs beside the plain one: run `k` holds back thread `k` (`main` is 1).
    pub runs: u64,
    /// The least hold-back, in lesson time (the most is twice this).
    pub hold: Duration,
}

/// The exercises' noise: six runs (`main` and up to five threads; exercise 15's first five
/// jobs), each holding its thread back by a quarter to half a lesson second.
pub fn for_exercises(seed: u64) -> Noise {
    Noise {
        seed,
        runs: 6,
        hold: HOLD,
    }
}

/// The chapters' noise in `run` and `run-all`: four runs (`main` and three threads), each
/// holding its thread back by a tenth to a fifth of a lesson second, so that run-all costs
/// little more than the lessons' own time. Enough for a chapter's "Try this" that swaps a join
/// for a sleep of the same length; the exercises' judge pushes harder.
pub fn for_chapters(seed: u64) -> Noise {
    Noise {
        seed,
        runs: 4,
        hold: Duration::from_millis(100),
    }
}

/// Run `program` once plainly and, with `noise`, its noisy runs too, all at once; the plain run
/// first. Each run has the same time limit.
pub fn runs(
    program: &Program,
    noise: Option<Noise>,
    speed: f64,
    limit: Duration,
) -> Vec<std::io::Result<Run>> {
    let count = noise.map_or(0, |n| n.runs);
    std::thread::scope(|sc| {
        let runs: Vec<_> = (0..=count)
            .map(|k| {
                sc.spawn(move || {
                    let mut p = program.clone();
                    if let Some(n) = noise.filter(|_| k > 0) {
                        let s = Setting {
                            seed: n.seed,
                            held: k,
                            hold: n.hold,
                        };
                        p.env.push((NOISE, s.value().into()));
                    }
                    launch::run(&p, speed, limit, launch::Echo::Quiet)
                })
            })
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("a run's thread panicked"))
            .collect()
    })
}

/// A program's runs, judged: the plain run, and with noise, the noisy runs beside it.
#[derive(Debug)]
pub struct Judged {
    /// The plain run's verdict.
    pub plain: Verdict,
    /// The first noisy run that did not show the lesson: its number (from 1) and its verdict.
    /// None are judged once the plain run failed.
    pub noisy: Option<(u64, Verdict)>,
    /// How long the runs took, all at once.
    pub took: Duration,
}

impl Judged {
    /// Every run judged showed the lesson.
    pub fn passed(&self) -> bool {
        self.plain.passed() && self.noisy.is_none()
    }
}

/// How a program's check went over its repeats: passes out of repeats, and what each cost.
#[derive(Debug)]
pub struct Tally {
    pub passes: u32,
    pub repeat: u32,
    /// What each check cost (with noise, all its runs side by side).
    pub times: Vec<Duration>,
    /// Whether it has claims of order, which held when it passed.
    pub order_held: bool,
}

impl Tally {
    /// A tally of no runs yet, of `repeat` to come.
    pub fn new(repeat: u32, order_held: bool) -> Tally {
        Tally {
            passes: 0,
            repeat,
            times: Vec::new(),
            order_held,
        }
    }

    /// Count one check's runs: a pass when [`Judged::passed`] says so (the one definition of a
    /// pass), its cost the plain run's, or with noise (`noisy`) all the runs', side by side.
    /// Whether it passed.
    pub fn add(&mut self, runs: &Judged, noisy: bool) -> bool {
        self.times.push(match noisy {
            true => runs.took,
            false => runs.plain.run.took,
        });
        let passed = runs.passed();
        self.passes += u32::from(passed);
        passed
    }

    /// Every repeat passed.
    pub fn passed(&self) -> bool {
        self.passes == self.repeat
    }

    /// What all the checks cost.
    pub fn total(&self) -> Duration {
        self.times.iter().sum()
    }
}

/// Run `program` as [`runs`] does and judge each run against `expected` and `claims`.
pub fn judged(
    program: &Program,
    noise: Option<Noise>,
    speed: f64,
    limit: Duration,
    expected: &[Line],
    claims: &[Claim],
) -> crate::Result<Judged> {
    let started = std::time::Instant::now();
    let mut runs = runs(program, noise, speed, limit)
        .into_iter()
        .map(|r| r.map_err(|e| crate::Error::Run(program.exe.clone(), e)))
        .collect::<crate::Result<Vec<Run>>>()?
        .into_iter();
    let took = started.elapsed();
    let plain = verdict::judge_with(expected, claims, runs.next().expect("the plain run"));
    let noisy = match plain.passed() {
        false => None,
        true => (1..)
            .zip(runs)
            .map(|(k, r)| (k, verdict::judge_with(expected, claims, r)))
            .find(|(_, v)| !v.passed()),
    };
    Ok(Judged { plain, noisy, took })
}
