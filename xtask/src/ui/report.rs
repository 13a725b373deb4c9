//! What the runner says about a verdict: how the run ended, the lines that differ, a unified
//! diff, and the chapter's own words for the difference. It renders; `verdict` decides.

use std::path::Path;
use std::time::Duration;

use course::Chapter;
use course::build::Note;
use course::launch::{Echo, End};
use course::matcher::{self, Line};
use course::noise::{Judged, Noise, Tally};
use course::verdict::Verdict;

use crate::ui::term::Style;
use crate::ui::term::style::{CYAN, GREEN, RED};

/// `None` when the run passed; otherwise what went wrong, in words, with the diff.
pub fn render(style: Style, c: &Chapter, v: &Verdict) -> Option<String> {
    render_against(style, c, &c.expected_log(), v)
}

/// [`render`] in at most `rows` lines where it can (`check` on a terminal: what is left of the
/// screen), `more` saying where to see it all: left out until it fits, the diff first (the
/// list above it names the same lines), then the list's last lines; what the difference means
/// in the lesson's words always stays.
pub fn render_within(
    style: Style,
    c: &Chapter,
    v: &Verdict,
    rows: Option<usize>,
    more: &str,
) -> Option<String> {
    let log = c.expected_log();
    let lines = |s: &str| {
        textfit::fit_all(s, crate::ui::term::width())
            .lines()
            .count()
    };
    let full = render_fit(style, c, &log, v, Fit::ALL)?;
    let Some(rows) = rows.filter(|&r| lines(&full) > r) else {
        return Some(full);
    };
    let listed = v.outcome.wrong_time.len()
        + v.outcome.missing.len()
        + v.outcome.extra.len()
        + v.outcome.backwards.len();
    let mut best = full;
    for list in (1..=listed).rev() {
        let fit = Fit { diff: false, list };
        let left = match list < listed {
            true => format!("the diff and {} of the lines that differ", listed - list),
            false => "the diff".to_string(),
        };
        let mut s = render_fit(style, c, &log, v, fit)?;
        s += &said(
            &format!("(left out to fit the screen: {left}; {more} shows it all)"),
            1,
            crate::ui::term::width(),
        );
        best = s;
        if lines(&best) <= rows {
            break;
        }
    }
    Some(best)
}

/// What of a failed run's explanation is said: the diff or not, and at most `list` of the
/// lines that differ.
#[derive(Clone, Copy)]
struct Fit {
    diff: bool,
    list: usize,
}

impl Fit {
    const ALL: Fit = Fit {
        diff: true,
        list: usize::MAX,
    };
}

/// [`render`], for a run checked against the log at `log` (a twin's).
pub fn render_against(style: Style, c: &Chapter, log: &Path, v: &Verdict) -> Option<String> {
    render_fit(style, c, log, v, Fit::ALL)
}

fn render_fit(style: Style, c: &Chapter, log: &Path, v: &Verdict, fit: Fit) -> Option<String> {
    if v.passed() {
        return None;
    }
    let r = &v.run;
    let mut why = String::new();
    match r.end {
        End::Exited(Some(0)) => {}
        End::Exited(code) => {
            why += &match code {
                Some(n) => format!("  the chapter exited with code {n}\n"),
                None => "  the chapter was killed by a signal\n".to_string(),
            };
        }
        End::TimedOut(d) => {
            why += &format!(
                "  timed out: still running after {}, so it was killed (a chapter must end by itself)\n",
                humantime::format_duration(d)
            );
        }
    }
    if !r.stderr.trim().is_empty() && !r.ended_normally() {
        why += "  its stderr:\n";
        for l in r.stderr.trim().lines() {
            why += &format!("    {l}\n");
        }
    }
    if !v.outcome.passed() {
        why += &explain(style, c, log, v, fit);
    }
    if !v.order.is_empty() {
        why += &format!("  {}\n", style.paint(CYAN, "a claim of order broke:"));
        for w in order_words(v) {
            why += &said(&format!("- {w}"), 2, crate::ui::term::width());
        }
    }
    Some(why)
}

/// Why a chapter's runs did not show the lesson (they failed: [`Judged::passed`] decides): the
/// plain run's verdict in words, or the noisy run's, with the noise that held its thread back
/// and how to see it again.
pub fn runs_failed(
    style: Style,
    c: &Chapter,
    log: &Path,
    runs: &Judged,
    noise: Option<&Noise>,
) -> String {
    let failed = |v| render_against(style, c, log, v).unwrap_or_default();
    let Some((k, v)) = runs.noisy.as_ref().filter(|_| runs.plain.passed()) else {
        return failed(&runs.plain);
    };
    let Some(noise) = noise else {
        return format!("  in noisy run {k}:\n{}", failed(v));
    };
    format!(
        "  under schedule noise ({}):\n{}  to see it again: `cargo xtask run {} --seed {}`\n",
        held_back(noise, *k),
        failed(v),
        c.short(),
        noise.seed
    )
}

