//! Text fitted to a terminal's width, written once for the runner and its timeline: how many
//! columns a text takes ([`width`]), a line broken between words under a hanging indent
//! ([`hang`]; [`wrap_line`] without one), a report's line hanging under itself ([`fit`]), a log
//! line under its time ([`log_line`]), a lesson's doc re-flowed ([`wrap`]), and a frame's line
//! cut at the screen's edge ([`cut`]). It returns lines; it never prints.
//!
//! The rules, the same everywhere: colour codes (`ESC [ ... m`) take no room, a wide character
//! takes two columns and a combining one none; a line breaks only at a space, and the spaces
//! inside a line are kept as written (`Main    : ...`); a code span (`` `Main    : before` ``)
//! is one word with its spaces, broken at them only when it is wider than a line; a word wider
//! than a line is broken at the width (on a full screen the frame would cut it off).

use unicode_width::UnicodeWidthChar;

/// The fewest columns a line's text gets after an indent: on a terminal narrower than the
/// indent and this, the lines run past its edge rather than one word a line.
const MIN_ROOM: usize = 10;

/// The pieces of `text` as they show: a colour code (no columns) or a character, each with its
/// columns.
fn units(text: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        let (len, cols) = if c == '\x1b' {
            // `ESC [` and its parameters, to the final letter.
            let end = rest
                .char_indices()
                .skip(1)
                .find(|(_, c)| c.is_ascii_alphabetic())
                .map_or(rest.len(), |(i, c)| i + c.len_utf8());
            (end, 0)
        } else {
            (c.len_utf8(), c.width().unwrap_or(0))
        };
        let (unit, after) = rest.split_at(len);
        rest = after;
        Some((unit, cols))
    })
}

/// How many columns `text` takes on a terminal: its colour codes none, a wide character (`日`)
/// two, a combining one (the accent of `é` written as `e` and U+0301) none.
pub fn width(text: &str) -> usize {
    units(text).map(|(_, cols)| cols).sum()
}

/// `text` without its colour codes.
pub fn strip(text: &str) -> String {
    units(text)
        .filter(|(u, _)| !u.starts_with('\x1b'))
        .map(|(u, _)| u)
        .collect()
}

/// `text` cut to `columns`, its colour codes kept (a reset after the cut still resets). For a
/// frame's edge only: what a student must read is wrapped, never cut.
pub fn cut(text: &str, columns: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut shown = 0;
    let mut full = false;
    for (unit, cols) in units(text) {
        if unit.starts_with('\x1b') {
            out.push_str(unit);
        } else if !full && shown + cols <= columns {
            out.push_str(unit);
            shown += cols;
        } else {
            // What follows a character left out is left out too, its accents with it.
            full = true;
        }
    }
    out
}

/// Whether `c` is a space a line may break at (a no-break space is not one).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The words of `text`, each with the spaces before it. With `code`, a code span (from a
/// backtick to the next one) is one word, its spaces kept in it; a lone backtick is a character.
fn words(text: &str, code: bool) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut gap = 0;
    let mut start: Option<usize> = None;
    let mut in_code = false;
    for (i, c) in text.char_indices() {
        if code && c == '`' && (in_code || text[i + 1..].contains('`')) {
            in_code = !in_code;
        }
        if is_space(c) && !in_code {
            if let Some(s) = start.take() {
                out.push((&text[gap..s], &text[s..i]));
                gap = i;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((&text[gap..s], &text[s..]));
    }
    out
}

/// Lines being filled: the one begun, and those done.
struct Lines<'a> {
    width: usize,
    rest: &'a str,
    done: Vec<String>,
    line: String,
    /// The columns of the begun line's text, after its indent, and the room it has.
    used: usize,
    room: usize,
    empty: bool,
}

