//! The exercises, found on disk: a folder `exercises/NN_name/` holding the crate `exNN_name`,
//! the chapter's story with the fix left out, its `//!` doc (title, `## Your task`, `## Hint`,
//! `## If it differs`) in `src/main.rs`, its `expected.log`, and, where a schedule decides, a
//! model on the play runtime in `tests/play.rs`. `solutions/NN_name/` holds the files of a
//! reference fix at the same paths, and `NOTE.md`, why it is right.

use std::path::{Path, PathBuf};

use crate::{Chapter, Error, Lesson};

/// One exercise, found on disk.
pub struct Exercise {
    /// The crate's name, `ex04_race`.
    pub name: String,
    /// Its folder's name, `04_race`, the same under `exercises/` and `solutions/`.
    pub folder: String,
    pub number: u32,
    pub lesson: Lesson,
}

impl Exercise {
    /// The exercise as the verdict knows a chapter: its name, folder and lesson (for the
    /// expected log and the `## If it differs` rules).
    pub fn as_chapter(&self, ws: &Path) -> Chapter {
        Chapter {
            name: self.name.clone(),
            dir: ws.join(&self.folder),
            lesson: Lesson {
                title: self.lesson.title.clone(),
                summary: self.lesson.summary.clone(),
                sections: self.lesson.sections.clone(),
            },
        }
    }

    /// The files of the reference solution, as (path inside the exercise, path of the file).
    pub fn solution_files(&self, solutions: &Path) -> Vec<(PathBuf, PathBuf)> {
        let root = solutions.join(&self.folder);
        let mut files = Vec::new();
        collect_files(&root, &root, &mut files);
        files.retain(|(rel, _)| rel != Path::new("NOTE.md"));
        files
    }

    /// The files the student works in, from the course's root: those the reference solution
    /// (under `root/solutions`) changes, else the exercise's `src/`.
    pub fn work_files(&self, root: &Path) -> Vec<String> {
        let files: Vec<String> = self
            .solution_files(&root.join("solutions"))
            .iter()
            .map(|(rel, _)| format!("exercises/{}/{}", self.folder, rel.display()))
            .collect();
        match files.is_empty() {
            true => vec![format!("exercises/{}/src/", self.folder)],
            false => files,
        }
    }
}

/// Where an exercise workspace is built and run: the course's root (for its `Cargo.lock` and
/// target dir) and the workspace folder (`exercises/`, or a scratch copy of it).
pub struct Place {
    pub root: PathBuf,
    pub ws: PathBuf,
    /// Where it builds: the course's target dir for `exercises/`, another for a scratch copy
    /// (see `build::exercise`).
    pub target: PathBuf,
}

impl Place {
    /// The student's own exercises, not a scratch copy: a schedule that breaks them is kept
    /// for `--replay`, which plays their code.
    pub fn is_the_students(&self) -> bool {
        self.ws == self.root.join("exercises")
    }
}

/// The file `given` (a path from the course's `root`, `exercises/04_race/src/lib.rs`) as the
/// course gave it: git's last commit of it, if git can say.
pub fn as_given(root: &Path, given: &str) -> Option<String> {
    crate::child::output(
        std::process::Command::new("git")
            .current_dir(root)
            .args(["show", &format!("HEAD:{given}")]),
    )
    .ok()
    .filter(|o| o.status.success())
    .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

/// Every file under `dir`, sorted, as (its path from `root`, its path).
pub fn collect_files(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_files(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push((rel.to_path_buf(), p.clone()));
        }
    }
}

/// The exercises under `dir`, in order: folders `NN_name` with a `Cargo.toml` and `src/main.rs`.
pub fn discover(dir: &Path) -> crate::Result<Vec<Exercise>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::ExercisesFolder(dir.into(), e))?;
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(folder) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(number) = folder
            .split_once('_')
            .and_then(|(n, _)| n.parse::<u32>().ok())
        else {
            continue;
        };
        let main = path.join("src/main.rs");
        if !path.join("Cargo.toml").is_file() || !main.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&main).map_err(|e| Error::Read(main.clone(), e))?;
        found.push(Exercise {
            name: format!("ex{folder}"),
            folder: folder.to_string(),
            number,
            lesson: crate::chapter::parse_lesson(&text),
        });
    }
    found.sort_by_key(|e| e.number);
    Ok(found)
}