/// What a run of the tour showed against its chapter's log `log` (as the student finds it), in
/// words: a sentence, and under it, when the run differs, what changed; or why there is nothing
/// to compare with.
pub fn tour_verdict(
    style: Style,
    c: &Chapter,
    log: &Path,
    expected: course::Result<Vec<Line>>,
    run: course::launch::Run,
) -> (String, Option<String>) {
    let expected = match expected {
        Ok(expected) => expected,
        Err(why) => return (format!("Nothing to compare with: {why}"), None),
    };
    match render_against(style, c, log, &course::verdict::judge(&expected, run)) {
        None => (
            format!(
                "{}: every line matched {}, times included.",
                style.paint(GREEN, "The lesson showed"),
                log.display()
            ),
            None,
        ),
        Some(why) => (
            format!(
                "{}; if you changed the code, this is what changed:",
                style.paint(RED, "This run differs from the lesson's log")
            ),
            Some(why),
        ),
    }
}

/// A chapter's line: its name, `ok` or `FAILED`, its time and what showed; over repeats, how
/// many passed and the shortest and longest run.
pub fn check_line(style: Style, label: &str, t: &Tally) -> String {
    // Padded before it is painted: the colour codes take no room on the screen.
    let status = if t.passed() {
        style.paint(GREEN, "ok    ")
    } else {
        style.paint(RED, "FAILED")
    };
    if t.repeat == 1 {
        let what = if t.passed() && t.order_held {
            // What was checked beyond the log: its claims of order, in the noisy runs too
            // (said in words after the lines).
            "the lesson showed, and its order held"
        } else if t.passed() {
            "the lesson showed"
        } else {
            "the lesson did not show:"
        };
        format!(
            "{label:<22} {status} {:>6.2}s  {what}",
            t.total().as_secs_f64()
        )
    } else {
        let min = t.times.iter().min().copied().unwrap_or_default();
        let max = t.times.iter().max().copied().unwrap_or_default();
        format!(
            "{label:<22} {status} {}/{} passed ({:.2}s to {:.2}s a run)",
            t.passes,
            t.repeat,
            min.as_secs_f64(),
            max.as_secs_f64()
        )
    }
}

/// The line of a chapter that has no twin to check, and what to do.
pub fn no_twin(style: Style, label: &str, why: &course::Error) -> String {
    format!(
        "{label:<22} {}\n  {why}; write it (python/README.md says how)\n",
        style.paint(RED, "FAILED")
    )
}

/// The last line of a check of more than one: all passed, or some failed, and the time.
pub fn summary(style: Style, what: &str, all_passed: bool, total: Duration) -> String {
    format!(
        "{} in {:.1}s",
        if all_passed {
            style.paint(GREEN, &format!("all {what} passed"))
        } else {
            style.paint(RED, &format!("some {what} FAILED"))
        },
        total.as_secs_f64()
    )
}

/// The claims of order the run broke, in words: the two lines, then the lesson's words.
pub fn order_words(v: &Verdict) -> Vec<String> {
    v.order
        .iter()
        .map(|b| {
            format!(
                "{} ({}; the claim: {})",
                b.claim.says,
                b.shown(),
                b.claim.stated()
            )
        })
        .collect()
}

/// What a chapter's claims of order holding under noise means, in words, for the line that
/// says "its order held" (a word the student has not been taught yet).
pub fn what_held(n: &Noise) -> String {
    let secs = |d: Duration| format!("{}", d.as_secs_f64());
    format!(
        "\"its order held\": the lines its expected.order puts in order (a thread's last \
         line before the join that waits for it, say) came in that order in its run and \
         in {} more runs beside it, each holding one thread back at its first sleep by {} \
         to {} lesson seconds (seconds of the lesson's clock, which its log's times count: \
         at the default speed each is a real second). A chapter that waited for a time as \
         long as the thread's, in place of waiting for the thread, would break that order \
         there.",
        n.runs,
        secs(n.hold),
        secs(n.hold * 2)
    )
}

