//! The terminal, for the tour and the hints: its width, text wrapped to it, a cleared screen,
//! and a key read the moment it is pressed. No terminal library: `stty` (through
//! `std::process`) switches the terminal to single keys and back, and tells its size.

use std::fs::File;
use std::io::{IsTerminal, Read, Write};
use std::process::{Command, Stdio};

/// The width to wrap text to: `COLUMNS` if set, else the terminal's, else none (piped output is
/// left as written).
pub fn width() -> Option<usize> {
    if let Some(cols) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
    {
        return Some(usize::max(cols, 20));
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let tty = File::open("/dev/tty").ok()?;
    let out = Command::new("stty")
        .arg("size")
        .stdin(tty)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let size = String::from_utf8_lossy(&out.stdout).into_owned();
    let cols: usize = size.split_whitespace().nth(1)?.parse().ok()?;
    (cols >= 20).then_some(cols)
}

/// `text` re-flowed to `width` columns, never breaking a word: paragraphs and list items
/// (`- `, with their hanging indent) are filled line by line; a ```` ``` ```` block is kept as
/// it is. With no width, the text as it is.
pub fn wrap(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    let mut out: Vec<String> = Vec::new();
    // The item being filled: its first line's prefix, the next lines' prefix, its words.
    let mut item: Option<(String, String, Vec<&str>)> = None;
    let mut verbatim = false;
    let flush = |item: &mut Option<(String, String, Vec<&str>)>, out: &mut Vec<String>| {
        if let Some((first, rest, words)) = item.take() {
            fill(&first, &rest, &words, width, out);
        }
    };
    for line in text.lines() {
        let trimmed = line.trim_start();
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
            let indent = &line[..line.len() - trimmed.len()];
            item = Some((
                format!("{indent}- "),
                format!("{indent}  "),
                rest.split_whitespace().collect(),
            ));
        } else if let Some((_, _, words)) = item.as_mut() {
            words.extend(trimmed.split_whitespace());
        } else {
            let indent = &line[..line.len() - trimmed.len()];
            item = Some((
                indent.to_string(),
                indent.to_string(),
                trimmed.split_whitespace().collect(),
            ));
        }
    }
    flush(&mut item, &mut out);
    out.join("\n")
}

/// Fill `words` into lines of at most `width` columns (a word longer than that gets a line of
/// its own).
fn fill(first: &str, rest: &str, words: &[&str], width: usize, out: &mut Vec<String>) {
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

/// Clear the screen and go to its top, when stdout is a terminal.
pub fn clear() {
    if std::io::stdout().is_terminal() {
        print!("\x1b[H\x1b[2J");
        let _ = std::io::stdout().flush();
    }
}

/// A key pressed at the prompt.
#[derive(Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Backspace,
    Left,
    Right,
    /// Ctrl-C or Ctrl-D: the student wants out.
    Stop,
    Other,
}

/// Single keys from the terminal, through `stty`. `None` when stdin is not a terminal or
/// `stty` cannot switch it (then the tour reads lines, and says "then Enter").
pub struct Keys {
    /// The terminal's settings before, as `stty -g` gave them, to put back after each key.
    saved: String,
}

impl Keys {
    pub fn new() -> Option<Keys> {
        if !std::io::stdin().is_terminal() {
            return None;
        }
        let saved = stty(&["-g"])?;
        Some(Keys {
            saved: saved.trim().to_string(),
        })
    }

    /// Wait for one key. The terminal is in single-key mode only while this waits, and with
    /// signals off, so Ctrl-C arrives as a key and the settings are always put back.
    pub fn read(&self) -> Key {
        if stty(&["-icanon", "-echo", "-isig", "min", "1", "time", "0"]).is_none() {
            return Key::Stop;
        }
        let mut buf = [0u8; 16];
        let n = std::io::stdin().lock().read(&mut buf).unwrap_or(0);
        let _ = stty(&[&self.saved]);
        match &buf[..n] {
            [] | [3] | [4] => Key::Stop,
            [b'\r'] | [b'\n'] => Key::Enter,
            [127] | [8] => Key::Backspace,
            [27, b'[', b'D'] | [27, b'O', b'D'] => Key::Left,
            [27, b'[', b'C'] | [27, b'O', b'C'] => Key::Right,
            [c] if c.is_ascii_graphic() || *c == b' ' => Key::Char(char::from(*c)),
            _ => Key::Other,
        }
    }
}

/// `stty` on the terminal that is stdin; its output, or `None` if it failed.
fn stty(args: &[&str]) -> Option<String> {
    let out = Command::new("stty")
        .args(args)
        .stdin(Stdio::inherit())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
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
    fn a_word_longer_than_the_width_gets_a_line_of_its_own() {
        assert_eq!(wrap("a bbbbbbbbbb c", Some(5)), "a\nbbbbbbbbbb\nc");
        assert_eq!(wrap("as written", None), "as written");
    }
}
