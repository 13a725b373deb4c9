//! The course: its chapters, found on disk, in order, with their lessons read from their docs.
//!
//! The list of chapters is the folder `chapters/` itself: a folder `chNN_name` with a
//! `Cargo.toml` is a chapter, and its number gives its place. Nothing else lists them.
//! A chapter's lesson text lives in one place, the `//!` doc of its `src/main.rs`:
//!
//! ```text
//! //! # Threads that sleep and join        <- the title
//! //!
//! //! What the chapter shows.              <- the summary
//! //!
//! //! ## What to look for                  <- sections, by heading
//! //! ...
//! ```

use std::path::{Path, PathBuf};

use crate::Error;

pub struct Chapter {
    /// The package and binary name, which is also the folder's name.
    pub name: String,
    pub dir: PathBuf,
    pub lesson: Lesson,
}

#[derive(Default)]
pub struct Lesson {
    pub title: String,
    pub summary: String,
    /// `(heading, text)` for each `## heading` of the doc.
    pub sections: Vec<(String, String)>,
}

impl Lesson {
    pub fn section(&self, heading: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|(h, _)| h.eq_ignore_ascii_case(heading))
            .map(|(_, t)| t.as_str())
    }

    /// The first line of its "Python original" section (the lesson it mirrors, linked), as the
    /// README's map and the book's introduction list it; empty when it has none.
    pub fn original(&self) -> &str {
        self.section("Python original")
            .and_then(|t| t.lines().next())
            .unwrap_or("")
    }
}

impl Chapter {
    pub fn expected_log(&self) -> PathBuf {
        self.dir.join("expected.log")
    }

    /// Its Python twin, `python/<name>.py` in the workspace `root` (it may not exist).
    pub fn twin_script(&self, root: &Path) -> PathBuf {
        root.join("python").join(format!("{}.py", self.name))
    }

    /// The log its twin is checked against: the twin's own, `python/expected/<name>.log`, where
    /// the lesson is that Python differs; the chapter's own everywhere else.
    pub fn twin_log(&self, root: &Path) -> PathBuf {
        let own = root
            .join("python")
            .join("expected")
            .join(format!("{}.log", self.name));
        if own.exists() {
            own
        } else {
            self.expected_log()
        }
    }

    /// `ch04` of `ch04_race`; the whole name when it has no chapter number.
    pub fn short(&self) -> &str {
        match self.name.split_once('_') {
            Some((head, _)) if self.number().is_some() => head,
            _ => &self.name,
        }
    }

    /// 4 of `ch04_race`.
    pub fn number(&self) -> Option<u32> {
        let head = self.name.split('_').next()?;
        head.strip_prefix("ch")?.parse().ok()
    }
}

/// The chapters under `dir`, in order. A folder is a chapter when it holds a `Cargo.toml`, or
/// (for the runner's test fixtures) a `main.rs`.
pub fn discover(dir: &Path) -> crate::Result<Vec<Chapter>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::CourseFolder(dir.into(), e))?;
    let mut chapters = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::Read(dir.into(), e))?;
        let path = entry.path();
        let source = [path.join("src/main.rs"), path.join("main.rs")]
            .into_iter()
            .find(|p| p.is_file());
        let (Some(source), Some(name)) = (source, path.file_name().and_then(|n| n.to_str())) else {
            continue;
        };
        let text = std::fs::read_to_string(&source).map_err(|e| Error::Read(source.clone(), e))?;
        chapters.push(Chapter {
            name: name.to_string(),
            dir: path.clone(),
            lesson: parse_lesson(&text),
        });
    }
    chapters.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(chapters)
}

/// Find a chapter by its full name, its short name (`ch04`), its number (`4`, `04`) or a part
/// of its name that no other chapter's has (`race`).
pub fn find<'c>(chapters: &'c [Chapter], wanted: &str) -> crate::Result<&'c Chapter> {
    // `4`, `04`, `ch4` and `ch04` all name chapter 4.
    let number: Option<u32> = wanted.strip_prefix("ch").unwrap_or(wanted).parse().ok();
    let exact = chapters.iter().find(|c| {
        c.name == wanted || c.short() == wanted || (number.is_some() && c.number() == number)
    });
    if let Some(c) = exact {
        return Ok(c);
    }
    let part = wanted.to_ascii_lowercase();
    let matching: Vec<&Chapter> = chapters
        .iter()
        .filter(|c| !part.is_empty() && c.name.to_ascii_lowercase().contains(&part))
        .collect();
    match matching[..] {
        [c] => Ok(c),
        [] => Err(Error::UnknownChapter {
            wanted: wanted.to_string(),
            chapters: which_chapters(chapters),
        }),
        _ => Err(Error::AmbiguousChapter {
            wanted: wanted.to_string(),
            names: matching.iter().map(|c| c.name.clone()).collect(),
        }),
    }
}

/// The chapters a command works on: the one `wanted` names, or all of them (none in `dir`, the
/// course folder, is an error).
pub fn select<'c>(
    chapters: &'c [Chapter],
    wanted: Option<&str>,
    dir: &Path,
) -> crate::Result<Vec<&'c Chapter>> {
    match wanted {
        Some(w) => Ok(vec![find(chapters, w)?]),
        None if chapters.is_empty() => Err(Error::NoChapters(dir.to_path_buf())),
        None => Ok(chapters.iter().collect()),
    }
}

