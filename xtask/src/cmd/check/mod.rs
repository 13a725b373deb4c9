//! `cargo xtask run <chapter>` and `cargo xtask run-all`: run chapters and check each against
//! its expected log, `--repeat` times; a chapter with claims of order (`expected.order`) also
//! runs under schedule noise, beside its plain run (`crate::noise`; `--seed` replays it).

mod timeline_out;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use timeline_out::TimelineOut;

use crate::cli::{Cmd, Ctx, Fail, Flag, Given, parse_repeat};
use crate::course::Chapter;
use crate::launch::{self, Echo, Program};
use crate::matcher::Line;
use crate::noise::{self, SEED, parse_seed};
use crate::order::Claim;
use crate::timeline::Recording;
use crate::ui::report::{GREEN, RED, render_against};
use crate::ui::status::Ticker;
use crate::{build, ui::screen, verdict};

const REPEAT: Flag = (
    "repeat",
    "N",
    "run each chapter N times and count the passes",
);

const TIMELINE: Flag = (
    "timeline",
    "",
    "also draw the run: a lane a thread, across the terminal",
);

const PYTHON: Flag = (
    "python",
    "",
    "check the chapters' Python twins (python/) instead, with the same matcher",
);

pub struct RunOne {
    chapter: String,
    repeat: u32,
    python: bool,
    show: TimelineOut,
    seed: Option<u64>,
}

