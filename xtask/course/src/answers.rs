//! The course's own check of its exercises (`check-solutions`): a scratch copy of the
//! exercises' workspace, the reference solution put in place, and what each answer kept in
//! `xtask/tests/answers/` says of itself. An answer is a whole file put in place of the
//! exercise's: `right_<what>.lib.rs` replaces `src/lib.rs` and must pass;
//! `wrong_<stage>_<what>.main.rs` replaces `src/main.rs` and must fail at `<stage>`, `build`,
//! `run`, `noise` or `model`.

use std::path::{Path, PathBuf};

use crate::{Error, Exercise, Place};

/// A scratch copy of the exercises' workspace: removed when dropped, on every way out of the
/// check (an error returned early included), so that no copy is left in the target dir.
pub struct Scratch(Place);

impl std::ops::Deref for Scratch {
    type Target = Place;
    fn deref(&self) -> &Place {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0.ws);
    }
}

/// A copy of the exercises workspace under the target dir, with the path to `common` made
/// absolute (it is relative to `exercises/`).
pub fn scratch_copy(root: &Path, exercises: &Path, name: &str) -> crate::Result<Scratch> {
    // One folder per process: two checks at once (a test and a maintainer) never share one.
    let to = crate::build::target_dir(root)
        .join("practice")
        .join(format!("{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    // Made before the copy, so that a copy that fails half way is removed too.
    let scratch = Scratch(Place {
        root: root.to_path_buf(),
        ws: to,
        // Kept between runs, and shared by the scratch copies of one run, one after another.
        target: crate::build::target_dir(root).join("practice/target"),
    });
    let broken = Error::CopyExercises;
    copy_dir(exercises, &scratch.ws).map_err(broken)?;
    let manifest = scratch.ws.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(broken)?;
    // `path = "../common"` is the course's crate, from wherever the copy is.
    let text = text.replace(
        "path = \"../",
        &format!("path = \"{}/", root.to_string_lossy()),
    );
    std::fs::write(&manifest, text).map_err(broken)?;
    Ok(scratch)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_name() == "target" || entry.file_name() == "Cargo.lock" {
            continue;
        }
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}

/// Put the solution's files over the exercise's in `ws`.
pub fn apply_solution(ws: &Path, ex: &Exercise, solutions: &Path) -> crate::Result<()> {
    let files = ex.solution_files(solutions);
    if files.is_empty() {
        return Err(Error::NoSolution {
            name: ex.name.clone(),
            dir: solutions.join(&ex.folder),
        });
    }
    for (rel, from) in files {
        put(&from, &ws.join(&ex.folder).join(&rel))?;
    }
    Ok(())
}

/// Put the file `from` at `to`, making its folder.
pub fn put(from: &Path, to: &Path) -> crate::Result<()> {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::MakeDir(dir.to_path_buf(), e))?;
    }
    std::fs::copy(from, to).map_err(|e| Error::Copy(from.to_path_buf(), e))?;
    Ok(())
}

/// What an answer file says about itself: the file it replaces, and the stage by which it
/// must have failed (`None`: it must pass).
pub fn answer_kind(file_name: &str) -> Option<(&'static str, Option<&'static str>)> {
    let target = if file_name.ends_with(".lib.rs") {
        "src/lib.rs"
    } else if file_name.ends_with(".main.rs") {
        "src/main.rs"
    } else {
        return None;
    };
    if file_name.starts_with("right_") {
        return Some((target, None));
    }
    let stage = ["build", "run", "noise", "model"]
        .into_iter()
        .find(|st| file_name.starts_with(&format!("wrong_{st}_")))?;
    Some((target, Some(stage)))
}

/// Whether an answer that must fail by `must_fail_by` (`None`: it must pass) was judged right,
/// when the judge's first failed stage was `failed_at`. A schedule decides a model's failure, and
/// a noisy run's: the plain run may show it first, by luck.
pub fn judged_right(must_fail_by: Option<&str>, failed_at: Option<&str>) -> bool {
    match (must_fail_by, failed_at) {
        (None, None) => true,
        (Some(by @ ("model" | "noise")), Some(at)) => at == by || at == "run",
        (Some(by), Some(at)) => by == at,
        _ => false,
    }
}

