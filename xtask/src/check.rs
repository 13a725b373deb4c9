//! `cargo xtask run <chapter>` and `cargo xtask run-all`: run chapters and check each against
//! its expected log, `--repeat` times.

use std::path::Path;
use std::time::Duration;

use crate::cli::{Cmd, Ctx, Fail, Flag, Given, parse_repeat};
use crate::course::Chapter;
use crate::launch;
use crate::matcher::Line;
use crate::report::{GREEN, RED, paint, render};
use crate::{build, verdict};

const REPEAT: Flag = (
    "repeat",
    "N",
    "run each chapter N times and count the passes",
);

pub struct Run {
    chapter: String,
    repeat: u32,
}

impl Cmd for Run {
    const NAME: &'static str = "run";
    const ARGS: &'static str = "<chapter>";
    const HELP: &'static str = "run one chapter and check it (4, ch04, ch04_race or race)";
    const FLAGS: &'static [Flag] = &[REPEAT];

    fn parse(given: &mut Given) -> Result<Self, String> {
        Ok(Run {
            chapter: given.need_chapter()?,
            repeat: parse_repeat(given)?,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        check(ctx, &ctx.select(Some(&self.chapter))?, self.repeat)
    }
}

pub struct RunAll {
    repeat: u32,
}

impl Cmd for RunAll {
    const NAME: &'static str = "run-all";
    const HELP: &'static str = "run every chapter in order and check each";
    const FLAGS: &'static [Flag] = &[REPEAT];

    fn parse(given: &mut Given) -> Result<Self, String> {
        Ok(RunAll {
            repeat: parse_repeat(given)?,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let passed = check(ctx, &ctx.select(None)?, self.repeat)?;
        println!("Step through the lessons one at a time, with their words: `cargo xtask tour`");
        Ok(passed)
    }
}

/// Check `selected`, each `repeat` times; a summary line when there is more than one run.
pub fn check(ctx: &Ctx, selected: &[&Chapter], repeat: u32) -> Result<bool, Fail> {
    // Read every expected log and find every binary before anything runs: a missing or broken
    // one is a usage error, found at once.
    let expected = selected
        .iter()
        .map(|c| verdict::expected(c))
        .collect::<Result<Vec<_>, _>>()?;
    let exes = build::chapters(ctx, selected)?;
    let mut all_passed = true;
    let mut total = Duration::ZERO;
    for ((c, e), exe) in selected.iter().zip(&expected).zip(&exes) {
        let (passed, took) = check_chapter(ctx, c, e, exe, repeat)?;
        all_passed &= passed;
        total += took;
    }
    if selected.len() > 1 || repeat > 1 {
        let color = ctx.opts.color;
        println!(
            "{} in {:.1}s",
            if all_passed {
                paint(color, GREEN, "all chapters passed")
            } else {
                paint(color, RED, "some chapters FAILED")
            },
            total.as_secs_f64()
        );
    }
    Ok(all_passed)
}

/// Run a chapter once, the way every command does; with `echo`, its lines show as they come.
pub fn run_once(ctx: &Ctx, exe: &Path, echo: bool) -> Result<launch::Run, Fail> {
    launch::run(exe, ctx.opts.speed, ctx.limit(), echo)
        .map_err(|e| Fail::Broken(format!("cannot run {}: {e}", exe.display())))
}

/// Run a chapter `repeat` times; print its line and, on a failure, why (the first failure).
fn check_chapter(
    ctx: &Ctx,
    c: &Chapter,
    expected: &[Line],
    exe: &Path,
    repeat: u32,
) -> Result<(bool, Duration), Fail> {
    let color = ctx.opts.color;
    let mut passes = 0;
    let mut first_failure: Option<String> = None;
    let mut times = Vec::new();
    for _ in 0..repeat {
        let r = run_once(ctx, exe, false)?;
        times.push(r.took);
        match render(color, c, &verdict::judge(expected, &r)) {
            None => passes += 1,
            Some(why) => {
                first_failure.get_or_insert(why);
            }
        }
    }
    let total: Duration = times.iter().sum();
    let passed = passes == repeat;
    // Padded before it is painted: the colour codes take no room on the screen.
    let status = if passed {
        paint(color, GREEN, "ok    ")
    } else {
        paint(color, RED, "FAILED")
    };
    if repeat == 1 {
        let what = if passed {
            "the lesson showed"
        } else {
            "the lesson did not show:"
        };
        println!(
            "{:<22} {status} {:>6.2}s  {what}",
            c.name,
            total.as_secs_f64()
        );
    } else {
        let min = times.iter().min().copied().unwrap_or_default();
        let max = times.iter().max().copied().unwrap_or_default();
        println!(
            "{:<22} {status} {passes}/{repeat} passed ({:.2}s to {:.2}s a run)",
            c.name,
            min.as_secs_f64(),
            max.as_secs_f64()
        );
    }
    if let Some(why) = first_failure {
        print!("{why}");
    }
    Ok((passed, total))
}
