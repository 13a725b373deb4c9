//! Where the student is in the course: the progress file that `tour` and `watch` keep.
//!
//! The progress file is one small text file, ignored by git. A file that is missing, broken,
//! from an older course or naming a chapter that is gone only means "start at the beginning".

use std::path::Path;

const HEADER: &str = "thread-safety course progress, version 1";

/// Why a progress file that was there was not used.
#[derive(Debug, PartialEq, Eq)]
pub enum Unused {
    /// It is from another version of the course, or broken.
    Broken,
    /// It names no chapter of this course.
    NoChapter,
}

impl std::fmt::Display for Unused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Unused::Broken => "the progress file is from another version or broken",
            Unused::NoChapter => "the progress file names no chapter of this course",
        })
    }
}

/// The chapter the student was at, if the file names one that still exists. The second value
/// says why the file was not used, when it was there but could not be.
pub fn load(path: &Path, names: &[&str]) -> (usize, Option<Unused>) {
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => return (0, None),
    };
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return (0, Some(Unused::Broken));
    }
    let chapter = lines.find_map(|l| l.strip_prefix("chapter = "));
    match chapter.and_then(|c| names.iter().position(|n| *n == c.trim())) {
        Some(at) => (at, None),
        None => (0, Some(Unused::NoChapter)),
    }
}

/// Remember chapter `name`, by writing a new file and renaming it over the old one.
pub fn save(path: &Path, name: &str) -> std::io::Result<()> {
    save_with(path, name, &[])
}

/// [`save`], with the names of what was passed (the exercises the watch saw pass).
pub fn save_with(path: &Path, name: &str, passed: &[String]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut text = format!("{HEADER}\nchapter = {name}\n");
    for p in passed {
        text += &format!("passed = {p}\n");
    }
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// The names the file says were passed (none when it is missing or broken).
pub fn passed(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    if text.lines().next() != Some(HEADER) {
        return Vec::new();
    }
    text.lines()
        .filter_map(|l| l.strip_prefix("passed = "))
        .map(|n| n.trim().to_string())
        .collect()
}

/// Forget that `name` was passed (an exercise put back as the course gave it is not passed),
/// keeping the rest of the file. A file that is missing or broken has nothing to forget.
pub fn forget_passed(path: &Path, name: &str) -> std::io::Result<()> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(());
    };
    if text.lines().next() != Some(HEADER) {
        return Ok(());
    }
    let kept: String = text
        .lines()
        .filter(|l| l.strip_prefix("passed = ").map(str::trim) != Some(name))
        .map(|l| format!("{l}\n"))
        .collect();
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, kept)?;
    std::fs::rename(&tmp, path)
}

/// Where a bare `watch` opens among the exercises `names`: the one open last (the first for a
/// new student); when that one was passed, the next not yet passed after it (from the top when
/// none is after it); when all were passed, the one open last.
pub fn start_place(path: &Path, names: &[&str]) -> usize {
    let passed = passed(path);
    let kept = load(path, names).0;
    (kept..names.len())
        .chain(0..kept)
        .find(|&at| !passed.iter().any(|p| p == names[at]))
        .unwrap_or(kept)
}

/// Where the student asked the tour to go, at its prompt.
#[derive(Debug, PartialEq, Eq)]
pub enum Go {
    Next,
    Back,
    Again,
    /// A chapter's place in the course, from 0.
    Jump(usize),
    Restart,
    Quit,
}