/// An answer kept for an exercise in `xtask/tests/answers/<folder>/`.
pub struct Answer {
    pub file: PathBuf,
    /// Its file name, which says what it is ([`answer_kind`]).
    pub name: String,
    /// The stage by which it must have failed (`None`: it must pass).
    pub must_fail_by: Option<&'static str>,
    target: &'static str,
}

/// The answers kept for `ex`, in the order of their names; one whose name does not say what it
/// is stops the check.
pub fn kept(root: &Path, ex: &Exercise) -> crate::Result<Vec<Answer>> {
    let dir = root.join("xtask/tests/answers").join(&ex.folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let Some((target, must_fail_by)) = answer_kind(name) else {
                return Err(Error::AnswerName(file));
            };
            Ok(Answer {
                name: name.to_string(),
                file,
                must_fail_by,
                target,
            })
        })
        .collect()
}

/// A scratch copy of the exercises in `exercises` with the answer `a` put in place in `ex`.
pub fn with_answer(
    root: &Path,
    exercises: &Path,
    ex: &Exercise,
    a: &Answer,
) -> crate::Result<Scratch> {
    let place = scratch_copy(root, exercises, "answer")?;
    let to = place.ws.join(&ex.folder).join(a.target);
    std::fs::copy(&a.file, &to).map_err(|e| Error::Copy(a.file.clone(), e))?;
    Ok(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_says_what_it_replaces_and_where_it_must_fail() {
        assert_eq!(
            answer_kind("right_mutex.lib.rs"),
            Some(("src/lib.rs", None))
        );
        assert_eq!(
            answer_kind("wrong_noise_sleep.main.rs"),
            Some(("src/main.rs", Some("noise")))
        );
        assert_eq!(answer_kind("wrong_later_x.lib.rs"), None);
        assert_eq!(answer_kind("notes.md"), None);
        assert!(judged_right(Some("model"), Some("run")));
        assert!(!judged_right(Some("build"), Some("run")));
        assert!(!judged_right(None, Some("run")));
        assert!(!judged_right(Some("run"), None));
    }

    /// A kept answer whose name says nothing of how to judge it is a usage error that names
    /// the file, found before any answer is judged; the others come in the order of their names.
    #[test]
    fn answers_are_kept_by_name_and_a_wrong_name_is_the_students_to_mend() {
        let root = std::env::temp_dir().join(format!("answers-kept-{}", std::process::id()));
        let dir = root.join("xtask/tests/answers/04_x");
        std::fs::create_dir_all(&dir).unwrap();
        let ex = Exercise {
            name: "ex04_x".into(),
            folder: "04_x".into(),
            number: 4,
            lesson: crate::Lesson::default(),
        };
        for f in ["wrong_run_a.main.rs", "right_b.lib.rs"] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        let names: Vec<_> = kept(&root, &ex)
            .unwrap()
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(names, ["right_b.lib.rs", "wrong_run_a.main.rs"]);
        std::fs::write(dir.join("maybe.rs"), "").unwrap();
        let e = kept(&root, &ex).err().unwrap();
        assert!(e.is_usage(), "{e}");
        assert!(
            e.to_string()
                .contains("maybe.rs: an answer is named right_"),
            "{e}"
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    /// A scratch copy goes when dropped, and one whose copying failed half way is not left.
    #[test]
    fn a_scratch_copy_is_removed_on_every_way_out() {
        let root = std::env::temp_dir().join(format!("course-scratch-{}", std::process::id()));
        let exercises = root.join("exercises");
        std::fs::create_dir_all(exercises.join("01_x/src")).unwrap();
        std::fs::write(exercises.join("01_x/src/lib.rs"), "").unwrap();
        let place = |name| {
            root.join("target/practice")
                .join(format!("{}-{name}", std::process::id()))
        };
        // No Cargo.toml to rewrite: the copy fails after its files are copied.
        assert!(scratch_copy(&root, &exercises, "half").is_err());
        assert!(!place("half").exists());
        std::fs::write(exercises.join("Cargo.toml"), "[workspace]\n").unwrap();
        let copy = scratch_copy(&root, &exercises, "whole").unwrap();
        assert!(copy.ws.join("01_x/src/lib.rs").is_file());
        drop(copy);
        assert!(!place("whole").exists());
        let _ = std::fs::remove_dir_all(&root);
    }
}
