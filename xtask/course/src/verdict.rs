//! The verdict on a run: did the lesson show? The one place that decides, for `run`, `run-all`,
//! `bless`, the tour and the exercises' judge alike; the runner's `ui::report` only puts it into
//! words.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::broken::{self, BrokenRun};
use crate::chapter::{self, Chapter, Rule, When};
use crate::launch::{End, Run};
use crate::matcher::{self, Line, Matching};
use crate::order::{self, Broken, Claim};
use crate::{Error, Problem};

/// A run set against its chapter's expected log.
#[derive(Debug)]
pub struct Verdict {
    pub expected: Vec<Line>,
    pub run: Run,
    /// The run's output, read as log lines.
    pub actual: Vec<Line>,
    pub outcome: Matching,
    /// The claims of order (`expected.order`) the run broke, on the exact times of its lines.
    pub order: Vec<Broken>,
}

/// Judge `run` against `expected` alone (no claims of order).
pub fn judge(expected: &[Line], run: Run) -> Verdict {
    judge_with(expected, &[], run)
}

/// Judge `run` against `expected` and the claims of order `claims`.
pub fn judge_with(expected: &[Line], claims: &[Claim], run: Run) -> Verdict {
    let actual = matcher::parse_output(&run.stdout);
    let outcome = matcher::check(expected, &actual);
    let order = order::check(claims, &actual);
    Verdict {
        expected: expected.to_vec(),
        run,
        actual,
        outcome,
        order,
    }
}

/// Why a run must not become a chapter's expected log.
#[derive(Debug)]
pub enum NotBlessable {
    /// It did not end normally.
    Abnormal,
    /// Its output goes back in time.
    Backwards,
    /// One of the chapter's `## If it differs` rules fires: the lesson no longer shows.
    Fired(Rule),
}

impl Verdict {
    /// The lesson showed: the chapter ended by itself, every line matched, times included, and
    /// every claim of order held.
    pub fn passed(&self) -> bool {
        self.run.ended_normally() && self.outcome.passed() && self.order.is_empty()
    }

    /// Why this run must not become the expected log of `c`, if it must not: it did not end
    /// normally, its output goes back in time, or (unless `force`) one of the chapter's
    /// `## If it differs` rules fires, so the lesson no longer shows.
    pub fn not_blessable(&self, c: &Chapter, force: bool) -> Option<NotBlessable> {
        if !self.run.ended_normally() {
            return Some(NotBlessable::Abnormal);
        }
        if !self.outcome.backwards.is_empty() {
            return Some(NotBlessable::Backwards);
        }
        // A first log (nothing expected yet) has nothing for a rule to differ from.
        if force || self.expected.is_empty() {
            return None;
        }
        self.fired(c).into_iter().next().map(NotBlessable::Fired)
    }

    /// How long the run had when it was killed for overrunning, if it was.
    pub fn cut_off(&self) -> Option<Duration> {
        match self.run.end {
            End::TimedOut(limit) => Some(limit),
            End::Exited(_) => None,
        }
    }

    /// The rules of the chapter's `## If it differs` section that this run's differences set
    /// off, each once, in the chapter's order. A run that was cut off sets off no `is missing`
    /// rule: its lines are missing because it was killed, which says nothing of the lesson.
    pub fn fired(&self, c: &Chapter) -> Vec<Rule> {
        let m = &self.outcome;
        let came_late: Vec<&str> = m
            .wrong_time
            .iter()
            .map(|&(_, j)| self.actual[j].text.as_str())
            .collect();
        let came: Vec<&str> = m
            .extra
            .iter()
            .map(|&j| self.actual[j].text.as_str())
            .chain(came_late.iter().copied())
            .collect();
        let missing: Vec<&str> = m
            .missing
            .iter()
            .map(|&i| self.expected[i].text.as_str())
            .collect();
        let mut fired: Vec<Rule> = Vec::new();
        for rule in chapter::rules(&c.lesson) {
            let lines = match rule.when {
                When::Came => &came,
                When::CameAtAnotherTime => &came_late,
                When::IsMissing => &missing,
            };
            // A missing line is a pattern itself, so it is matched as text against the rule's.
            if rule.when == When::IsMissing && self.cut_off().is_some() {
                continue;
            }
            let hit = lines.iter().any(|l| {
                matcher::text_matches(&rule.pattern, l)
                    || (rule.when == When::IsMissing && l.contains(&rule.pattern))
            });
            if hit && !fired.iter().any(|f| f.says == rule.says) {
                fired.push(rule);
            }
        }
        fired
    }
}

/// The chapter's expected log. Missing or unreadable, it is an error that says what to do. It
/// is held to its lesson: a run broken as the chapter's `broken.txt` says (see [`broken`]) must
/// fail it, or it is an error that names that file and line.
pub fn expected(c: &Chapter) -> crate::Result<Vec<Line>> {
    let path = c.expected_log();
    let (text, lines) = read_expected(c, &path)?;
    holds_its_lesson(c, &text)?;
    Ok(lines)
}

/// What `bless` did with a chapter's fresh run.
#[derive(Debug)]
pub enum Blessed {
    /// Not written: the run must not become the log.
    Refused(NotBlessable),
    /// Not written: its `[..]` would let a run without the lesson pass ([`holds_its_lesson`]).
    WouldNotHold(Error),
    /// The log already matches the run.
    Unchanged,
    /// The log is written anew.
    Updated,
}