/// Find an exercise by its number (`4`, `04`), short name (`ex04`, `ex4`), folder (`04_race`)
/// or crate name (`ex04_race`); `ch04` names chapter 4's exercise too.
pub fn find<'e>(all: &'e [Exercise], wanted: &str) -> crate::Result<&'e Exercise> {
    let bare = wanted
        .strip_prefix("ex")
        .or_else(|| wanted.strip_prefix("ch"))
        .unwrap_or(wanted);
    let number: Option<u32> = bare.split('_').next().and_then(|n| n.parse().ok());
    let by_name = all
        .iter()
        .find(|e| e.name == wanted || e.folder == wanted || e.folder == bare);
    by_name
        .or_else(|| {
            all.iter()
                .find(|e| number == Some(e.number) && !bare.contains('_'))
        })
        .ok_or_else(|| Error::UnknownExercise {
            wanted: wanted.to_string(),
            names: all.iter().map(|e| e.name.clone()).collect(),
        })
}

/// The exercises of the course at `root` (`exercises/`), and where they build: the course's own
/// target dir.
pub fn of_course(root: &Path) -> crate::Result<(Place, Vec<Exercise>)> {
    let ws = root.join("exercises");
    let all = discover(&ws)?;
    if all.is_empty() {
        return Err(Error::NoExercises(ws));
    }
    Ok((
        Place {
            root: root.to_path_buf(),
            ws,
            target: crate::build::target_dir(root),
        },
        all,
    ))
}

/// The exercise of chapter `number` in the exercises folder `dir`, if it has one.
pub fn of_chapter(dir: &Path, number: u32) -> Option<Exercise> {
    discover(dir).ok()?.into_iter().find(|e| e.number == number)
}

/// The exercise `wanted` names, when it names one (`ex04`, `ex04_race`: an exercise's level,
/// as `cargo xtask check` keeps them) that has a model on the play runtime to play; where it
/// builds. `None` when it names none (a chapter's level, say).
pub fn with_model(root: &Path, wanted: &str) -> crate::Result<Option<(Place, Exercise)>> {
    if !wanted.starts_with("ex") {
        return Ok(None);
    }
    let Ok((place, all)) = of_course(root) else {
        return Ok(None);
    };
    let Ok(name) = find(&all, wanted).map(|e| e.name.clone()) else {
        return Ok(None);
    };
    let Some(ex) = all.into_iter().find(|e| e.name == name) else {
        return Ok(None);
    };
    if !place.ws.join(&ex.folder).join("tests/play.rs").is_file() {
        return Err(Error::NoModel(ex.name));
    }
    Ok(Some((place, ex)))
}

/// The student's changes to exercise `ex` in `place`, as `git status` lists them (nothing
/// when it is as the course gave it).
pub fn changes(place: &Place, ex: &Exercise) -> crate::Result<String> {
    let dir = place.ws.join(&ex.folder);
    let dir = dir.to_string_lossy();
    git(
        &place.root,
        &["status", "--porcelain", "--untracked-files=all", "--", &dir],
    )
}

/// Put exercise `ex` in `place` back as the course gave it: git's last commit of it, and the files the
/// student added (not the course's) gone.
pub fn restore(place: &Place, ex: &Exercise) -> crate::Result<()> {
    let dir = place.ws.join(&ex.folder);
    let dir = dir.to_string_lossy();
    git(&place.root, &["checkout", "HEAD", "--", &dir])?;
    git(&place.root, &["clean", "-fdq", "--", &dir]).map(drop)
}

/// The original is git's last commit of the exercise: a reset needs the course's git clone.
fn git(root: &Path, args: &[&str]) -> crate::Result<String> {
    let out = crate::child::output(
        std::process::Command::new("git")
            .current_dir(root)
            .args(args),
    )
    .map_err(Error::NoGit)?;
    if !out.status.success() {
        return Err(Error::Git {
            args: args.join(" "),
            said: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mk(folder: &str, number: u32) -> Exercise {
        Exercise {
            name: format!("ex{folder}"),
            folder: folder.into(),
            number,
            lesson: Lesson::default(),
        }
    }

    #[test]
    fn exercises_are_found_by_number_short_name_folder_or_crate() {
        let all = vec![mk("01_spawn_join", 1), mk("04_race", 4)];
        for w in ["4", "04", "ex4", "ex04", "04_race", "ex04_race", "ch04"] {
            assert_eq!(find(&all, w).unwrap().name, "ex04_race", "{w}");
        }
        let err = find(&all, "9").err().unwrap().to_string();
        assert!(err.contains("ex01_spawn_join, ex04_race"), "{err}");
        assert!(find(&all, "04_spawn").is_err());
    }
}
