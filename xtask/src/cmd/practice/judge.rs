//! The judge: the check of an exercise, step by step (it compiles; its run shows the lesson, times
//! and claims included; its claims of order hold under schedule noise; where a schedule decides,
//! its model on the play runtime holds on every schedule of its search: `model.rs`), and what to
//! tell the student in the lesson's words. `check`, `watch` and `check-solutions` all use it.
//!
//! Schedule noise: an exercise with claims of order (`expected.order`) is run six more times at
//! once, beside its plain run, each with `common::noise` on (see `crate::noise`): run `k` holds
//! back the `k`th thread the program made at its first sleep, by a quarter to half a lesson
//! second, and jitters every sleep a little. The seed is printed; `--seed S` replays the runs.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{Exercise, Place, collect_files, std_paths};
use crate::build;
use crate::cli::{Ctx, Fail};
use crate::launch::Program;
use crate::noise;
use crate::ui::report::{GREEN, RED, render};
use crate::ui::term::Style;
use crate::verdict;

/// How one stage of the judge went.
pub struct Judgement {
    pub passed: bool,
    /// What to tell the student: the failures in the lesson's words, or what passed.
    pub report: String,
    /// The first stage that failed, if one did: `build`, `run`, `noise` or `model`.
    pub failed_at: Option<&'static str>,
    /// On a pass, what was checked, for the verdict's "Passed: ...".
    pub checked: String,
    /// On a pass, what no stage could check, if anything (said beside the verdict).
    pub gap: Option<String>,
}

impl Judgement {
    /// The report as printed: each line fitted to `width` columns (a terminal's), its next lines
    /// hanging under its text; as it is with no width (a pipe).
    pub fn report_fitted(&self, width: Option<usize>) -> String {
        crate::ui::screen::fit_all(&self.report, width)
    }

    /// The verdict's sentence on a pass: what was checked, and the gap where one remains.
    pub fn passed_says(&self) -> String {
        let mut s = format!("checked {}.", self.checked);
        if let Some(gap) = &self.gap {
            s += &format!(" Not checked: {gap}.");
        }
        s
    }
}

/// The judge's settings.
pub struct Settings {
    pub speed: f64,
    /// `--timeout`, when given; else each run's limit comes from its expected log.
    pub timeout: Option<Duration>,
    pub style: Style,
    /// Whether a check that stops early still waits for its model's build: yes on scratch
    /// copies, which are changed or removed next; no for the student, who is shown the failure
    /// at once while the build goes on (and is ready for the next check).
    pub wait_for_model: bool,
    /// The seed of the schedule noise (`--seed`); a new one for each check when `None`.
    pub seed: Option<u64>,
    /// Whether each line of the report is printed as its stage ends (`check`), not only kept
    /// for the caller to show (`watch` draws it on its screen; `check-solutions` sums it up).
    pub live: bool,
}

/// The report as the stages write it: kept, and with `live`, printed at once, fitted to the
/// terminal's width, so that a check of many seconds shows each stage as it ends.
struct Report {
    text: String,
    live: bool,
}

impl Report {
    fn new(live: bool) -> Report {
        Report {
            text: String::new(),
            live,
        }
    }
}

impl std::ops::AddAssign<&str> for Report {
    fn add_assign(&mut self, more: &str) {
        self.text += more;
        if self.live {
            use std::io::Write as _;
            print!(
                "{}",
                crate::ui::screen::fit_all(more, crate::ui::screen::width())
            );
            let _ = std::io::stdout().flush();
        }
    }
}