/// Where a command leads from chapter `at` of `count`; `None` ends the tour.
pub fn apply(at: usize, cmd: &Go, count: usize) -> Option<usize> {
    match cmd {
        Go::Next => (at + 1 < count).then_some(at + 1),
        Go::Back => Some(at.saturating_sub(1)),
        Go::Again => Some(at),
        Go::Jump(n) => Some((*n).min(count.saturating_sub(1))),
        Go::Restart => Some(0),
        Go::Quit => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("tour-test-{}-{name}", std::process::id()))
    }

    const NAMES: &[&str] = &["ch01_a", "ch02_b", "ch03_c"];

    #[test]
    fn a_new_course_starts_at_chapter_one() {
        assert_eq!(load(&tmp("none"), NAMES), (0, None));
    }

    #[test]
    fn progress_is_saved_and_loaded() {
        let p = tmp("saved");
        save(&p, "ch03_c").unwrap();
        assert_eq!(load(&p, NAMES), (2, None));
        save(&p, "ch02_b").unwrap();
        assert_eq!(load(&p, NAMES), (1, None));
        assert!(!p.with_extension("tmp").exists());
        std::fs::remove_file(p).unwrap();
    }

    #[test]
    fn an_old_or_broken_file_starts_over_and_says_why() {
        let cases: &[&[u8]] = &[
            b"chapter = ch02_b\n", // no header: older
            b"thread-safety course progress, version 0\nchapter = ch02_b\n", // another version
            b"\xff\xfe garbage \x00", // not even text
            b"",
        ];
        for (i, bytes) in cases.iter().enumerate() {
            let p = tmp(&format!("bad{i}"));
            std::fs::write(&p, bytes).unwrap();
            let (at, why) = load(&p, NAMES);
            assert_eq!(at, 0);
            assert!(
                why.unwrap()
                    .to_string()
                    .contains("another version or broken")
            );
            std::fs::remove_file(p).unwrap();
        }
    }

    #[test]
    fn a_chapter_that_is_gone_starts_over() {
        let p = tmp("gone");
        save(&p, "ch09_removed").unwrap();
        let (at, why) = load(&p, NAMES);
        assert_eq!(at, 0);
        assert!(
            why.unwrap()
                .to_string()
                .contains("no chapter of this course")
        );
        std::fs::remove_file(p).unwrap();
    }

    #[test]
    fn what_was_passed_is_kept_beside_the_place() {
        let p = tmp("passed");
        save_with(&p, "ch02_b", &["ch01_a".into(), "ch03_c".into()]).unwrap();
        assert_eq!(load(&p, NAMES), (1, None));
        assert_eq!(passed(&p), ["ch01_a", "ch03_c"]);
        save(&p, "ch02_b").unwrap();
        assert!(passed(&p).is_empty());
        std::fs::remove_file(p).unwrap();
        assert!(passed(&tmp("never")).is_empty());
    }

    #[test]
    fn a_pass_forgotten_leaves_the_place_and_the_other_passes() {
        let p = tmp("forget");
        save_with(&p, "ch02_b", &["ch01_a".into(), "ch02_b".into()]).unwrap();
        forget_passed(&p, "ch02_b").unwrap();
        assert_eq!(load(&p, NAMES), (1, None));
        assert_eq!(passed(&p), ["ch01_a"]);
        std::fs::remove_file(p).unwrap();
        forget_passed(&tmp("never"), "ch01_a").unwrap();
        assert!(!tmp("never").exists());
    }

    /// `watch 4`, then `q`, said "`cargo xtask watch` comes back to ex04_race", and a bare
    /// `watch` opened exercise 1: it comes back where the student was.
    #[test]
    fn a_bare_watch_comes_back_to_the_exercise_open_last() {
        let all = ["ex01_x", "ex02_x", "ex03_x", "ex04_x"];
        let file = std::env::temp_dir().join(format!("watch-start-{}", std::process::id()));
        assert_eq!(
            start_place(&file, &all),
            0,
            "a new student starts at the first"
        );
        let passed = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        save_with(&file, "ex04_x", &[]).unwrap();
        assert_eq!(start_place(&file, &all), 3, "back to 4, none passed");
        save_with(&file, "ex03_x", &passed(&["ex01_x"])).unwrap();
        assert_eq!(start_place(&file, &all), 2, "back to 3, not to 2");
        save_with(&file, "ex03_x", &passed(&["ex03_x"])).unwrap();
        assert_eq!(start_place(&file, &all), 3, "3 was passed: the next, 4");
        save_with(&file, "ex04_x", &passed(&["ex01_x", "ex04_x"])).unwrap();
        assert_eq!(start_place(&file, &all), 1, "4 was passed: from the top, 2");
        save_with(
            &file,
            "ex02_x",
            &passed(&["ex01_x", "ex02_x", "ex03_x", "ex04_x"]),
        )
        .unwrap();
        assert_eq!(start_place(&file, &all), 1, "all passed: the place kept");
        std::fs::remove_file(&file).unwrap();
    }
}
