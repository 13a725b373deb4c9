//! The verdict on a run: did the lesson show? The one place that decides, for `run`, `run-all`,
//! `bless`, the tour and the exercises' judge alike; the runner's `ui::report` only puts it into
//! words.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::Error;
use crate::chapter::{self, Chapter, Rule, When};
use crate::launch::{End, Run};
use crate::matcher::{self, Line, Matching};
use crate::order::{self, Broken, Claim};

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

/// The chapter's expected log. Missing or unreadable, it is an error that says what to do.
pub fn expected(c: &Chapter) -> crate::Result<Vec<Line>> {
    expected_at(c, &c.expected_log())
}

/// The chapter's claims of order (`expected.order` beside its expected log); none if it has
/// no such file. A broken file is an error that names the line.
pub fn claims(c: &Chapter) -> crate::Result<Vec<Claim>> {
    order::read(&c.dir)
}

/// The expected log at `path`, of chapter `c` or of its twin.
pub fn expected_at(c: &Chapter, path: &Path) -> crate::Result<Vec<Line>> {
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
    matcher::parse_expected(&text).map_err(|e| e.in_file(path))
}

/// The expected log of chapter `c`'s Python twin (see [`Chapter::twin_log`]).
pub fn twin_expected(c: &Chapter, root: &Path) -> crate::Result<(PathBuf, Vec<Line>)> {
    let path = c.twin_log(root);
    let lines = expected_at(c, &path)?;
    Ok((path, lines))
}

/// Each chapter's claim is pinned in its expected log: a run in which the lesson failed to show
/// (the claim line changed, gone, or at another time) fails the verdict.
#[cfg(test)]
mod claims {
    use std::time::Duration;

    use crate::launch::{End, Run};
    use crate::matcher::{self, Time};

    /// A run that prints exactly the expected log: placeholders stand as text, and a `[..]`
    /// time becomes the time of the line before.
    fn faithful_run(expected: &str) -> String {
        let mut last = "00:00:00".to_string();
        let mut out = String::new();
        for line in expected.lines() {
            let line = match line.strip_prefix("[..]: ") {
                Some(rest) => format!("{last}: {rest}"),
                None => line.to_string(),
            };
            last = line[..8].to_string();
            out += &line;
            out.push('\n');
        }
        out
    }

    fn passes(expected: &str, output: &str) -> bool {
        let e = matcher::parse_expected(expected).unwrap();
        assert!(
            e.iter().all(|l| l.time != Time::None),
            "every expected line has a time"
        );
        let run = Run {
            stdout: output.to_string(),
            stderr: String::new(),
            took: Duration::ZERO,
            end: End::Exited(Some(0)),
        };
        super::judge(&e, run).passed()
    }

    #[test]
    fn a_run_that_fails_to_show_the_lesson_fails_its_check() {
        // (chapter, a line of its faithful run, that line in a run where the lesson failed; an
        // empty replacement drops the line, a new line after "\n" adds one)
        let broken: &[(&str, &str, &str)] = &[
            (
                "ch01_spawn_join",
                "00:00:02: Thread 2: finishing",
                "00:00:06: Thread 2: finishing",
            ),
            (
                "ch02_daemon_threads",
                "00:00:01: Main    : thread 1 done",
                "00:00:01: Main    : thread 1 done\n00:00:02: Thread 0: finishing",
            ),
            ("ch03_thread_pool", "done after 4 s.", "done after 2 s."),
            ("ch04_race", "Ending value is 1.", "Ending value is 2."),
            ("ch05_lock_fix", "Ending value is 2.", "Ending value is 1."),
            (
                "ch06_rlock",
                "try_lock says WouldBlock",
                "try_lock took the lock again",
            ),
            (
                "ch07_deadlock",
                "00:00:04: Main    : deadlock detected: Thread A holds lock 1 and waits for lock 2\n",
                "",
            ),
            (
                "ch08_forgotten_lock",
                "bug caught: yes, a check without the lock saw money in flight",
                "bug caught: no, every check happened to agree",
            ),
            (
                "ch09_safe_bank",
                "wrong total in 0 of 49995",
                "wrong total in 3 of 49995",
            ),
            (
                "ch10_fine_grained",
                "Unordered: deadlock: a cycle of waits",
                "Unordered: no cycle of waits among the account locks",
            ),
            (
                "ch11_atomics",
                "the first loads of threads 0 to 3 returned 0, 0, 0, 0",
                "the first loads of threads 0 to 3 returned 0, 59664, 128671, 146007",
            ),
            (
                "ch12_scoped_threads",
                "00:00:02: Main    : the scope returned after 2 s",
                "00:00:00: Main    : the scope returned after 0 s",
            ),
            (
                "ch13_channels",
                "all 4 sent after 2 s: held back by the full queue",
                "all 4 sent after 0 s: never held back",
            ),
            (
                "ch14_condvar",
                "00:00:01: Waiter A: woke: the event is set",
                "00:00:02: Waiter A: woke: the event is set",
            ),
            (
                "ch15_semaphore",
                "at most 2 jobs were inside at once",
                "at most 3 jobs were inside at once",
            ),
            (
                "ch16_barrier",
                "leads phase 0 out: 3 of 3 threads finished it",
                "leads phase 0 out: 2 of 3 threads finished it",
            ),
            (
                "ch17_rwlock",
                "the 3 readers behind the RwLock took 1 s",
                "the 3 readers behind the RwLock took 3 s",
            ),
            (
                "ch18_once",
                "00:00:00: Thread [..]: initialising the settings (call 1 of the initialiser)",
                "00:00:00: Thread [..]: initialising the settings (call 1 of the initialiser)\n\
                 00:00:00: Thread [..]: initialising the settings (call 2 of the initialiser)",
            ),
        ];
        let chapters = crate::build::workspace().unwrap().join("chapters");
        let all = crate::chapter::discover(&chapters).unwrap();
        assert_eq!(
            all.len(),
            broken.len(),
            "every chapter names the claim its log pins"
        );
        for (chapter, good, bad) in broken {
            let expected =
                std::fs::read_to_string(chapters.join(chapter).join("expected.log")).unwrap();
            let run = faithful_run(&expected);
            assert!(
                passes(&expected, &run),
                "{chapter}: its own faithful run passes"
            );
            assert!(run.contains(good), "{chapter}: no line with {good:?}");
            let failed = run.replacen(good, bad, 1);
            assert!(
                !passes(&expected, &failed),
                "{chapter}: {good:?} -> {bad:?} still passes"
            );
        }
    }
}
