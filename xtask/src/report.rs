//! What the runner says about a verdict: how the run ended, the lines that differ, a unified
//! diff, and the chapter's own words for the difference. It renders; `verdict` decides.

use std::path::Path;

use crate::course::Chapter;
use crate::launch::End;
use crate::matcher::{self, Line};
use crate::verdict::Verdict;

/// `None` when the run passed; otherwise what went wrong, in words, with the diff.
pub fn render(color: bool, c: &Chapter, v: &Verdict) -> Option<String> {
    render_against(color, c, &c.expected_log(), v)
}

/// [`render`], for a run checked against the log at `log` (a twin's).
pub fn render_against(color: bool, c: &Chapter, log: &Path, v: &Verdict) -> Option<String> {
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
        why += &explain(color, c, log, v);
    }
    Some(why)
}

fn explain(color: bool, c: &Chapter, log: &Path, v: &Verdict) -> String {
    let (expected, actual, m) = (v.expected, &v.actual, &v.outcome);
    let mut s = format!("  the output differs from {}:\n", log.display());
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

/// The terminal's width in columns: `COLUMNS` when it is set, else the terminal's own (asked of
/// `stty`, when stdout is a terminal), else 80.
pub fn width() -> usize {
    use std::io::IsTerminal;
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse().ok());
    let from_tty = || {
        if !std::io::stdout().is_terminal() {
            return None;
        }
        let tty = std::fs::File::open("/dev/tty").ok()?;
        let out = std::process::Command::new("stty")
            .arg("size")
            .stdin(tty)
            .output()
            .ok()?;
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    };
    from_env
        .or_else(from_tty)
        .filter(|&w: &usize| w > 0)
        .unwrap_or(80)
        .max(40)
}

/// `text` in lines of at most `width` characters, broken between words (a word longer than a
/// line is cut). The spaces inside a line are kept as they are (`Main    : ...`).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    // Each word with the spaces before it.
    let mut rest = text.trim();
    while !rest.is_empty() {
        let gap_len = rest.len() - rest.trim_start().len();
        let (gap, after) = rest.split_at(gap_len);
        let word_len = after.find(char::is_whitespace).unwrap_or(after.len());
        let (word, after) = after.split_at(word_len);
        rest = after;
        let mut word = word.to_string();
        let mut gap = gap.to_string();
        loop {
            let used = line.chars().count();
            let need = if line.is_empty() {
                0
            } else {
                gap.chars().count()
            };
            if used + need + word.chars().count() <= width {
                if !line.is_empty() {
                    line += &gap;
                }
                line += &word;
                break;
            }
            if line.is_empty() {
                // A word longer than the line: cut it.
                lines.push(word.chars().take(width).collect());
                word = word.chars().skip(width).collect();
            } else {
                lines.push(std::mem::take(&mut line));
                gap.clear();
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_between_words_and_cuts_only_a_word_too_long() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("one two three", 100), vec!["one two three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(
            wrap("Main    : thread 0 done", 12),
            vec!["Main    :", "thread 0", "done"]
        );
        for l in wrap(
            "a few words, of which one is unbelievably-long-and-unbroken",
            12,
        ) {
            assert!(l.chars().count() <= 12, "{l}");
        }
    }
}