/// The chapters in a few words, for an error: `the chapters are ch01 to ch18: `cargo xtask
/// list` names them`; every name only when there are three or fewer.
pub fn which_chapters(chapters: &[Chapter]) -> String {
    let shorts: Vec<&str> = chapters.iter().map(Chapter::short).collect();
    match shorts[..] {
        [] => "there are no chapters".to_string(),
        [one] => format!("the only chapter is {one}"),
        _ if shorts.len() <= 3 => format!("the chapters are {}", shorts.join(", ")),
        [first, .., last] => {
            format!("the chapters are {first} to {last}: `cargo xtask list` names them")
        }
    }
}

/// Read the lesson out of a chapter's `//!` doc.
pub fn parse_lesson(source: &str) -> Lesson {
    let doc: Vec<&str> = source
        .lines()
        .map_while(|l| {
            let l = l.trim_start();
            if l.starts_with("//!") {
                Some(
                    l.strip_prefix("//! ")
                        .unwrap_or(l.trim_start_matches("//!")),
                )
            } else if l.is_empty() {
                Some("")
            } else {
                None
            }
        })
        .collect();
    let mut lesson = Lesson::default();
    let mut current: Option<(String, Vec<&str>)> = None;
    let mut summary = Vec::new();
    for line in doc {
        if let Some(t) = line.strip_prefix("# ") {
            lesson.title = t.trim().to_string();
        } else if let Some(h) = line.strip_prefix("## ") {
            if let Some((h, body)) = current.take() {
                lesson.sections.push((h, tidy(&body)));
            }
            current = Some((h.trim().to_string(), Vec::new()));
        } else if let Some((_, body)) = current.as_mut() {
            body.push(line);
        } else {
            summary.push(line);
        }
    }
    if let Some((h, body)) = current.take() {
        lesson.sections.push((h, tidy(&body)));
    }
    lesson.summary = tidy(&summary);
    lesson
}

/// When a rule of a chapter's `## If it differs` section speaks.
#[derive(Debug, PartialEq, Eq)]
pub enum When {
    /// An output line matching the pattern was not expected (extra, or at another time).
    Came,
    /// An output line matching the pattern came, but at another time than expected.
    CameAtAnotherTime,
    /// An expected line matching the pattern never came.
    IsMissing,
}

impl std::fmt::Display for When {
    /// The words of the rule's bullet: `came`, `came at another time`, `is missing`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            When::Came => "came",
            When::CameAtAnotherTime => "came at another time",
            When::IsMissing => "is missing",
        })
    }
}

/// One rule: `- `PATTERN` came: what it means in the lesson's words`.
#[derive(Debug)]
pub struct Rule {
    pub pattern: String,
    pub when: When,
    pub says: String,
}

/// The rules of a chapter's `## If it differs` section. Each is a bullet:
///
/// ```text
/// - `Testing update. Ending value is 2.` came: the ending value is 2, not 1: no update was lost.
/// - `Thread [..]: finishing` came at another time: the threads did not sleep side by side.
/// - `Deadlock detected[..]` is missing: the detector did not see the deadlock.
/// ```
pub fn rules(lesson: &Lesson) -> Vec<Rule> {
    read_rules(lesson).0
}

/// What is wrong with the bullets of `## If it differs` that do not read as a rule (a rule that
/// cannot be read never speaks, so a test asks this of every chapter and exercise).
pub fn rule_errors(lesson: &Lesson) -> Vec<BadRule> {
    read_rules(lesson).1
}

/// A bullet of `## If it differs` that does not read as a rule: the bullet, trimmed.
#[derive(Debug, PartialEq, Eq)]
pub struct BadRule(pub String);

impl std::fmt::Display for BadRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the `If it differs` bullet `- {}` does not read as a rule: write it \
             `- `PATTERN` came: ...`, `... came at another time: ...` or `... is missing: ...`",
            self.0
        )
    }
}

/// The rules, and each bullet that is not one.
fn read_rules(lesson: &Lesson) -> (Vec<Rule>, Vec<BadRule>) {
    let Some(text) = lesson.section("If it differs") else {
        return (Vec::new(), Vec::new());
    };
    let mut rules: Vec<Rule> = Vec::new();
    let mut errors = Vec::new();
    // Whether the lines that follow continue a rule (not a bullet that did not read).
    let mut in_rule = false;
    for line in text.lines() {
        let Some(bullet) = line.strip_prefix("- ") else {
            // A continuation line of the rule before.
            if let Some(r) = rules.last_mut().filter(|_| in_rule)
                && !line.trim().is_empty()
            {
                r.says += " ";
                r.says += line.trim();
            }
            continue;
        };
        in_rule = false;
        let parsed = bullet.strip_prefix('`').and_then(|rest| {
            let (pattern, rest) = rest.split_once('`')?;
            let (when, says) = if let Some(s) = rest.strip_prefix(" came at another time:") {
                (When::CameAtAnotherTime, s)
            } else if let Some(s) = rest.strip_prefix(" came:") {
                (When::Came, s)
            } else if let Some(s) = rest.strip_prefix(" is missing:") {
                (When::IsMissing, s)
            } else {
                return None;
            };
            Some(Rule {
                pattern: pattern.to_string(),
                when,
                says: says.trim().to_string(),
            })
        });
        match parsed {
            Some(rule) => {
                rules.push(rule);
                in_rule = true;
            }
            None => errors.push(BadRule(bullet.trim().to_string())),
        }
    }
    (rules, errors)
}

