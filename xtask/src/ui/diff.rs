//! A unified diff of two short texts, line by line. The logs it compares are tens of lines, so
//! the plain longest-common-subsequence table is quick, and it spares the build a diff library.

/// One line of a diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change<'a> {
    Same(&'a str),
    Gone(&'a str),
    Added(&'a str),
}

/// A hunk: its `@@ -a,b +c,d @@` header and its lines.
pub struct Hunk<'a> {
    pub header: String,
    pub lines: Vec<Change<'a>>,
}

/// The changes that turn `old` into `new`: as many lines kept as can be, and where lines are
/// replaced, the old ones first.
pub fn changes<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<Change<'a>> {
    let (n, m) = (old.len(), new.len());
    // lcs[i][j]: the length of the longest common subsequence of old[i..] and new[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(n + m));
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            out.push(Change::Same(old[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(Change::Gone(old[i]));
            i += 1;
        } else {
            out.push(Change::Added(new[j]));
            j += 1;
        }
    }
    out
}

/// The changes in hunks, each with `context` unchanged lines around its changes.
pub fn hunks<'a>(old: &[&'a str], new: &[&'a str], context: usize) -> Vec<Hunk<'a>> {
    let all = changes(old, new);
    let changed: Vec<usize> = (0..all.len())
        .filter(|&k| !matches!(all[k], Change::Same(_)))
        .collect();
    let mut hunks = Vec::new();
    let mut k = 0;
    while k < changed.len() {
        // Changes closer than twice the context share a hunk.
        let mut last = k;
        while last + 1 < changed.len() && changed[last + 1] - changed[last] <= 2 * context + 1 {
            last += 1;
        }
        let from = changed[k].saturating_sub(context);
        let to = (changed[last] + context + 1).min(all.len());
        // Where the hunk starts in each text: the lines of that text before it.
        let before = |keep: fn(&Change) -> bool| all[..from].iter().filter(|c| keep(c)).count();
        let count = |keep: fn(&Change) -> bool| all[from..to].iter().filter(|c| keep(c)).count();
        let in_old: fn(&Change) -> bool = |c| !matches!(c, Change::Added(_));
        let in_new: fn(&Change) -> bool = |c| !matches!(c, Change::Gone(_));
        hunks.push(Hunk {
            header: format!(
                "@@ -{},{} +{},{} @@",
                before(in_old) + 1,
                count(in_old),
                before(in_new) + 1,
                count(in_new)
            ),
            lines: all[from..to].to_vec(),
        });
        k = last + 1;
    }
    hunks
}

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
            let parts = if line.chars().count() > room {
                let rest = line.trim_start();
                let lead = &line[..line.len() - rest.len()];
                let room = room.saturating_sub(lead.len() + 2).max(10);
                let parts = crate::ui::screen::wrap_line(rest, room);
                let more = |(k, p): (usize, String)| match k {
                    0 => format!("{lead}{p}"),
                    _ => format!("{lead}  {p}"),
                };
                parts.into_iter().enumerate().map(more).collect()
            } else {
                vec![line.to_string()]
            };
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

    #[test]
    fn a_changed_line_is_gone_then_added_with_context_around() {
        let old = ["a", "b", "c", "d", "e", "f", "g"];
        let new = ["a", "b", "c", "X", "e", "f", "g"];
        let h = hunks(&old, &new, 2);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].header, "@@ -2,5 +2,5 @@");
        use Change::*;
        assert_eq!(
            h[0].lines,
            [
                Same("b"),
                Same("c"),
                Gone("d"),
                Added("X"),
                Same("e"),
                Same("f")
            ]
        );
    }

    #[test]
    fn far_apart_changes_make_two_hunks_and_near_ones_one() {
        let old: Vec<String> = (0..20).map(|i| i.to_string()).collect();
        let old: Vec<&str> = old.iter().map(String::as_str).collect();
        let mut new = old.clone();
        new[2] = "x";
        new[15] = "y";
        assert_eq!(hunks(&old, &new, 2).len(), 2);
        new[15] = "15";
        new[6] = "y";
        assert_eq!(hunks(&old, &new, 2).len(), 1);
    }

    #[test]
    fn equal_texts_have_no_hunks_and_added_lines_are_found() {
        assert!(hunks(&["a", "b"], &["a", "b"], 2).is_empty());
        let c = changes(&["a", "c"], &["a", "b", "c"]);
        assert_eq!(c[1], Change::Added("b"));
        assert_eq!(c.len(), 3);
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
            text.contains("  @@ -1,2 +1,2 @@\n   keep\n  -the threads got one and\n"),
            "{text}"
        );
        // A wrapped line's next lines are marked as its own, not as more lines gone.
        assert!(text.contains("\n  ↪  the same value, and then\n"), "{text}");
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
