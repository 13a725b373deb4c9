//! Claims of order: "`Main    : thread 0 done` after `Thread 0: finishing`", stated once beside
//! the expected log, in `expected.order`, and checked on the exact times of the lines.
//!
//! The expected log checks times to the whole second, and lines of one second may come in any
//! order there: it cannot tell "main waited for the thread" from "main waited as long as the
//! thread". A claim of order can. Its exact times are the order of the output itself: the
//! lesson's logger reads the clock while it holds stdout, so the lines come out in the order of
//! their precise times (Python's `logging` formats under its handler's lock the same way). And
//! when one thread logs a line and then lets another go on (a join, a barrier, a notify), the
//! first line is out before the second is written.
//!
//! The file, one claim a line (`#` starts a comment; an indented line continues the one before):
//!
//! ```text
//! `Thread 0: finishing` before `Main    : thread 0 done`: main went on before thread 0 had
//!     finished: nothing made it wait for the thread itself
//! `Job [..]: done[..]` before `Job [..]: got a permit[..]` but 2: a job got in before one left
//! ```
//!
//! `EARLIER` before `LATER`: every output line that matches `EARLIER` comes before every line
//! that matches `LATER` (`[..]` stands for any text, as in the expected log). With `but N`, N of
//! the `LATER` lines may come first, and each one after them needs one more `EARLIER` line
//! before it: the (N+k)th `LATER` comes after the kth `EARLIER` (at most N at once). After the
//! colon: what a run that breaks the claim did, in the lesson's words. A `LATER` line that came
//! with no `EARLIER` line before it breaks the claim, whether or not one came after (a thread
//! killed before its last line, say); a claim whose `LATER` lines never came is not broken here
//! (the expected log already says that they are missing).

use std::path::Path;

use crate::matcher::{Line, text_matches};
use crate::{Error, Problem};

/// The file beside `expected.log` that holds a chapter's or an exercise's claims of order.
pub const FILE: &str = "expected.order";

/// One claim of order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub earlier: String,
    pub later: String,
    /// How many `later` lines may come before the first `earlier` one.
    pub but: usize,
    /// What it means when a run breaks it, in the lesson's words.
    pub says: String,
}

/// A claim a run broke, and the two lines that show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    pub claim: Claim,
    /// The `later` line that came too early, as printed.
    pub later: String,
    /// The `earlier` line it came before, as printed; `None` when there were too few.
    pub earlier: Option<String>,
}

impl Claim {
    /// The claim as the file states it, without its words.
    pub fn stated(&self) -> String {
        let but = match self.but {
            0 => String::new(),
            n => format!(" but {n}"),
        };
        format!("`{}` before `{}`{but}", self.earlier, self.later)
    }
}

/// Read the claims of `dir/expected.order`; none when the file does not exist.
pub fn read(dir: &Path) -> crate::Result<Vec<Claim>> {
    let path = dir.join(FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text).map_err(|e| e.in_file(&path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::Read(path, e)),
    }
}

/// Parse the claims of an `expected.order` file; the error names the line and what is wrong.
pub fn parse(text: &str) -> crate::Result<Vec<Claim>> {
    let mut claims: Vec<Claim> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let wrong = |problem| Error::Line {
            file: None,
            line: n + 1,
            problem,
        };
        if line.starts_with([' ', '\t']) {
            let Some(last) = claims.last_mut() else {
                return Err(wrong(Problem::NothingToContinue));
            };
            last.says = format!("{} {}", last.says, line.trim());
            continue;
        }
        claims.push(parse_claim(line).map_err(|why| wrong(Problem::Claim(why)))?);
    }
    Ok(claims)
}

