//! Text for the terminal: wrapped to its width, never breaking a word, code spans kept whole.
//! (The terminal itself, its size, modes and keys, is `term`'s.)

pub use crate::ui::term::{clear, width};

/// `text` re-flowed to `width` columns, never breaking a word: paragraphs and list items
/// (`- `, with their hanging indent) are filled line by line; a ```` ``` ```` block is kept as
/// it is. A code span (`` `Main    : before` ``) keeps its spaces and stays on one line when it
/// fits on one. With no width, the text as it is.
pub fn wrap(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    let mut out: Vec<String> = Vec::new();
    // The item being filled: its first line's prefix, the next lines' prefix, its text.
    let mut item: Option<(String, String, String)> = None;
    let mut verbatim = false;
    let flush = |item: &mut Option<(String, String, String)>, out: &mut Vec<String>| {
        if let Some((first, rest, text)) = item.take() {
            let room = width.saturating_sub(rest.chars().count()).max(1);
            let words: Vec<String> = tokens(&text)
                .into_iter()
                .flat_map(|t| {
                    // A code span wider than a line is broken at its spaces, keeping them.
                    if t.chars().count() > room && t.contains(' ') {
                        wrap_line(t, room)
                    } else {
                        vec![t.to_string()]
                    }
                })
                .collect();
            fill(&first, &rest, &words, width, out);
        }
    };
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if trimmed.starts_with("```") {
            flush(&mut item, &mut out);
            verbatim = !verbatim;
            out.push(line.to_string());
        } else if verbatim {
            out.push(line.to_string());
        } else if trimmed.is_empty() {
            flush(&mut item, &mut out);
            out.push(String::new());
        } else if let Some(rest) = trimmed.strip_prefix("- ") {
            flush(&mut item, &mut out);
            item = Some((
                format!("{indent}- "),
                format!("{indent}  "),
                rest.trim_end().to_string(),
            ));
        } else if let Some((_, _, text)) = item.as_mut() {
            text.push(' ');
            text.push_str(trimmed.trim_end());
        } else {
            item = Some((
                indent.to_string(),
                indent.to_string(),
                trimmed.trim_end().to_string(),
            ));
        }
    }
    flush(&mut item, &mut out);
    out.join("\n")
}

