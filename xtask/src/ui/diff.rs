//! A diff as a person reads it: the hunks of `course::align` painted, lines gone in red, lines
//! added in green, each wrapped to the terminal under its own sign.

use course::align::{Change, Hunk};
use course::matcher::{self, Line};

use crate::ui::term::Style;

/// Where the sign goes on the next lines of a line too wide for the terminal.
pub const WRAPPED: char = '↪';

/// The hunks as a person reads them: `indent` spaces in, each under its `@@` header (or, with
/// no `headers`, after a `...` between hunks), the lines gone in red after a `-`, those added in
/// green after a `+`. A line wider than `width` goes on under its text (its indent kept, two
/// more in), broken between words, so the terminal never breaks it mid-word; its next lines
/// have `↪` where the sign goes, so that they do not read as more lines gone or added.
pub fn paint(
    hunks: &[Hunk],
    indent: usize,
    headers: bool,
    style: crate::ui::term::Style,
    width: Option<usize>,
) -> String {
    use crate::ui::term::style::{CYAN, GREEN, RED};
    let pad = " ".repeat(indent);
    let room = width.map_or(usize::MAX, |w| w.saturating_sub(indent + 1).max(20));
    let mut s = String::new();
    for (k, hunk) in hunks.iter().enumerate() {
        if headers {
            s += &format!("{pad}{}\n", style.paint(CYAN, &hunk.header));
        } else if k > 0 {
            s += &format!("{pad}{}\n", style.paint(CYAN, "..."));
        }
        for change in &hunk.lines {
            let (sign, line, code) = match change {
                Change::Gone(l) => ('-', *l, Some(RED)),
                Change::Added(l) => ('+', *l, Some(GREEN)),
                Change::Same(l) => (' ', *l, None),
            };
            let parts = textfit::fit(line, room);
            for (k, part) in parts.iter().enumerate() {
                // A wrapped line's next lines are marked as its own, in its colour.
                let mark = if k == 0 { sign } else { WRAPPED };
                let text = format!("{mark}{part}");
                let text = match code {
                    Some(code) => style.paint(code, &text),
                    None => text,
                };
                s += &format!("{pad}{text}\n");
            }
        }
    }
    s
}

/// The two sides of the diff, both in the order the run printed its lines: the output as printed
/// (a line that matched written as its expected line, so a placeholder shows no difference), and
/// the expected log with the lines of each second that matched put in the order they were
/// printed (lines of one second may come in any order, so this is the same expectation). The
/// diff then shows only what is wrong, and the order the student is told to look at is the
/// order the program printed.
pub fn as_printed(
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

/// The diff of a run against its log, headed as the report says it.
pub fn unified(style: Style, expected: &[String], actual: &[String]) -> String {
    let old: Vec<&str> = expected.iter().map(String::as_str).collect();
    let new: Vec<&str> = actual.iter().map(String::as_str).collect();
    let mut s = "  --- expected (lines of the same second in the order the run printed them)\n  \
                 +++ actual, as printed\n"
        .to_string();
    s += &crate::ui::diff::paint(
        &course::align::hunks(&old, &new, 2),
        2,
        true,
        style,
        crate::ui::term::width(),
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::term::Style;
    use course::align::hunks;

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
        let diff = unified(Style::default(), &e, &a);
        assert!(diff.contains("-00:00:01: Ending value is [..]."), "{diff}");
        assert!(diff.contains("+00:00:02: Ending value is 2."), "{diff}");
        assert!(!diff.contains("-00:00:00"), "{diff}");
    }

    #[test]
    fn a_painted_line_wider_than_the_terminal_goes_on_under_its_text() {
        let old = [
            "keep",
            "the threads got one and the same value, and then wrote it back",
        ];
        let new = ["keep", "the threads got two"];
        let text = paint(&hunks(&old, &new, 1), 2, true, Style::default(), Some(30));
        assert!(text.lines().all(|l| l.chars().count() <= 30), "{text}");
        assert!(
            text.contains("  @@ -1,2 +1,2 @@\n   keep\n  -the threads got one and the\n"),
            "{text}"
        );
        // A wrapped line's next lines are marked as its own, not as more lines gone.
        assert!(text.contains("\n  ↪  same value, and then\n"), "{text}");
        assert_eq!(
            text.lines().filter(|l| l.starts_with("  -")).count(),
            1,
            "{text}"
        );
        assert!(text.ends_with("  +the threads got two\n"), "{text}");
        // Code keeps its indent, and goes on two further in.
        let code = ["    let x = 1; // a comment long enough to go past the width"];
        let text = paint(&hunks(&code, &[], 0), 0, false, Style::default(), Some(30));
        assert!(
            text.starts_with("-    let x = 1; // a comment\n↪      long"),
            "{text}"
        );
        let painted = paint(&hunks(&old, &new, 1), 0, true, Style { color: true }, None);
        assert!(
            painted.contains("\x1b[32m+the threads got two\x1b[0m"),
            "{painted}"
        );
        // Without headers, hunks are parted by `...`.
        let two = paint(
            &hunks(
                &["a", "1", "2", "3", "4", "5", "b"],
                &["x", "1", "2", "3", "4", "5", "y"],
                1,
            ),
            0,
            false,
            Style::default(),
            None,
        );
        assert_eq!(two, "-a\n+x\n 1\n...\n 5\n-b\n+y\n");
    }
}
