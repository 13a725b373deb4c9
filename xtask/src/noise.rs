//! Noisy runs: a program with claims of order is run more times at once, beside its plain run,
//! each with `common::noise` on (run `k` holds back the `k`th thread the program made, at its
//! first sleep). A program that waits for the thread keeps every claim; one that sleeps as long
//! as the thread does is caught in the run that holds that thread back. The exercises' judge and
//! `run`/`run-all` both run them through here.

use std::time::Duration;

use common::noise::{HOLD, NOISE, Setting};

use crate::cli::{Flag, Given};
use crate::launch::{self, Program, Run};

/// `--seed S`: replay the schedule noise of a check.
pub const SEED: Flag = (
    "seed",
    "S",
    "replay the schedule noise of seed S (extra runs, each holding one thread back a little at \
     its first sleep, to test the order of the lines; a failure under noise prints its seed)",
);

/// `--seed`, if given.
pub fn parse_seed(given: &mut Given) -> Result<Option<u64>, String> {
    given
        .value("seed")
        .map(|v| {
            v.parse()
                .map_err(|_| format!("--seed takes a whole number, like 4711, not `{v}`"))
        })
        .transpose()
}

/// A new seed: the clock's nanoseconds, kept short enough to type.
pub fn new_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    u64::from(nanos ^ std::process::id()) % 100_000
}

/// How hard the noise pushes, and how many runs it makes.
#[derive(Clone, Copy)]
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

impl Noise {
    /// What a chapter's claims of order holding under noise means, in words, for the line that
    /// says "its order held" (a word the student has not been taught yet).
    pub fn what_held(&self) -> String {
        let secs = |d: Duration| format!("{}", d.as_secs_f64());
        format!(
            "\"its order held\": the lines its expected.order puts in order (a thread's last \
             line before the join that waits for it, say) came in that order in its run and \
             in {} more runs beside it, each holding one thread back at its first sleep by {} \
             to {} lesson seconds (seconds of the lesson's clock, which its log's times count: \
             at the default speed each is a real second). A chapter that waited for a time as \
             long as the thread's, in place of waiting for the thread, would break that order \
             there.",
            self.runs,
            secs(self.hold),
            secs(self.hold * 2)
        )
    }

    /// Which thread run `k` holds back, and by how much, in words.
    pub fn describe(&self, k: u64) -> String {
        let who = match k {
            1 => "`main`".to_string(),
            k => format!("the {} thread `main` started", ordinal(k - 1)),
        };
        format!(
            "seed {}, run {k} of {}: {who} held back at its first sleep",
            self.seed, self.runs
        )
    }
}

fn ordinal(n: u64) -> String {
    match n {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        4 => "fourth".into(),
        5 => "fifth".into(),
        n => format!("{n}th"),
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
                    let mut p = Program {
                        exe: program.exe.clone(),
                        args: program.args.clone(),
                        env: program.env.clone(),
                    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_noisy_run_says_whom_it_held_back() {
        let n = for_exercises(7);
        assert_eq!(
            n.describe(1),
            "seed 7, run 1 of 6: `main` held back at its first sleep"
        );
        assert!(n.describe(3).contains("the second thread `main` started"));
    }

    #[test]
    fn a_seed_is_a_whole_number() {
        let mut g = Given::new("check");
        g.flags = vec![("seed".into(), Some("x".into()))];
        assert!(parse_seed(&mut g).unwrap_err().contains("`x`"));
        g.flags = vec![("seed".into(), Some("42".into()))];
        assert_eq!(parse_seed(&mut g), Ok(Some(42)));
        assert_eq!(parse_seed(&mut g), Ok(None));
    }
}