/// The words of `text`, split at spaces, but a code span (from a backtick to the next) is one
/// word with its spaces kept as they are.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut in_code = false;
    for (i, c) in text.char_indices() {
        if c == '`' && (in_code || text[i + 1..].contains('`')) {
            in_code = !in_code;
        }
        if c.is_whitespace() && !in_code {
            if let Some(s) = start.take() {
                out.push(&text[s..i]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Fill `words` into lines of at most `width` columns (a word longer than that gets a line of
/// its own).
fn fill(first: &str, rest: &str, words: &[String], width: usize, out: &mut Vec<String>) {
    let mut line = first.to_string();
    let mut empty = true;
    for w in words {
        let needed = line.chars().count() + usize::from(!empty) + w.chars().count();
        if !empty && needed > width {
            out.push(std::mem::replace(&mut line, rest.to_string()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(w);
        empty = false;
    }
    out.push(line);
}

/// `text` in lines of at most `width` characters, broken between words (a word longer than a
/// line is cut). The spaces inside a line are kept as they are (`Main    : ...`).
pub fn wrap_line(text: &str, width: usize) -> Vec<String> {
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
            // Colour codes take no room.
            let used = crate::ui::term::style::len(&line);
            let need = if line.is_empty() {
                0
            } else {
                gap.chars().count()
            };
            if used + need + crate::ui::term::style::len(&word) <= width {
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

/// `text` broken between words with a hanging indent: its first line at most `first` columns,
/// each next one at most `rest`, the spaces inside a line kept as they are. The one hanging
/// wrap: a log line under its time, a report's line under itself, a log in its column.
pub fn hang(text: &str, first: usize, rest: usize) -> Vec<String> {
    let lines = wrap_line(text, first);
    let (top, more) = lines.split_first().expect("wrap_line gives a line");
    let mut out = vec![top.clone()];
    let more = more.join(" ");
    if !more.is_empty() {
        out.extend(wrap_line(&more, rest));
    }
    out
}

/// A line of a report, fitted to `width`: as it is when it fits, else broken between words,
/// its next lines hanging two columns under its own indent (`✓ its run ...` under its text).
/// Colour codes take no room.
pub fn fit(line: &str, width: usize) -> Vec<String> {
    use crate::ui::term::style::len;
    let indent = line.len() - line.trim_start().len();
    if len(line) <= width || width <= indent + 12 {
        return vec![line.to_string()];
    }
    let pad = " ".repeat(indent + 2);
    let text = &line[indent..];
    hang(text, width - indent, width - indent - 2)
        .into_iter()
        .enumerate()
        .map(|(k, l)| match k {
            0 => format!("{}{l}", &line[..indent]),
            _ => format!("{pad}{l}"),
        })
        .collect()
}

/// Lines of a report, each [`fit`] to `width` and ended by a line break; as they are with no
/// width (a pipe).
pub fn fit_all(text: &str, width: Option<usize>) -> String {
    text.lines()
        .flat_map(|l| match width {
            Some(w) => fit(l, w),
            None => vec![l.to_string()],
        })
        .map(|l| l + "\n")
        .collect()
}

/// A line of a chapter's log, wrapped to `width` with a hanging indent: the continuation lines
/// start under the text, after the `HH:MM:SS: ` time (or two spaces in, for a line without one).
pub fn hanging(line: &str, width: usize) -> Vec<String> {
    let b = line.as_bytes();
    let timed = b.len() >= 10
        && [0, 1, 3, 4, 6, 7].iter().all(|&i| b[i].is_ascii_digit())
        && b[2] == b':'
        && b[5] == b':'
        && &b[8..10] == b": ";
    let (head, text, indent) = if timed {
        (&line[..10], &line[10..], 10)
    } else {
        ("", line, 2)
    };
    if line.chars().count() <= width || width <= indent + 10 {
        return vec![line.to_string()];
    }
    let pad = " ".repeat(indent);
    hang(text, width - head.len(), width - indent)
        .into_iter()
        .enumerate()
        .map(|(k, l)| {
            if k == 0 {
                format!("{head}{l}")
            } else {
                format!("{pad}{l}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
Both threads log `read 0`: each read before either wrote, so each writes 1, and the second
write overwrites the first.

- In `src/lib.rs`, replace the load, the pause and the store with one
  `self.value.fetch_add(1, Ordering::SeqCst)`: the read and the write become one step.
- Pass only the sleep.
```text
keep   this    as it is, however long it is, even past the width of the terminal
```";

    #[test]
    fn text_is_wrapped_to_the_width_without_breaking_a_word() {
        let wrapped = wrap(DOC, Some(40));
        for line in wrapped.lines().filter(|l| !l.contains("keep")) {
            assert!(line.chars().count() <= 40, "{line:?} is too long");
        }
        let words = |t: &str| t.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(words(&wrapped), words(DOC), "the same words, none broken");
        assert!(
            wrapped.contains("\n  `self.value.fetch_add(1,"),
            "{wrapped}"
        );
        assert!(wrapped.contains("\n- Pass only the sleep.\n"), "{wrapped}");
        assert!(wrapped.contains("\n\n- In `src/lib.rs`,"), "{wrapped}");
        assert!(wrapped.contains("keep   this    as it is"), "{wrapped}");
    }

    #[test]
    fn code_spans_keep_their_spaces_and_stay_whole() {
        let text = "`Main    : before joining thread 0.` comes before any thread has finished";
        let wrapped = wrap(text, Some(40));
        assert_eq!(
            wrapped,
            "`Main    : before joining thread 0.`\ncomes before any thread has finished"
        );
        // A code span broken across the doc's lines is one span, joined by one space.
        let wrapped = wrap("see `a   b\nc` here", Some(80));
        assert_eq!(wrapped, "see `a   b c` here");
        // Wider than a line, it is broken at its spaces, which are kept.
        let wrapped = wrap("x `aaaa    bbbb    cccc` y", Some(14));
        for l in wrapped.lines() {
            assert!(l.chars().count() <= 14, "{wrapped}");
        }
        assert!(wrapped.contains("aaaa    bbbb"), "{wrapped}");
        // A lone backtick is only a character.
        assert_eq!(wrap("it's a ` tick", Some(8)), "it's a `\ntick");
    }

    #[test]
    fn a_log_line_hangs_under_its_text_after_the_time() {
        let line = "00:00:04: Main    : all 2 threads finished within 2 s: no deadlock.";
        let lines = hanging(line, 40);
        assert_eq!(
            lines,
            [
                "00:00:04: Main    : all 2 threads",
                "          finished within 2 s: no",
                "          deadlock.",
            ]
        );
        assert_eq!(hanging(line, 80), [line]);
        let plain = hanging("thread 'main' panicked at src/main.rs:3:5: oh no", 20);
        assert!(plain[1].starts_with("  "), "{plain:?}");
        assert!(plain.iter().all(|l| l.chars().count() <= 20), "{plain:?}");
    }

    #[test]
    fn a_log_line_wraps_between_words_keeping_its_spaces() {
        assert_eq!(wrap_line("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap_line("one two three", 100), vec!["one two three"]);
        assert_eq!(wrap_line("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap_line("", 10), vec![""]);
        assert_eq!(
            wrap_line("Main    : thread 0 done", 12),
            vec!["Main    :", "thread 0", "done"]
        );
    }

    #[test]
    fn a_report_line_hangs_under_itself_whole_words_kept() {
        let line = "\x1b[32m✓\x1b[0m its run matches the lesson's log, times included, and its \
                    claims of order (2.0s)";
        let lines = fit(line, 80);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].ends_with("claims of order"), "{lines:?}");
        assert_eq!(lines[1], "  (2.0s)");
        let lines = fit(
            "  - a claim that is said in a great many words, more than fit",
            30,
        );
        assert!(lines[1].starts_with("    "), "{lines:?}");
        for l in &lines {
            assert!(crate::ui::term::style::len(l) <= 30, "{lines:?}");
        }
        assert_eq!(fit("short", 80), ["short"]);
    }

    #[test]
    fn a_word_longer_than_the_width_gets_a_line_of_its_own() {
        assert_eq!(wrap("a bbbbbbbbbb c", Some(5)), "a\nbbbbbbbbbb\nc");
        assert_eq!(wrap("as written", None), "as written");
    }
}
