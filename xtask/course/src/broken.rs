//! A chapter broken on purpose, as data beside it: `broken.txt` names the line of the
//! chapter's run that carries its lesson, and what a run that failed to show the lesson prints
//! in its place. The verdict reads it with the expected log and holds the log to failing such a
//! run (`verdict::expected`), so that no `[..]` put in by hand or kept by `bless` lets the
//! lesson go unchecked.
//!
//! The file (`#` starts a comment):
//!
//! ```text
//! line: Ending value is 1.
//! becomes: Ending value is 2.
//! ```
//!
//! `line:` is text of a line of the chapter's faithful run (its expected log, printed as a run
//! would print it); then either `becomes:`, what a failed run prints in place of that text (a
//! further `becomes:` is a line the failed run adds after it), or `is missing`, when the failed
//! run has no such line at all.

use std::path::Path;

use crate::{Error, Problem};

/// The file beside `expected.log` that breaks the chapter's run on purpose.
pub const FILE: &str = "broken.txt";

/// A run that failed to show the lesson, as a change to the faithful run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenRun {
    /// Text of the line that carries the lesson, and the file's line (from 1) that gives it.
    pub line: String,
    pub at: usize,
    /// What a failed run prints in its place, line by line; empty when the line is missing.
    pub becomes: Vec<String>,
}

/// Read `dir/broken.txt`; `None` when the file does not exist. A broken file is an error that
/// names the file and the line.
pub fn read(dir: &Path) -> crate::Result<Option<BrokenRun>> {
    let path = dir.join(FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text).map(Some).map_err(|e| e.in_file(&path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::Read(path, e)),
    }
}

/// Parse a `broken.txt`; the error names the line and what is wrong.
pub fn parse(text: &str) -> crate::Result<BrokenRun> {
    let wrong = |n: usize, why| Error::Line {
        file: None,
        line: n,
        problem: Problem::Broken(why),
    };
    let mut line: Option<(String, usize)> = None;
    let mut becomes = Vec::new();
    let mut missing = false;
    let mut last = 0;
    for (i, raw) in text.lines().enumerate() {
        let (n, raw) = (i + 1, raw.trim_end());
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        last = n;
        if let Some(rest) = raw.strip_prefix("line:") {
            if line.is_some() {
                return Err(wrong(n, "a second `line:`; one line carries the lesson"));
            }
            line = Some((
                text_of(rest).ok_or_else(|| wrong(n, "`line:` is empty"))?,
                n,
            ));
            continue;
        }
        if line.is_none() {
            return Err(wrong(n, "the file must start with `line:`"));
        }
        if let Some(rest) = raw.strip_prefix("becomes:") {
            if missing {
                return Err(wrong(n, "`becomes:` after `is missing`"));
            }
            becomes.push(text_of(rest).ok_or_else(|| wrong(n, "`becomes:` is empty"))?);
        } else if raw == "is missing" {
            if missing || !becomes.is_empty() {
                return Err(wrong(n, "`is missing` after what the line becomes"));
            }
            missing = true;
        } else {
            return Err(wrong(n, "not `line:`, `becomes:` or `is missing`"));
        }
    }
    let Some((line, at)) = line else {
        return Err(wrong(last.max(1), "no `line:`"));
    };
    if becomes.is_empty() && !missing {
        return Err(wrong(
            last,
            "say what the line `becomes:`, or that it `is missing`",
        ));
    }
    Ok(BrokenRun { line, at, becomes })
}

/// The text after `line:` or `becomes:`, without the one space that follows the colon.
fn text_of(rest: &str) -> Option<String> {
    let text = rest.strip_prefix(' ').unwrap_or(rest);
    (!text.trim().is_empty()).then(|| text.to_string())
}

