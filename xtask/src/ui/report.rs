//! What the runner says about a verdict: how the run ended, the lines that differ, a unified
//! diff, and the chapter's own words for the difference. It renders; `verdict` decides.

use std::path::Path;

use crate::course::Chapter;
use crate::launch::End;
use crate::matcher::{self, Line};
use crate::ui::term::Style;
use crate::verdict::Verdict;

/// `None` when the run passed; otherwise what went wrong, in words, with the diff.
pub fn render(style: Style, c: &Chapter, v: &Verdict) -> Option<String> {
    render_against(style, c, &c.expected_log(), v)
}

/// [`render`], for a run checked against the log at `log` (a twin's).
pub fn render_against(style: Style, c: &Chapter, log: &Path, v: &Verdict) -> Option<String> {
    if v.passed() {
        return None;
    }
    let r = v.run;
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
        why += &explain(style, c, log, v);
    }
    if !v.order.is_empty() {
        why += &format!("  {}\n", style.paint(CYAN, "a claim of order broke:"));
        for w in v.order_words() {
            why += &said(&format!("- {w}"), 2, crate::ui::screen::width());
        }
    }
    Some(why)
}

fn explain(style: Style, c: &Chapter, log: &Path, v: &Verdict) -> String {
    let (expected, actual, m) = (v.expected, &v.actual, &v.outcome);
    let width = crate::ui::screen::width();
    let mut s = said(
        &format!("the output differs from {}:", log.display()),
        2,
        width,
    );
    for &(i, j) in &m.wrong_time {
        let line = format!(
            "at the wrong time: `{}` was expected at {}, came at {}",
            actual[j].text,
            time_of(&expected[i]),
            time_of(&actual[j])
        );
        s += &said(&line, 2, width);
    }
    for &i in &m.missing {
        s += &said(&format!("missing: {}", expected[i]), 9, width);
    }
    for &j in &m.extra {
        s += &said(&format!("extra:   {}", actual[j]), 9, width);
    }
    for &j in &m.backwards {
        s += &said(
            &format!("out of order (goes back in time): {}", actual[j]),
            2,
            width,
        );
    }
    let (exp_lines, act_lines) = as_printed(expected, actual, m);
    s += &unified_diff(style, &exp_lines, &act_lines);
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
    let Some(width) = width.filter(|w| *w > 2 + more + 20) else {
        return format!("  {text}\n");
    };
    let pad = " ".repeat(more);
    let mut s = String::new();
    for (k, l) in crate::ui::screen::hang(text, width - 2, width - 2 - more)
        .iter()
        .enumerate()
    {
        s += &if k == 0 {
            format!("  {l}\n")
        } else {
            format!("  {pad}{l}\n")
        };
    }
    s
}

fn time_of(l: &Line) -> String {
    match l.time {
        matcher::Time::At(t) => matcher::hms(t),
        matcher::Time::Any => "any time".into(),
        matcher::Time::None => "no time".into(),
    }
}

pub use crate::ui::term::style::{CYAN, GREEN, RED};

/// The two sides of the diff, both in the order the run printed its lines: the output as printed
/// (a line that matched written as its expected line, so a placeholder shows no difference), and
/// the expected log with the lines of each second that matched put in the order they were
/// printed (lines of one second may come in any order, so this is the same expectation). The
/// diff then shows only what is wrong, and the order the student is told to look at is the
/// order the program printed.
fn as_printed(
    expected: &[Line],
    actual: &[Line],
    m: &matcher::Matching,
) -> (Vec<String>, Vec<String>) {
    let mut owner = vec![None; actual.len()];
    for (i, p) in m.pairs.iter().enumerate() {
        if let Some(j) = p {
            owner[*j] = Some(i);
        }
    }
    let printed = (0..actual.len())
        .map(|j| match owner[j] {
            Some(i) => expected[i].to_string(),
            None => actual[j].to_string(),
        })
        .collect();
    let mut order: Vec<usize> = (0..expected.len()).collect();
    let mut start = 0;
    while start < expected.len() {
        // A run of expected lines at the same second: its matched lines, by printing order.
        let same = |i: &usize| expected[*i].time == expected[start].time;
        let end = start + (start..expected.len()).take_while(same).count();
        if matches!(expected[start].time, matcher::Time::At(_)) {
            let slots: Vec<usize> = (start..end).filter(|&i| m.pairs[i].is_some()).collect();
            let mut by_print = slots.clone();
            by_print.sort_by_key(|&i| m.pairs[i]);
            for (slot, i) in slots.into_iter().zip(by_print) {
                order[slot] = i;
            }
        }
        start = end;
    }
    let expected = order.into_iter().map(|i| expected[i].to_string()).collect();
    (expected, printed)
}

fn unified_diff(style: Style, expected: &[String], actual: &[String]) -> String {
    let old: Vec<&str> = expected.iter().map(String::as_str).collect();
    let new: Vec<&str> = actual.iter().map(String::as_str).collect();
    let mut s = "  --- expected (lines of the same second in the order the run printed them)\n  \
                 +++ actual, as printed\n"
        .to_string();
    s += &crate::ui::diff::paint(
        &crate::ui::diff::hunks(&old, &new, 2),
        2,
        true,
        style,
        crate::ui::screen::width(),
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_diff_keeps_the_order_the_run_printed_and_shows_only_what_is_wrong() {
        let expected = matcher::parse_expected(
            "00:00:00: Thread 0 has lock\n00:00:00: Thread 0 about to release lock\n\
             00:00:00: Thread 1 has lock\n00:00:01: Ending value is [..].\n",
        )
        .unwrap();
        let actual = matcher::parse_output(
            "00:00:00: Thread 1 has lock\n00:00:00: Thread 0 has lock\n\
             00:00:00: Thread 0 about to release lock\n00:00:02: Ending value is 2.\n",
        );
        let m = matcher::check(&expected, &actual);
        assert!(!m.passed(), "the last line came a second late");
        let (e, a) = as_printed(&expected, &actual, &m);
        assert_eq!(
            a,
            [
                "00:00:00: Thread 1 has lock",
                "00:00:00: Thread 0 has lock",
                "00:00:00: Thread 0 about to release lock",
                "00:00:02: Ending value is 2.",
            ],
            "as printed"
        );
        assert_eq!(
            e[..3],
            a[..3],
            "the same second's lines in the printed order: no difference"
        );
        assert_eq!(e[3], "00:00:01: Ending value is [..].");
        let diff = unified_diff(Style::default(), &e, &a);
        assert!(diff.contains("-00:00:01: Ending value is [..]."), "{diff}");
        assert!(diff.contains("+00:00:02: Ending value is 2."), "{diff}");
        assert!(!diff.contains("-00:00:00"), "{diff}");
    }
}
