//! What the runner says about a verdict: how the run ended, the lines that differ, a unified
//! diff, and the chapter's own words for the difference. It renders; `verdict` decides.

use crate::course::Chapter;
use crate::launch::End;
use crate::matcher::{self, Line};
use crate::verdict::Verdict;

/// `None` when the run passed; otherwise what went wrong, in words, with the diff.
pub fn render(color: bool, c: &Chapter, v: &Verdict) -> Option<String> {
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
        why += &explain(color, c, v);
    }
    Some(why)
}

fn explain(color: bool, c: &Chapter, v: &Verdict) -> String {
    let (expected, actual, m) = (v.expected, &v.actual, &v.outcome);
    let mut s = format!(
        "  the output differs from {}:\n",
        c.expected_log().display()
    );
    for &(i, j) in &m.wrong_time {
        s += &format!(
            "  at the wrong time: `{}` was expected at {}, came at {}\n",
            actual[j].text,
            time_of(&expected[i]),
            time_of(&actual[j])
        );
    }
    for &i in &m.missing {
        s += &format!("  missing: {}\n", expected[i]);
    }
    for &j in &m.extra {
        s += &format!("  extra:   {}\n", actual[j]);
    }
    for &j in &m.backwards {
        s += &format!("  out of order (goes back in time): {}\n", actual[j]);
    }
    let exp_text: String = expected.iter().map(|l| format!("{l}\n")).collect();
    let act_text: String = matcher::aligned(expected, actual, m)
        .into_iter()
        .map(|l| l + "\n")
        .collect();
    s += &unified_diff(color, &exp_text, &act_text);
    let fired = v.fired(c);
    if !fired.is_empty() {
        s += &format!("  {}\n", paint(color, CYAN, "what this means:"));
        for rule in fired {
            s += &format!("  - {}\n", rule.says);
        }
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

pub const RED: &str = "31";
pub const GREEN: &str = "32";
pub const CYAN: &str = "36";

pub fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn unified_diff(color: bool, expected: &str, actual: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_lines(expected, actual);
    let mut s =
        "  --- expected\n  +++ actual (same-time lines in the expected order)\n".to_string();
    for hunk in diff.unified_diff().context_radius(2).iter_hunks() {
        s += &format!("  {}\n", paint(color, CYAN, &hunk.header().to_string()));
        for change in hunk.iter_changes() {
            let line = change.value().trim_end_matches('\n');
            s += &match change.tag() {
                ChangeTag::Delete => format!("  {}\n", paint(color, RED, &format!("-{line}"))),
                ChangeTag::Insert => format!("  {}\n", paint(color, GREEN, &format!("+{line}"))),
                ChangeTag::Equal => format!("   {line}\n"),
            };
        }
    }
    s
}