/// Rewrite `c`'s expected log from the run judged `v` (against the old log), only if the
/// verdict allows it (`force` overrules the chapter's `If it differs` rules, not a run that did
/// not end normally). Lines that still match the old log keep its text, placeholders and all,
/// so the diff of a bless shows only what really changed. The file is replaced whole, by a
/// rename, never left half written.
pub fn bless(c: &Chapter, v: &Verdict, force: bool) -> crate::Result<Blessed> {
    if let Some(why) = v.not_blessable(c, force) {
        return Ok(Blessed::Refused(why));
    }
    if v.outcome.passed() && !v.expected.is_empty() {
        return Ok(Blessed::Unchanged);
    }
    let text: String = matcher::aligned(&v.expected, &v.actual, &v.outcome)
        .into_iter()
        .map(|l| l + "\n")
        .collect();
    if let Err(e) = holds_its_lesson(c, &text) {
        return Ok(Blessed::WouldNotHold(e));
    }
    let (path, tmp) = (c.expected_log(), c.expected_log().with_extension("log.tmp"));
    std::fs::write(&tmp, &text)
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::Write(path, e)
        })?;
    Ok(Blessed::Updated)
}

/// Whether `text`, a log `bless` would write for `c`, still holds the lesson: read as an
/// expected log, it fails the run broken as the chapter's `broken.txt` says. The error names
/// that file and its line, as a broken log already written does.
pub fn holds_its_lesson(c: &Chapter, text: &str) -> crate::Result<()> {
    let Some(b) = broken::read(&c.dir)? else {
        return Ok(());
    };
    let path = c.expected_log();
    let lines = matcher::parse_expected(text).map_err(|e| e.in_file(&path))?;
    holds_the_lesson(text, &lines, &b).map_err(|problem| Error::Line {
        file: Some(c.dir.join(broken::FILE)),
        line: b.at,
        problem,
    })
}

/// Whether the expected log (`text`, read as `lines`) fails a run broken as `b` says, while
/// the run it describes passes.
pub fn holds_the_lesson(text: &str, lines: &[Line], b: &BrokenRun) -> Result<(), Problem> {
    let faithful = broken::faithful_run(text);
    let failed = b.apply(&faithful).ok_or(Problem::NotInLog)?;
    if passes(lines, failed) {
        return Err(Problem::StillPasses);
    }
    Ok(())
}

/// A run that printed `stdout` and ended normally at once passes `expected`.
fn passes(expected: &[Line], stdout: String) -> bool {
    let run = Run {
        stdout,
        stderr: String::new(),
        took: Duration::ZERO,
        end: End::Exited(Some(0)),
    };
    judge(expected, run).passed()
}

/// The chapter's claims of order (`expected.order` beside its expected log); none if it has
/// no such file. A broken file is an error that names the line.
pub fn claims(c: &Chapter) -> crate::Result<Vec<Claim>> {
    order::read(&c.dir)
}

/// The expected log at `path`, of chapter `c` or of its twin.
pub fn expected_at(c: &Chapter, path: &Path) -> crate::Result<Vec<Line>> {
    read_expected(c, path).map(|(_, lines)| lines)
}

/// The expected log at `path`, as text and as lines.
fn read_expected(c: &Chapter, path: &Path) -> crate::Result<(String, Vec<Line>)> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoExpectedLog {
                name: c.name.clone(),
                path: path.to_path_buf(),
                short: c.short().to_string(),
            });
        }
        Err(e) => return Err(Error::Read(path.to_path_buf(), e)),
    };
    let lines = matcher::parse_expected(&text).map_err(|e| e.in_file(path))?;
    Ok((text, lines))
}

/// The expected log of chapter `c`'s Python twin (see [`Chapter::twin_log`]).
pub fn twin_expected(c: &Chapter, root: &Path) -> crate::Result<(PathBuf, Vec<Line>)> {
    let path = c.twin_log(root);
    let lines = expected_at(c, &path)?;
    Ok((path, lines))
}

/// Each chapter's claim is pinned in its expected log: a run in which the lesson failed to show
/// (the chapter's `broken.txt`: the claim line changed, gone, or at another time) fails the
/// verdict, in the lesson's words.
#[cfg(test)]
mod claims {
    use std::time::Duration;

    use crate::broken;
    use crate::launch::{End, Run};
    use crate::matcher::Time;

    #[test]
    fn a_run_that_fails_to_show_the_lesson_fails_its_check_in_the_lessons_words() {
        let chapters = crate::build::workspace().unwrap().join("chapters");
        let all = crate::chapter::discover(&chapters).unwrap();
        assert!(all.len() >= 18, "the course's chapters are found");
        for c in &all {
            let name = &c.name;
            let b = broken::read(&c.dir)
                .unwrap()
                .unwrap_or_else(|| panic!("{name} has no {}", broken::FILE));
            // What the runner reads: the log, held to the lesson.
            let expected = super::expected(c).unwrap();
            let text = std::fs::read_to_string(c.expected_log()).unwrap();
            let judged = |stdout: String| {
                let run = Run {
                    stdout,
                    stderr: String::new(),
                    took: Duration::ZERO,
                    end: End::Exited(Some(0)),
                };
                super::judge(&expected, run)
            };
            let faithful = broken::faithful_run(&text);
            assert!(
                expected.iter().all(|l| l.time != Time::None),
                "{name}: every expected line has a time"
            );
            assert!(
                judged(faithful.clone()).passed(),
                "{name}: its faithful run passes"
            );
            let failed = judged(b.apply(&faithful).unwrap());
            assert!(!failed.passed(), "{name}: {b:?} still passes");
            assert!(
                !failed.fired(c).is_empty(),
                "{name}: {b:?} fails, but sets off no rule of its `If it differs`"
            );
        }
    }
}
