//! `cargo xtask run <chapter>` and `cargo xtask run-all`: run chapters and check each against
//! its expected log, `--repeat` times; a chapter with claims of order (`expected.order`) also
//! runs under schedule noise, beside its plain run (`course::noise`; `--seed` replays it).

mod timeline_out;

use std::path::Path;
use std::time::Duration;

pub use timeline_out::TimelineOut;

use timeline::Recording;

use crate::cli::{Cmd, Ctx, Fail, Flag, SEED, flags, need_chapter};
use crate::ui::report;
use crate::ui::status::Ticker;
use course::Chapter;
use course::noise;
use course::subject::{self, Subject};

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

    type Flags = flags::Run;

    fn parse(given: flags::Run) -> Result<Self, Fail> {
        Ok(RunOne {
            chapter: need_chapter(Self::NAME, given.chapter)?,
            repeat: given.repeat.map_or(1, |r| r.0),
            python: given.python,
            show: TimelineOut::parse(given.timeline, given.trace_out)?,
            seed: given.seed.map(|s| s.0),
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

    type Flags = flags::RunAll;

    fn parse(given: flags::RunAll) -> Result<Self, Fail> {
        Ok(RunAll {
            repeat: given.repeat.map_or(1, |r| r.0),
            python: given.python,
            show: TimelineOut::parse(given.timeline, given.trace_out)?,
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
    // Read every rule of `If it differs` and expected log, and find every binary (or twin),
    // before anything runs: a missing or broken one is a usage error, found at once.
    let subjects = match python {
        true => subject::twins(&ctx.cargo(), selected)?,
        false => subject::chapters(&ctx.cargo(), selected)?,
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
        order_held |= passed && repeat == 1 && !s.claims.is_empty();
    }
    if order_held {
        let said = report::what_held(&noise::for_chapters(0));
        println!("{}", textfit::wrap(&said, crate::ui::term::width()));
    }
    if selected.len() > 1 || repeat > 1 {
        let what = if python { "twins" } else { "chapters" };
        println!(
            "{}",
            report::summary(ctx.opts.style, what, all_passed, total)
        );
    }
    Ok(all_passed)
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
            print!("{}", report::no_twin(style, &s.label, why));
            return Ok((false, Duration::ZERO));
        }
    };
    let rec = show.wanted().then(|| Recording::new(&s.chapter.name));
    let mut tally = noise::Tally::new(repeat, !s.claims.is_empty());
    let mut first_failure: Option<String> = None;
    for k in 1..=repeat {
        let status = Ticker::start(&s.label, (repeat > 1).then_some((k, repeat)));
        let (program, noise) = match rec.as_ref().filter(|_| k == 1) {
            Some(rec) => (program.with_env(rec.env()), None),
            // With claims of order: the noisy runs go at once, beside the plain one.
            None => (
                program.clone(),
                (!s.claims.is_empty())
                    .then(|| noise::for_chapters(seed.unwrap_or_else(noise::new_seed))),
            ),
        };
        let runs = noise::judged(
            &program,
            noise,
            ctx.opts.speed,
            limit,
            &s.expected,
            &s.claims,
        )?;
        drop(status);
        if !tally.add(&runs, noise.is_some()) {
            first_failure.get_or_insert_with(|| {
                report::runs_failed(style, s.chapter, &s.log, &runs, noise.as_ref())
            });
        }
    }
    println!("{}", report::check_line(style, &s.label, &tally));
    if let Some(why) = first_failure {
        print!("{why}");
    }
    if let Some(rec) = &rec {
        show.after(ctx, s.chapter, rec, trace);
    }
    Ok((tally.passed(), tally.total()))
}