fn parse_claim(line: &str) -> Result<Claim, &'static str> {
    let quoted = |s: &str| -> Result<(String, String), &'static str> {
        let rest = s
            .strip_prefix('`')
            .ok_or("a pattern must be in backticks")?;
        let (pattern, rest) = rest.split_once('`').ok_or("a backtick is not closed")?;
        Ok((pattern.to_string(), rest.to_string()))
    };
    let (earlier, rest) = quoted(line)?;
    let rest = rest
        .strip_prefix(" before ")
        .ok_or("` before ` must follow the first pattern")?;
    let (later, rest) = quoted(rest)?;
    let (but, rest) = match rest.strip_prefix(" but ") {
        Some(r) => {
            let digits: String = r.chars().take_while(char::is_ascii_digit).collect();
            let n = digits.parse().map_err(|_| "`but` takes a number")?;
            (n, r[digits.len()..].to_string())
        }
        None => (0, rest),
    };
    let says = rest
        .strip_prefix(": ")
        .ok_or("a colon and what a broken claim means must follow")?
        .trim()
        .to_string();
    if says.is_empty() {
        return Err("say what a broken claim means");
    }
    Ok(Claim {
        earlier,
        later,
        but,
        says,
    })
}

/// The claims `output` breaks, each once, in the file's order. The output's lines are in the
/// order of their exact times.
pub fn check(claims: &[Claim], output: &[Line]) -> Vec<Broken> {
    claims.iter().filter_map(|c| broken(c, output)).collect()
}

fn broken(c: &Claim, output: &[Line]) -> Option<Broken> {
    let at = |pattern: &str| -> Vec<usize> {
        (0..output.len())
            .filter(|&j| text_matches(pattern, &output[j].text))
            .collect()
    };
    let (earlier, later) = (at(&c.earlier), at(&c.later));
    if later.is_empty() {
        return None;
    }
    let shown = |j: usize| output[j].to_string();
    if c.but == 0 {
        // Every `earlier` before every `later`: the last of the one before the first of the
        // other. A `later` line with no `earlier` line at all came too soon as well.
        let first = later[0];
        return match earlier.last() {
            Some(&last) if last < first => None,
            last => Some(Broken {
                claim: c.clone(),
                later: shown(first),
                earlier: last.map(|&l| shown(l)),
            }),
        };
    }
    // The (but + k)th `later` after the kth `earlier`.
    for (i, &l) in later.iter().enumerate().skip(c.but) {
        match earlier.get(i - c.but) {
            Some(&e) if e < l => {}
            e => {
                return Some(Broken {
                    claim: c.clone(),
                    later: shown(l),
                    earlier: e.map(|&e| shown(e)),
                });
            }
        }
    }
    None
}