/// Which thread noisy run `k` holds back, and by how much, in words.
pub fn held_back(n: &Noise, k: u64) -> String {
    let who = match k {
        1 => "`main`".to_string(),
        k => format!("the {} thread `main` started", ordinal(k - 1)),
    };
    format!(
        "seed {}, run {k} of {}: {who} held back at its first sleep",
        n.seed, n.runs
    )
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

/// What a build says beside cargo's output, on stderr, wrapped to the terminal.
pub fn build_note(note: Note) {
    for line in textfit::wrap_line(&build_words(note), crate::ui::term::width().unwrap_or(80)) {
        eprintln!("{line}");
    }
}

/// A build's note in words. No figure is given before the first build of the play runtime: it
/// took 26 s on this machine's 2 cores at load 3.7 (`rm -rf target/play`, then `cargo xtask
/// play ch04 --moves 1`), and a student measured 85 to 90 s; its own time is said after it.
fn build_words(note: Note) -> String {
    match note {
        Note::FirstPlayRuntime { progress } => format!(
            "Building the play runtime (the chapters under shuttle, in target/play), once: the \
             first build compiles shuttle and every chapter under it, the course's longest \
             build; later ones reuse it.{}",
            if progress {
                " Cargo's progress shows below."
            } else {
                ""
            }
        ),
        Note::PlayRuntimeBuilt(took) => {
            format!("Built the play runtime in {:.0} s.", took.as_secs_f64())
        }
    }
}

/// A chapter's lines printed as they come, for a person watching: on a terminal each wrapped
/// under its text after the time.
pub fn echo() -> Echo {
    let width = crate::ui::term::width();
    Echo::Each(Box::new(move |l: &str| match width {
        Some(w) => {
            for part in textfit::log_line(l.trim_end_matches('\n'), w) {
                println!("{part}");
            }
        }
        None => print!("{l}"),
    }))
}

fn explain(style: Style, c: &Chapter, log: &Path, v: &Verdict, fit: Fit) -> String {
    let (expected, actual, m) = (&v.expected, &v.actual, &v.outcome);
    let width = crate::ui::term::width();
    let mut s = said(
        &format!("the output differs from {}:", log.display()),
        2,
        width,
    );
    let mut listed: Vec<String> = Vec::new();
    for &(i, j) in &m.wrong_time {
        let line = format!(
            "at the wrong time: `{}` was expected at {}, came at {}",
            actual[j].text,
            time_of(&expected[i]),
            time_of(&actual[j])
        );
        listed.push(said(&line, 2, width));
    }
    for &i in &m.missing {
        listed.push(said(&format!("missing: {}", expected[i]), 9, width));
    }
    for &j in &m.extra {
        listed.push(said(&format!("extra:   {}", actual[j]), 9, width));
    }
    for &j in &m.backwards {
        listed.push(said(
            &format!("out of order (goes back in time): {}", actual[j]),
            2,
            width,
        ));
    }
    s += &listed.iter().take(fit.list).cloned().collect::<String>();
    if fit.diff {
        let (exp_lines, act_lines) = crate::ui::diff::as_printed(expected, actual, m);
        s += &crate::ui::diff::unified(style, &exp_lines, &act_lines);
    }
    let mut words: Vec<String> = v.fired(c).into_iter().map(|r| r.says).collect();
    if let Some(limit) = v.cut_off() {
        words.insert(
            0,
            format!(
                "the run was cut off after {}, before it could show the lesson: the lines it had \
                 not printed yet are missing because it was killed, not because the lesson failed",
                humantime::format_duration(limit)
            ),
        );
    }
    if !words.is_empty() {
        s += &format!("  {}\n", style.paint(CYAN, "what this means:"));
        for w in words {
            s += &said(&format!("- {w}"), 2, width);
        }
    }
    s
}

/// A line of the report: two spaces in, wrapped to `width` when there is one, its next lines
/// `more` spaces further in. The spaces inside it are kept (`Main    : ...`).
fn said(text: &str, more: usize, width: Option<usize>) -> String {
    let Some(width) = width else {
        return format!("  {text}\n");
    };
    let rest = " ".repeat(2 + more);
    textfit::hang(text, width, "  ", &rest)
        .into_iter()
        .map(|l| l + "\n")
        .collect()
}

fn time_of(l: &Line) -> String {
    match l.time {
        matcher::Time::At(t) => matcher::hms(t),
        matcher::Time::Any => "any time".into(),
        matcher::Time::None => "no time".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_noisy_run_says_whom_it_held_back() {
        let n = course::noise::for_exercises(7);
        assert_eq!(
            held_back(&n, 1),
            "seed 7, run 1 of 6: `main` held back at its first sleep"
        );
        assert!(held_back(&n, 3).contains("the second thread `main` started"));
    }

    #[test]
    fn a_line_of_the_report_wraps_under_itself() {
        let text = "- the threads did not sleep side by side: one started only when the one before had finished";
        let s = said(text, 2, Some(40));
        assert!(s.lines().all(|l| l.chars().count() <= 40), "{s}");
        assert!(s.starts_with("  - the threads"), "{s}");
        assert!(s.lines().skip(1).all(|l| l.starts_with("    ")), "{s}");
        assert_eq!(
            said("extra:   00:00:00: Main    : x", 9, None),
            "  extra:   00:00:00: Main    : x\n"
        );
    }

    /// The first build of the play runtime said "about a minute" and took 85 to 90 s for a
    /// student: it gives no figure before, shows cargo's progress where it can, and says its
    /// own time after.
    #[test]
    fn the_play_runtimes_first_build_says_its_time_after_not_a_guess_before() {
        let before = build_words(Note::FirstPlayRuntime { progress: true });
        assert!(!before.contains("minute"), "{before}");
        assert!(
            before.ends_with("Cargo's progress shows below."),
            "{before}"
        );
        let piped = build_words(Note::FirstPlayRuntime { progress: false });
        assert!(!piped.contains("progress"), "{piped}");
        let after = build_words(Note::PlayRuntimeBuilt(std::time::Duration::from_secs(87)));
        assert_eq!(after, "Built the play runtime in 87 s.");
    }

    /// A check's pass is the library's (`Judged::passed`, counted by `noise::Tally`), and the
    /// ui has words for every runs it fails: the noisy run that failed beside a plain run that
    /// passed, with no noise to name, was a pass to the ui (no words) and a failure to the
    /// library.
    #[test]
    fn runs_the_library_fails_are_failed_in_words_and_not_counted() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap();
        let chapters = course::discover(&root.join("chapters")).unwrap();
        let c = &chapters[0];
        let expected = course::matcher::parse_expected("00:00:01: Main    : done\n").unwrap();
        let run = |stdout: &str| course::launch::Run {
            stdout: stdout.into(),
            stderr: String::new(),
            took: Duration::from_secs(1),
            end: End::Exited(Some(0)),
        };
        let judge = |stdout| course::verdict::judge(&expected, run(stdout));
        let runs = Judged {
            plain: judge("00:00:01: Main    : done\n"),
            noisy: Some((2, judge("00:00:01: Main    : gone\n"))),
            took: Duration::from_secs(1),
        };
        let mut tally = Tally::new(1, true);
        assert!(!tally.add(&runs, true));
        assert!(!tally.passed());
        let why = runs_failed(Style::default(), c, &c.expected_log(), &runs, None);
        assert!(
            why.contains("in noisy run 2") && why.contains("missing: 00:00:01: Main    : done"),
            "{why}"
        );
        let plain = Judged {
            noisy: None,
            ..runs
        };
        assert!(Tally::new(1, false).add(&plain, false));
    }

    /// `check 7` with a deadlocking answer printed 45 lines, its top off a screen of 24: in
    /// the rows left, the diff goes first, then the list's last lines; what it means stays.
    #[test]
    fn a_failed_run_fits_the_rows_left_keeping_what_it_means() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap();
        let chapters = course::discover(&root.join("chapters")).unwrap();
        let c = chapters.iter().find(|c| c.name == "ch07_deadlock").unwrap();
        let stdout = "\
00:00:00: Thread B: move 20 from account 2 to account 1
00:00:00: Thread A: move 10 from account 1 to account 2
00:00:02: Main    : deadlock detected: Thread A holds account 1 and waits for account 2
00:00:02: Main    : deadlock detected: Thread B holds account 2 and waits for account 1
00:00:02: Main    : 2 threads stay blocked, never joined; main returns and they end
";
        let expected = course::verdict::expected(c).unwrap();
        // Only the lines of the two transfers: the log's part this run is about.
        let expected: Vec<_> = expected
            .into_iter()
            .filter(|l| !l.text.contains("Thread 0") && !l.text.contains("Thread C"))
            .collect();
        let run = course::launch::Run {
            stdout: stdout.into(),
            stderr: String::new(),
            took: std::time::Duration::from_secs(2),
            end: course::launch::End::Exited(Some(0)),
        };
        let v = course::verdict::judge(&expected, run);
        let more = "`cargo xtask watch 7`";
        let whole = render_within(Style::default(), c, &v, None, more).unwrap();
        assert!(whole.contains("--- expected"), "{whole}");
        let rows = whole.lines().count() - 8;
        let short = render_within(Style::default(), c, &v, Some(rows), more).unwrap();
        assert!(short.lines().count() <= rows, "{short}");
        assert!(!short.contains("--- expected"), "{short}");
        assert!(short.contains("what this means:"), "{short}");
        assert!(
            short.contains("(left out to fit the screen: the diff")
                && short.contains("`cargo xtask watch 7` shows it all)"),
            "{short}"
        );
    }
}