impl<'a> Lines<'a> {
    fn new(width: usize, first: &str, rest: &'a str) -> Lines<'a> {
        Lines {
            width,
            rest,
            done: Vec::new(),
            line: first.to_string(),
            used: 0,
            room: room(width, first),
            empty: true,
        }
    }

    fn next_line(&mut self) {
        let line = std::mem::replace(&mut self.line, self.rest.to_string());
        self.done.push(line);
        (self.used, self.empty) = (0, true);
        self.room = room(self.width, self.rest);
    }

    /// Put `word` on the line after `gap`, or on the next line without it.
    fn put(&mut self, gap: &str, word: &str) {
        // Spaces are kept as written; a tab or a line's end between words is one space.
        let gap = if gap.chars().all(|c| c == ' ') {
            gap
        } else {
            " "
        };
        let cols = width(word);
        if !self.empty && self.used + gap.len() + cols <= self.room {
            self.line.push_str(gap);
            self.line.push_str(word);
            self.used += gap.len() + cols;
            return;
        }
        let full = room(self.width, self.rest);
        if word.contains(is_space) && cols > full {
            // A code span wider than a line: broken at its spaces into pieces as wide as a line
            // (the spaces inside each kept), each put as a word.
            let mut pieces = Lines::new(full, "", "");
            for (gap, part) in words(word, false) {
                pieces.put(gap, part);
            }
            for (k, piece) in pieces.end().iter().enumerate() {
                self.put(if k == 0 { gap } else { " " }, piece);
            }
            return;
        }
        if !self.empty {
            self.next_line();
        }
        if cols <= self.room {
            self.line.push_str(word);
            (self.used, self.empty) = (cols, false);
        } else {
            // A word wider than a line: broken at the width.
            for (unit, cols) in units(word) {
                if self.used > 0 && self.used + cols > self.room {
                    self.next_line();
                }
                self.line.push_str(unit);
                self.used += cols;
                self.empty = false;
            }
        }
    }

    fn end(mut self) -> Vec<String> {
        self.done.push(self.line);
        self.done
    }
}

/// The room for a line's text after `indent` in `width` columns.
fn room(width: usize, indent: &str) -> usize {
    let room = width.saturating_sub(self::width(indent));
    if room < MIN_ROOM {
        MIN_ROOM.min(width).max(1)
    } else {
        room
    }
}

/// One line of `text` broken between words into lines of at most `width` columns, the first
/// after `first`, the next ones after `rest` (a hanging indent: a label, a list item's dash,
/// a log line's time). Its spaces at either end are dropped, those inside kept.
pub fn hang(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Lines::new(width, first, rest);
    for (gap, word) in words(text, true) {
        lines.put(gap, word);
    }
    lines.end()
}

/// `text` after `label` (`    next  `), its next lines under the text, not under the label:
/// [`hang`] with the label's width of spaces.
pub fn under(label: &str, text: &str, width: usize) -> Vec<String> {
    hang(text, width, label, &" ".repeat(self::width(label)))
}

/// One line of `text` broken between words into lines of at most `width` columns: [`hang`]
/// with no indent.
pub fn wrap_line(text: &str, width: usize) -> Vec<String> {
    hang(text, width, "", "")
}

/// Each line of `text` (a report's), fitted to `width`: as it is when it fits, else broken
/// between words, its next lines hanging two columns under its own indent (`✓ its run ...`
/// under its text).
pub fn fit(text: &str, width: usize) -> Vec<String> {
    if text.is_empty() {
        return vec![String::new()];
    }
    text.lines()
        .flat_map(|line| {
            if self::width(line) <= width {
                return vec![line.to_string()];
            }
            let words = line.trim_start();
            let indent = &line[..line.len() - words.len()];
            hang(words, width, indent, &format!("{indent}  "))
        })
        .collect()
}

/// Each line of `text` [`fit`] to `width` and ended by a line break; as it is with no width (a
/// pipe).
pub fn fit_all(text: &str, width: Option<usize>) -> String {
    text.lines()
        .flat_map(|line| match width {
            Some(width) => fit(line, width),
            None => vec![line.to_string()],
        })
        .map(|line| line + "\n")
        .collect()
}

/// A line of a chapter's log fitted to `width`: as it is when it fits, else its next lines
/// under its text, after the `HH:MM:SS: ` time (or two spaces in, for a line without one).
pub fn log_line(line: &str, width: usize) -> Vec<String> {
    if self::width(line) <= width {
        return vec![line.to_string()];
    }
    let b = line.as_bytes();
    let timed = b.len() >= 10
        && [0, 1, 3, 4, 6, 7].iter().all(|&i| b[i].is_ascii_digit())
        && b[2] == b':'
        && b[5] == b':'
        && &b[8..10] == b": ";
    match timed {
        true => hang(&line[10..], width, &line[..10], &" ".repeat(10)),
        false => hang(line, width, "", "  "),
    }
}

/// `text` (a lesson's doc, or words of the runner's) re-flowed to `width` columns: paragraphs
/// and list items (`- `, with their hanging indent) are filled line by line, a code span broken
/// across the doc's lines is joined by one space, and a ```` ``` ```` block is kept as it is.
/// With no width (a pipe), the text as it is.
pub fn wrap(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    let mut out: Vec<String> = Vec::new();
    // The item being filled: its first line's indent, the next lines' indent, its text.
    let mut item: Option<(String, String, String)> = None;
    let flush = |item: &mut Option<(String, String, String)>, out: &mut Vec<String>| {
        if let Some((first, rest, text)) = item.take() {
            out.extend(hang(&text, width, &first, &rest));
        }
    };
    let mut verbatim = false;
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
            let (first, rest_indent) = (format!("{indent}- "), format!("{indent}  "));
            item = Some((first, rest_indent, rest.trim_end().to_string()));
        } else if let Some((_, _, text)) = item.as_mut() {
            text.push(' ');
            text.push_str(trimmed.trim_end());
        } else {
            let text = trimmed.trim_end().to_string();
            item = Some((indent.to_string(), indent.to_string(), text));
        }
    }
    flush(&mut item, &mut out);
    out.join("\n")
}

#[cfg(test)]
mod tests;