impl BrokenRun {
    /// The run `run` as it would be had it failed to show the lesson: the first line with the
    /// text changed, or gone. `None` when no line of `run` has the text.
    pub fn apply(&self, run: &str) -> Option<String> {
        let at = run.find(&self.line)?;
        if self.becomes.is_empty() {
            let start = run[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = run[at..].find('\n').map_or(run.len(), |i| at + i + 1);
            return Some(format!("{}{}", &run[..start], &run[end..]));
        }
        let changed = self.becomes.join("\n");
        Some(format!(
            "{}{changed}{}",
            &run[..at],
            &run[at + self.line.len()..]
        ))
    }
}

/// A run that prints exactly the expected log `expected`: its placeholders stand as text, and a
/// `[..]` time becomes the time of the line before.
pub fn faithful_run(expected: &str) -> String {
    let mut last = "00:00:00".to_string();
    let mut out = String::new();
    for line in expected.lines() {
        let line = match line.strip_prefix("[..]: ") {
            Some(rest) => format!("{last}: {rest}"),
            None => line.to_string(),
        };
        if let Some(time) = line.get(..8) {
            last = time.to_string();
        }
        out += &line;
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_becomes_another_or_goes_missing() {
        let run = "00:00:01: A: one\n00:00:02: B: Ending value is 1.\n00:00:03: C: three\n";
        let b = parse("# why\nline: Ending value is 1.\nbecomes: Ending value is 2.\n").unwrap();
        assert_eq!(b.at, 2);
        assert_eq!(
            b.apply(run).unwrap(),
            "00:00:01: A: one\n00:00:02: B: Ending value is 2.\n00:00:03: C: three\n"
        );
        let b = parse("line: B: Ending\nis missing\n").unwrap();
        assert_eq!(
            b.apply(run).unwrap(),
            "00:00:01: A: one\n00:00:03: C: three\n"
        );
        let b = parse("line: 00:00:03: C: three\nis missing").unwrap();
        assert_eq!(
            b.apply(run).unwrap(),
            "00:00:01: A: one\n00:00:02: B: Ending value is 1.\n"
        );
        // A further `becomes:` is a line the failed run adds; spaces inside are kept.
        let b = parse("line: A: one\nbecomes: A: one\nbecomes: 00:00:01: Main    : two").unwrap();
        assert_eq!(
            b.apply(run).unwrap(),
            "00:00:01: A: one\n00:00:01: Main    : two\n00:00:02: B: Ending value is 1.\n\
             00:00:03: C: three\n"
        );
        assert_eq!(b.apply("nothing like it\n"), None);
    }

    #[test]
    fn a_broken_file_names_the_file_and_the_line() {
        let says = |text: &str| {
            parse(text)
                .unwrap_err()
                .in_file(Path::new("chapters/ch04_race/broken.txt"))
                .to_string()
        };
        assert_eq!(
            says("line: Ending value is 1.\n\nbecome: 2\n"),
            "chapters/ch04_race/broken.txt: line 3: not `line:`, `becomes:` or `is missing`; \
             the file reads `line: TEXT`, then `becomes: TEXT` (once or more) or `is missing`"
        );
        assert!(says("becomes: x\n").contains("line 1: the file must start with `line:`"));
        assert!(says("line: x\n").contains("line 1: say what the line `becomes:`"));
        assert!(says("line: x\nline: y\n").contains("line 2: a second `line:`"));
        assert!(says("line:\nis missing").contains("line 1: `line:` is empty"));
        assert!(says("line: x\nis missing\nbecomes: y").contains("line 3: `becomes:` after"));
        assert!(says("# nothing\n").contains("line 1: no `line:`"));
    }

    #[test]
    fn a_faithful_run_prints_the_log_with_its_placeholders_as_text() {
        let log = "00:00:00: A: start\n[..]: A: took [..] s\n00:00:02: B: done\n";
        assert_eq!(
            faithful_run(log),
            "00:00:00: A: start\n00:00:00: A: took [..] s\n00:00:02: B: done\n"
        );
    }
}