fn tidy(lines: &[&str]) -> String {
    lines.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lesson_is_read_from_the_doc() {
        let src = "//! # Threads\n//!\n//! They run at once.\n//!\n//! ## What to look for\n//! The times.\n//!\n//! ## Try this\n//! - Join in the loop.\n\nuse x;\n//! not doc\n";
        let l = parse_lesson(src);
        assert_eq!(l.title, "Threads");
        assert_eq!(l.summary, "They run at once.");
        assert_eq!(l.section("what to look for"), Some("The times."));
        assert_eq!(l.section("Try this"), Some("- Join in the loop."));
        assert_eq!(l.sections.len(), 2);
    }

    #[test]
    fn rules_are_read_from_if_it_differs() {
        let src = "//! # T\n//!\n//! ## If it differs\n//! - `Ending value is 2.` came: no update\n//!   was lost.\n//! - `Thread [..]: finishing` came at another time: not together.\n//! - `Deadlock[..]` is missing: not caught.\n//! - `x` sneezed: ignored\n";
        let r = rules(&parse_lesson(src));
        assert_eq!(r.len(), 3);
        assert_eq!(
            (r[0].pattern.as_str(), &r[0].when),
            ("Ending value is 2.", &When::Came)
        );
        assert_eq!(r[0].says, "no update was lost.");
        assert_eq!(r[1].when, When::CameAtAnotherTime);
        assert_eq!(r[2].when, When::IsMissing);
        let errors = rule_errors(&parse_lesson(src));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0]
                .to_string()
                .contains("`- `x` sneezed: ignored` does not read"),
            "{errors:?}"
        );
    }

    #[test]
    fn every_if_it_differs_bullet_of_the_course_reads_as_a_rule() {
        let root = crate::build::workspace().unwrap();
        let mut lessons: Vec<(String, Lesson)> = Vec::new();
        for dir in [root.join("chapters"), root.join("xtask/fixtures")] {
            for c in discover(&dir).unwrap() {
                lessons.push((c.name, c.lesson));
            }
        }
        let exercises = crate::exercise::discover(&root.join("exercises")).unwrap();
        assert!(exercises.len() >= 18);
        for e in exercises {
            lessons.push((e.name, e.lesson));
        }
        assert!(lessons.len() >= 36);
        let mut wrong = Vec::new();
        for (name, lesson) in &lessons {
            wrong.extend(
                rule_errors(lesson)
                    .into_iter()
                    .map(|e| format!("{name}: {e}")),
            );
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn chapters_are_found_by_name_short_name_or_number() {
        let mk = |n: &str| Chapter {
            name: n.into(),
            dir: PathBuf::new(),
            lesson: Lesson::default(),
        };
        let cs = vec![mk("ch01_spawn_join"), mk("ch04_race")];
        for w in ["ch04_race", "ch04", "4", "04", "ch4"] {
            assert_eq!(find(&cs, w).unwrap().name, "ch04_race");
        }
        let err = find(&cs, "ch09").err().unwrap().to_string();
        assert!(err.contains("the chapters are ch01, ch04"), "{err}");
    }

    #[test]
    fn a_unique_part_of_a_name_finds_its_chapter_and_an_ambiguous_one_says_which() {
        let mk = |n: &str| Chapter {
            name: n.into(),
            dir: PathBuf::new(),
            lesson: Lesson::default(),
        };
        let cs = vec![
            mk("ch04_race"),
            mk("ch05_lock_fix"),
            mk("ch08_forgotten_lock"),
        ];
        assert_eq!(find(&cs, "race").unwrap().name, "ch04_race");
        assert_eq!(find(&cs, "Forgotten").unwrap().name, "ch08_forgotten_lock");
        let err = find(&cs, "lock").err().unwrap().to_string();
        assert!(
            err.contains("`lock` names more than one chapter: ch05_lock_fix, ch08_forgotten_lock"),
            "{err}"
        );
        let err = find(&cs, "bank").err().unwrap().to_string();
        assert!(
            err.contains("unknown chapter `bank`; the chapters are ch04, ch05, ch08"),
            "{err}"
        );
        // A long course is named by its ends, in one short line.
        let many: Vec<Chapter> = (1..=18).map(|n| mk(&format!("ch{n:02}_x{n}"))).collect();
        let err = find(&many, "ch99").err().unwrap().to_string();
        assert_eq!(
            err,
            "unknown chapter `ch99`; the chapters are ch01 to ch18: `cargo xtask list` names \
             them (a number like 4 works too)"
        );
    }
}