impl Broken {
    /// What the run did, line against line, before the claim's own words.
    pub fn shown(&self) -> String {
        match &self.earlier {
            Some(e) => format!("`{}` came before `{e}`", self.later),
            None => format!(
                "`{}` came with too few `{}` lines before it",
                self.later, self.claim.earlier
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::parse_output;

    const FILE_TEXT: &str = "# a comment\n\
        `Thread 0: finishing` before `Main    : thread 0 done`: main went on\n\
        \x20   before thread 0 had finished\n\
        \n\
        `Job [..]: done` before `Job [..]: got` but 2: a job got in before one left\n";

    fn out(text: &str) -> Vec<Line> {
        parse_output(text)
    }

    #[test]
    fn claims_parse_with_their_words_and_continuations() {
        let c = parse(FILE_TEXT).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].earlier, "Thread 0: finishing");
        assert_eq!(c[0].later, "Main    : thread 0 done");
        assert_eq!(c[0].but, 0);
        assert_eq!(c[0].says, "main went on before thread 0 had finished");
        assert_eq!(c[1].but, 2);
        assert_eq!(
            c[1].stated(),
            "`Job [..]: done` before `Job [..]: got` but 2"
        );
    }

    #[test]
    fn a_broken_file_names_the_line_and_the_form() {
        for bad in [
            "Thread 0 before `b`: x\n",
            "`a` after `b`: x\n",
            "`a` before `b`\n",
            "`a` before `b`: \n",
            "`a` before `b` but two: x\n",
            "`a before `b`: x\n",
            "  continued\n",
        ] {
            let e = parse(bad).unwrap_err().to_string();
            assert!(e.starts_with("line 1: "), "{bad:?}: {e}");
        }
        assert!(
            parse("`a` before `b`: x\n`a`\n")
                .unwrap_err()
                .to_string()
                .contains("line 2")
        );
    }

    #[test]
    fn every_earlier_line_must_come_before_every_later_line() {
        let c = parse(FILE_TEXT).unwrap();
        let good = out("00:00:02: Thread 0: finishing\n00:00:02: Main    : thread 0 done\n");
        assert!(check(&c[..1], &good).is_empty());
        // The same lines in the same second, the other way round: the log's whole seconds
        // allow it, the claim does not.
        let bad = out("00:00:02: Main    : thread 0 done\n00:00:02: Thread 0: finishing\n");
        let b = check(&c[..1], &bad);
        assert_eq!(b.len(), 1);
        assert_eq!(
            b[0].shown(),
            "`00:00:02: Main    : thread 0 done` came before `00:00:02: Thread 0: finishing`"
        );
        // A later line with no earlier line at all came too soon too; a later line that never
        // came breaks nothing here: the expected log says it is missing.
        let b = check(&c[..1], &out("00:00:02: Main    : thread 0 done\n"));
        assert!(b[0].shown().contains("too few `Thread 0: finishing` lines"));
        assert!(check(&c[..1], &out("00:00:02: Thread 0: finishing\n")).is_empty());
    }

    #[test]
    fn all_but_n_later_lines_need_one_more_earlier_line_each() {
        let c = &parse(FILE_TEXT).unwrap()[1..];
        let two_at_a_time = "00:00:00: Job 0: got\n00:00:00: Job 1: got\n\
            00:00:01: Job 0: done\n00:00:01: Job 2: got\n00:00:01: Job 1: done\n\
            00:00:01: Job 3: got\n";
        assert!(check(c, &out(two_at_a_time)).is_empty());
        let three_in = "00:00:00: Job 0: got\n00:00:00: Job 1: got\n00:00:00: Job 2: got\n";
        let b = check(c, &out(three_in));
        assert_eq!(b.len(), 1);
        assert!(b[0].earlier.is_none());
        assert!(
            b[0].shown().contains("too few `Job [..]: done`"),
            "{}",
            b[0].shown()
        );
        // One left, two came in: the fourth came before the second left.
        let four = "00:00:00: Job 0: got\n00:00:00: Job 1: got\n00:00:01: Job 2: got\n\
            00:00:01: Job 3: got\n00:00:01: Job 0: done\n00:00:01: Job 1: done\n";
        let b = check(c, &out(four));
        assert_eq!(b[0].later, "00:00:01: Job 2: got");
    }

    /// Every claims file of the course parses, each of its patterns matches a line of its
    /// expected log (a claim whose lines were renamed would hold by never being tested), and
    /// the expected log, read in its own order, keeps every claim.
    #[test]
    fn every_claim_of_the_course_names_lines_of_its_log_and_holds_on_it() {
        let root = crate::build::workspace().unwrap();
        let mut seen = 0;
        for top in ["chapters", "exercises"] {
            for entry in std::fs::read_dir(root.join(top)).unwrap() {
                let dir = entry.unwrap().path();
                if !dir.is_dir() {
                    continue;
                }
                let claims = read(&dir).unwrap();
                if claims.is_empty() {
                    continue;
                }
                let log = std::fs::read_to_string(dir.join("expected.log")).unwrap();
                let lines = crate::matcher::parse_expected(&log).unwrap();
                for c in &claims {
                    for p in [&c.earlier, &c.later] {
                        assert!(
                            lines.iter().any(|l| text_matches(p, &l.text)),
                            "{}: `{p}` matches no line of its expected log",
                            dir.display()
                        );
                    }
                }
                let broken = check(&claims, &lines);
                assert!(broken.is_empty(), "{}: {broken:?}", dir.display());
                seen += claims.len();
            }
        }
        assert!(seen > 0);
    }
}
