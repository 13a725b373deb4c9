//! A diff as a person reads it: the hunks of `course::align` painted, lines gone in red, lines
//! added in green, each wrapped to the terminal under its own sign.

use course::align::{Change, Hunk};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::term::Style;
    use course::align::hunks;

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