impl Cmd for RunOne {
    const NAME: &'static str = "run";
    const ARGS: &'static str = "<chapter>";
    const HELP: &'static str = "run one chapter and check it (4, ch04, ch04_race or race)";
    const FLAGS: &'static [Flag] = &[
        REPEAT,
        PYTHON,
        TIMELINE,
        SEED,
        (
            "trace-out",
            "FILE",
            "also write the run as a Chrome trace, for ui.perfetto.dev",
        ),
    ];

    fn parse(given: &mut Given) -> Result<Self, String> {
        Ok(RunOne {
            chapter: given.need_chapter()?,
            repeat: parse_repeat(given)?,
            python: given.flag("python"),
            show: TimelineOut::parse(given)?,
            seed: parse_seed(given)?,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let selected = ctx.select(Some(&self.chapter))?;
        check(
            ctx,
            &selected,
            self.repeat,
            self.python,
            &self.show,
            self.seed,
        )
    }
}

pub struct RunAll {
    repeat: u32,
    python: bool,
    show: TimelineOut,
}

impl Cmd for RunAll {
    const NAME: &'static str = "run-all";
    const HELP: &'static str = "run every chapter in order and check each";
    const FLAGS: &'static [Flag] = &[
        REPEAT,
        PYTHON,
        TIMELINE,
        (
            "trace-out",
            "DIR",
            "also write each run as a Chrome trace, DIR/<chapter>.json",
        ),
    ];

    fn parse(given: &mut Given) -> Result<Self, String> {
        Ok(RunAll {
            repeat: parse_repeat(given)?,
            python: given.flag("python"),
            show: TimelineOut::parse(given)?,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let passed = check(
            ctx,
            &ctx.select(None)?,
            self.repeat,
            self.python,
            &self.show,
            None,
        )?;
        if self.python {
            println!("Hold a chapter beside its twin: `cargo xtask compare ch08`");
        } else {
            println!(
                "Step through the lessons one at a time, with their words: `cargo xtask tour`"
            );
        }
        Ok(passed)
    }
}

/// What one check runs, and against which log.
struct Subject<'a> {
    chapter: &'a Chapter,
    /// How the check line names it: the chapter, or its twin's script.
    label: String,
    log: PathBuf,
    expected: Vec<Line>,
    /// Its claims of order: the chapter's, for the chapter and for a twin that shares its log.
    claims: Vec<Claim>,
    /// Whether its claims are also checked under schedule noise (a chapter's, and a twin's
    /// through `course.sleep`, which reads the same `COURSE_NOISE`).
    noisy: bool,
    /// What to run, or why there is nothing (a chapter without a twin yet).
    program: Result<Program, String>,
}

/// Check `selected` (or, with `python`, their Python twins), each `repeat` times; a summary
/// line when there is more than one run.
pub fn check(
    ctx: &Ctx,
    selected: &[&Chapter],
    repeat: u32,
    python: bool,
    show: &TimelineOut,
    seed: Option<u64>,
) -> Result<bool, Fail> {
    if python && show.wanted() {
        return Err(Fail::Usage(
            "--timeline and --trace-out draw the Rust chapters, not the Python twins".into(),
        ));
    }
    show.check_paths(selected.len())?;
    // A rule of `If it differs` that does not read would never speak: say so before anything.
    for c in selected {
        if let Some(why) = crate::course::rule_errors(&c.lesson).first() {
            return Err(Fail::Usage(format!("{}: {why}", c.name)));
        }
    }
    // Read every expected log and find every binary (or twin) before anything runs: a missing
    // or broken one is a usage error, found at once.
    let subjects: Vec<Subject> = if python {
        let twins = build::twins(ctx, selected)?;
        // One chapter named: its missing twin is a usage error. In a run of all, it fails that
        // chapter's line, and the others are still checked.
        if let [Err(why)] = twins.as_slice() {
            return Err(Fail::Usage(why.clone()));
        }
        let logs = selected
            .iter()
            .map(|c| verdict::twin_expected(c, &ctx.root))
            .collect::<Result<Vec<_>, _>>()?;
        selected
            .iter()
            .zip(logs)
            .zip(twins)
            .map(|((c, (log, expected)), program)| {
                // A twin with a log of its own tells another story: the claims are the Rust's.
                let claims = if log == c.expected_log() {
                    verdict::claims(c)?
                } else {
                    Vec::new()
                };
                Ok(Subject {
                    chapter: c,
                    label: format!("{}.py", c.name),
                    log,
                    expected,
                    claims,
                    noisy: true,
                    program,
                })
            })
            .collect::<Result<_, Fail>>()?
    } else {
        let expected = selected
            .iter()
            .map(|c| verdict::expected(c))
            .collect::<Result<Vec<_>, _>>()?;
        let exes = build::chapters(ctx, selected)?;
        selected
            .iter()
            .zip(expected)
            .zip(exes)
            .map(|((c, expected), exe)| {
                Ok(Subject {
                    chapter: c,
                    label: c.name.clone(),
                    log: c.expected_log(),
                    expected,
                    claims: verdict::claims(c)?,
                    noisy: true,
                    program: Ok(Program::binary(&exe)),
                })
            })
            .collect::<Result<_, Fail>>()?
    };
    let limit = if python {
        ctx.twin_limit()
    } else {
        ctx.limit()
    };
    let mut all_passed = true;
    let mut total = Duration::ZERO;
    let mut order_held = false;
    for s in &subjects {
        let trace = show.trace_of(s.chapter, selected.len());
        let (passed, took) = check_one(ctx, s, limit, repeat, show, trace.as_deref(), seed)?;
        all_passed &= passed;
        total += took;
        order_held |= passed && repeat == 1 && !s.claims.is_empty() && s.noisy;
    }
    if order_held {
        let said = noise::for_chapters(0).what_held();
        println!("{}", screen::wrap(&said, screen::width()));
    }
    if selected.len() > 1 || repeat > 1 {
        let style = ctx.opts.style;
        let what = if python { "twins" } else { "chapters" };
        println!(
            "{} in {:.1}s",
            if all_passed {
                style.paint(GREEN, &format!("all {what} passed"))
            } else {
                style.paint(RED, &format!("some {what} FAILED"))
            },
            total.as_secs_f64()
        );
    }
    Ok(all_passed)
}

/// Run a chapter once, the way every command does; with `echo`, its lines show as they come.
pub fn run_once(ctx: &Ctx, exe: &Path, echo: bool) -> Result<launch::Run, Fail> {
    let echo = if echo { Echo::Print } else { Echo::Quiet };
    run_program(ctx, &Program::binary(exe), ctx.limit(), echo)
}

/// Run a chapter's binary or a twin once, within `limit`.
pub fn run_program(
    ctx: &Ctx,
    p: &Program,
    limit: Duration,
    echo: Echo,
) -> Result<launch::Run, Fail> {
    launch::run(p, ctx.opts.speed, limit, echo)
        .map_err(|e| Fail::Broken(format!("cannot run {}: {e}", p.exe.display())))
}

/// Run a chapter (or twin) `repeat` times; print its line and, on a failure, why (the first
/// failure); then its timeline, if asked for (of its first run).
fn check_one(
    ctx: &Ctx,
    s: &Subject,
    limit: Duration,
    repeat: u32,
    show: &TimelineOut,
    trace: Option<&Path>,
    seed: Option<u64>,
) -> Result<(bool, Duration), Fail> {
    let style = ctx.opts.style;
    let program = match &s.program {
        Ok(p) => p,
        Err(why) => {
            println!("{:<22} {}", s.label, style.paint(RED, "FAILED"));
            println!("  {why}; write it (python/README.md says how)");
            return Ok((false, Duration::ZERO));
        }
    };
    let mut passes = 0;
    let mut first_failure: Option<String> = None;
    let mut times = Vec::new();
    let rec = show.wanted().then(|| Recording::new(&s.chapter.name));
    let mut noisy = noise::for_chapters(0);
    let mut noisy_runs: Vec<launch::Run> = Vec::new();
    let mut batch = None;
    for k in 1..=repeat {
        let r = {
            let _status = Ticker::start(&s.label, (repeat > 1).then_some((k, repeat)));
            match rec.as_ref().filter(|_| k == 1) {
                Some(rec) => run_program(ctx, &program.recorded(rec), limit, Echo::Quiet)?,
                None if s.claims.is_empty() || !s.noisy => {
                    run_program(ctx, program, limit, Echo::Quiet)?
                }
                // With claims of order: the noisy runs go at once, beside the plain one.
                None => {
                    let started = std::time::Instant::now();
                    noisy = noise::for_chapters(seed.unwrap_or_else(noise::new_seed));
                    let mut runs = noise::runs(program, Some(noisy), ctx.opts.speed, limit)
                        .into_iter()
                        .map(|r| {
                            r.map_err(|e| {
                                Fail::Broken(format!("cannot run {}: {e}", program.exe.display()))
                            })
                        });
                    let plain = runs.next().expect("the plain run")?;
                    noisy_runs = runs.collect::<Result<_, Fail>>()?;
                    // The time shown is what the check cost: all the runs, side by side.
                    batch = Some(started.elapsed());
                    plain
                }
            }
        };
        times.push(batch.take().unwrap_or(r.took));
        let v = verdict::judge_with(&s.expected, &s.claims, &r);
        let mut why = render_against(style, s.chapter, &s.log, &v);
        for (k, r) in (1..).zip(noisy_runs.drain(..)) {
            if why.is_some() {
                break;
            }
            let v = verdict::judge_with(&s.expected, &s.claims, &r);
            why = render_against(style, s.chapter, &s.log, &v).map(|w| {
                format!(
                    "  under schedule noise ({}):\n{w}  to see it again: `cargo xtask run {} --seed {}`\n",
                    noisy.describe(k),
                    s.chapter.short(),
                    noisy.seed
                )
            });
        }
        match why {
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
        style.paint(GREEN, "ok    ")
    } else {
        style.paint(RED, "FAILED")
    };
    if repeat == 1 {
        let what = if passed && !s.claims.is_empty() && s.noisy {
            // What was checked beyond the log: its claims of order, in the noisy runs too
            // (said in words after the lines).
            "the lesson showed, and its order held"
        } else if passed {
            "the lesson showed"
        } else {
            "the lesson did not show:"
        };
        println!(
            "{:<22} {status} {:>6.2}s  {what}",
            s.label,
            total.as_secs_f64()
        );
    } else {
        let min = times.iter().min().copied().unwrap_or_default();
        let max = times.iter().max().copied().unwrap_or_default();
        println!(
            "{:<22} {status} {passes}/{repeat} passed ({:.2}s to {:.2}s a run)",
            s.label,
            min.as_secs_f64(),
            max.as_secs_f64()
        );
    }
    if let Some(why) = first_failure {
        print!("{why}");
    }
    if let Some(rec) = &rec {
        show.after(ctx, s.chapter, rec, trace);
    }
    Ok((passed, total))
}