/// How long an exercise may run: its expected log's last time and 5 lesson seconds more (a fix
/// that waits for ever is stopped soon after its lesson should have ended), never under 5 real
/// seconds (the banks' work is CPU-bound and does not speed up).
fn run_limit(expected: &[crate::matcher::Line], speed: f64) -> Duration {
    let last = expected
        .iter()
        .filter_map(|l| match l.time {
            crate::matcher::Time::At(t) => Some(t),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    Duration::from_secs_f64((f64::from(last + 5) / speed).max(5.0))
}

impl Settings {
    pub fn of(ctx: &Ctx) -> Settings {
        Settings {
            speed: ctx.opts.speed,
            timeout: ctx.opts.timeout,
            style: ctx.opts.style,
            wait_for_model: false,
            seed: None,
            live: false,
        }
    }
}

/// The model's build, running beside the program's.
type ModelBuild = std::thread::JoinHandle<Result<build::Built, Fail>>;

/// Build, run and model-check one exercise in `place`.
pub fn exercise(place: &Place, ex: &Exercise, s: &Settings) -> Result<Judgement, Fail> {
    let mut report = Report::new(s.live);
    // The model, where there is one, builds in its own target dir while the program builds
    // and runs: on two cores a re-check costs the longer of the two, not their sum.
    // The model is on the play runtime (shuttle): `tests/play.rs`.
    let has_play = place.ws.join(&ex.folder).join("tests/play.rs").is_file();
    build::lock_in(&place.root, &place.ws)?;
    if has_play && !build::play_runtime_is_built(&place.target) {
        let note = "(this first model check also builds the play runtime, shuttle: about a \
                    minute, once)";
        println!(
            "{}",
            crate::ui::screen::wrap(note, crate::ui::screen::width())
        );
    }
    let started = Instant::now();
    let mut model_build = has_play.then(|| {
        let (ws, target, name, style) = (
            place.ws.clone(),
            place.target.clone(),
            ex.name.clone(),
            s.style,
        );
        std::thread::spawn(move || build::exercise_play_model(&ws, &target, &name, style.color))
    });
    // A check of a scratch copy that stops early still waits for the model's build: no cargo
    // is left running on a folder that is changed or removed next.
    let fail = |model_build: &mut Option<ModelBuild>, report: Report, at| {
        if let Some(b) = model_build.take().filter(|_| s.wait_for_model) {
            let _ = b.join();
        }
        Judgement {
            passed: false,
            report: report.text,
            failed_at: Some(at),
            checked: String::new(),
            gap: None,
        }
    };
    // 1. It compiles.
    let exe = match build::exercise(&place.ws, &place.target, &ex.name, s.style.color)? {
        Ok(exe) => exe,
        Err(errors) => {
            report += &format!(
                "{} it does not compile yet; the compiler says:\n{}",
                s.style.paint(RED, "✗"),
                indent(&errors)
            );
            return Ok(fail(&mut model_build, report, "build"));
        }
    };
    report += &format!(
        "{} it compiles ({:.1}s)\n",
        s.style.paint(GREEN, "✓"),
        started.elapsed().as_secs_f64()
    );
    // 2. Its run shows the lesson: the expected log, with its times and its claims, in time;
    // and where it claims an order, every claim holds on the exact times of the lines, in the
    // plain run and in the noisy runs beside it.
    let chapter = ex.as_chapter(&place.ws);
    let expected = verdict::expected(&chapter)?;
    let claims = verdict::claims(&chapter)?;
    let limit = s.timeout.unwrap_or_else(|| run_limit(&expected, s.speed));
    let seed = s.seed.unwrap_or_else(noise::new_seed);
    let noisy = (!claims.is_empty()).then(|| noise::for_exercises(seed));
    let started = Instant::now();
    let runs = noise::runs(&Program::binary(&exe), noisy, s.speed, limit);
    let took = started.elapsed();
    let mut runs = runs
        .into_iter()
        .map(|r| r.map_err(|e| Fail::Broken(format!("cannot run {}: {e}", exe.display()))));
    let r = runs.next().expect("the plain run")?;
    if let Some(why) = render(
        s.style,
        &chapter,
        &verdict::judge_with(&expected, &claims, &r),
    ) {
        report += &format!(
            "{} its run does not show the lesson ({:.1}s):\n{why}",
            s.style.paint(RED, "✗"),
            r.took.as_secs_f64()
        );
        return Ok(fail(&mut model_build, report, "run"));
    }
    report += &format!(
        "{} its run matches the lesson's log, times included{} ({:.1}s)\n",
        s.style.paint(GREEN, "✓"),
        if claims.is_empty() {
            ""
        } else {
            ", and its claims of order"
        },
        r.took.as_secs_f64()
    );
    for (k, r) in (1..).zip(runs) {
        let r = r?;
        let n = noisy.expect("noisy runs only with noise");
        if let Some(why) = render(
            s.style,
            &chapter,
            &verdict::judge_with(&expected, &claims, &r),
        ) {
            report += &format!(
                "{} under schedule noise ({}), its run does not show the lesson:\n{why}  \
                 To see it again: `cargo xtask check {} --seed {seed}`\n",
                s.style.paint(RED, "✗"),
                n.describe(k),
                ex.number
            );
            return Ok(fail(&mut model_build, report, "noise"));
        }
    }
    let mut checked = "its log and the times of its lines".to_string();
    if let Some(n) = noisy {
        let claimed = match claims.len() {
            1 => "its claim of order".to_string(),
            n => format!("its {n} claims of order"),
        };
        report += &format!(
            "{} {claimed} held in {} runs under schedule noise, each holding back another \
             thread (seed {seed}; {:.1}s for all the runs at once)\n",
            s.style.paint(GREEN, "✓"),
            n.runs,
            took.as_secs_f64()
        );
        checked += &format!(
            "; {claimed}, on the exact times of the lines, in its run and in {} runs under \
             schedule noise (seed {seed})",
            n.runs
        );
    }
    // 3. Where a schedule decides: the model on the play runtime, every schedule of shuttle's
    // depth-first search. A schedule that breaks it is drawn as `cargo xtask play` draws one,
    // and kept for `cargo xtask play --replay`.
    if has_play {
        if let Some(why) = std_sync_used(&place.ws.join(&ex.folder)) {
            report += &format!("{} {why}\n", s.style.paint(RED, "✗"));
            return Ok(fail(&mut model_build, report, "model"));
        }
        let started = Instant::now();
        let built = match model_build.take() {
            Some(b) => b
                .join()
                .map_err(|_| Fail::Broken("the model's build thread panicked".into()))?,
            None => build::exercise_play_model(&place.ws, &place.target, &ex.name, s.style.color),
        };
        match super::model::play_model(built?, place, ex, s)? {
            Ok(covered) => {
                report += &format!(
                    "{} its model on the play runtime holds on {covered} ({:.1}s)\n",
                    s.style.paint(GREEN, "✓"),
                    started.elapsed().as_secs_f64()
                );
                checked += &format!("; its model on the play runtime, on {covered}");
            }
            Err(why) => {
                report += &format!("{} {why}", s.style.paint(RED, "✗"));
                return Ok(fail(&mut model_build, report, "model"));
            }
        }
    }
    let gap = if has_play || noisy.is_some() {
        None
    } else {
        Some(
            "whether it waits for a thread or only for a time as long: this exercise claims no \
             order and has no model, so a run with the lesson's times passes"
                .to_string(),
        )
    };
    Ok(Judgement {
        passed: true,
        report: report.text,
        failed_at: None,
        checked,
        gap,
    })
}

/// A model checker sees only the sync types it swaps in: `common::sync`'s. Code that takes
/// std's directly would hang it or hide from it, so say so plainly. Every path of every file of
/// `src/` is read, `use` trees expanded (`std_paths`), comments and strings left out.
fn std_sync_used(dir: &Path) -> Option<String> {
    let mut files = Vec::new();
    collect_files(&dir.join("src"), &dir.join("src"), &mut files);
    files.into_iter().find_map(|(rel, path)| {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let found = std_paths::std_sync(&text)?;
        Some(format!(
            "src/{}:{}: `{}` is std's own, taken directly: take it from the `use \
             common::sync::...` at the top of the file (std's in a normal run, the model \
             checker's under the model), or the model checker cannot see it",
            rel.display(),
            found.line,
            found.path
        ))
    })
}

pub(super) fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| format!("    {l}\n"))
        .collect()
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
    fn a_pass_says_what_was_checked_and_what_was_not() {
        let mut j = Judgement {
            passed: true,
            report: String::new(),
            failed_at: None,
            checked: "its log and the times of its lines".into(),
            gap: None,
        };
        assert_eq!(
            j.passed_says(),
            "checked its log and the times of its lines."
        );
        j.gap = Some("whether it waits for a thread".into());
        assert!(
            j.passed_says()
                .ends_with(". Not checked: whether it waits for a thread."),
            "{}",
            j.passed_says()
        );
    }
}
