//! The practice half: exercises the student fixes, and the judge that says whether a fix is real.
//!
//! An exercise is a folder `exercises/NN_name/` holding the crate `exNN_name`: the chapter's
//! story with the fix left out, its `//!` doc (title, `## Your task`, `## Hint`, `## If it
//! differs`) in `src/main.rs`, its `expected.log`, and, where a schedule decides, a model on the
//! play runtime in `tests/play.rs`. `solutions/NN_name/` holds the files of a reference fix at the same paths,
//! and `NOTE.md`, why it is right.
//!
//! Exercises are not members of the course's workspace: `exercises/Cargo.toml` is a workspace of
//! its own, built only here, with the course's target dir and a copy of its `Cargo.lock`, so the
//! course's compiled dependencies are reused and only the exercise is compiled.
//!
//! The judge ([`judge`]) builds the exercise, runs it on the lesson clock against its expected
//! log (times, claims, a time limit), then runs its model, and says in the lesson's words what
//! is wrong (a schedule that breaks a model on the play runtime is drawn, and kept for `cargo
//! xtask play --replay`). `check`, `watch` and `check-solutions` all use it.

pub mod check;
pub mod reset;
pub mod solutions;
pub mod watch;

mod input;
mod judge;
mod model;
mod sleeps;
mod std_paths;

use std::path::{Path, PathBuf};

pub use judge::Settings;

use crate::build;
use crate::cli::{Ctx, Fail, Given};
use crate::course::{self, Chapter, Lesson};
use crate::ui::report::CYAN;
use crate::ui::screen;
use crate::ui::term::Style;

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
    /// The exercise as the runner's report knows a chapter: its name, folder and lesson (for the
    /// expected log and the `## If it differs` rules).
    pub(super) fn as_chapter(&self, ws: &Path) -> Chapter {
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
}

pub(super) fn collect_files(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, PathBuf)>) {
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
pub fn discover(dir: &Path) -> Result<Vec<Exercise>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the exercises folder {}: {e}", dir.display()))?;
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
        let text = std::fs::read_to_string(&main)
            .map_err(|e| format!("cannot read {}: {e}", main.display()))?;
        found.push(Exercise {
            name: format!("ex{folder}"),
            folder: folder.to_string(),
            number,
            lesson: course::parse_lesson(&text),
        });
    }
    found.sort_by_key(|e| e.number);
    Ok(found)
}

/// Find an exercise by its number (`4`, `04`), short name (`ex04`, `ex4`), folder (`04_race`)
/// or crate name (`ex04_race`); `ch04` names chapter 4's exercise too.
pub fn find<'e>(all: &'e [Exercise], wanted: &str) -> Result<&'e Exercise, String> {
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
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
            format!(
                "unknown exercise `{wanted}`; the exercises are: {} (a number like 4 works too)",
                names.join(", ")
            )
        })
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

/// Where the watch keeps the student's place and the exercises passed (apart from the tour's).
pub fn progress_file(ctx: &Ctx) -> PathBuf {
    ctx.root.join(".practice-progress")
}

/// The exercises of the course in `ctx`, and where they build.
pub fn course(ctx: &Ctx) -> Result<(Place, Vec<Exercise>), Fail> {
    let ws = ctx.root.join("exercises");
    let all = discover(&ws).map_err(Fail::Usage)?;
    if all.is_empty() {
        return Err(Fail::Usage(format!(
            "there are no exercises in {}",
            ws.display()
        )));
    }
    Ok((
        Place {
            root: ctx.root.clone(),
            ws,
            target: build::target_dir(&ctx.root),
        },
        all,
    ))
}

/// The exercise of chapter `c`, if it has one.
pub fn for_chapter(ctx: &Ctx, c: &Chapter) -> Option<Exercise> {
    let number = c.number()?;
    discover(&ctx.root.join("exercises"))
        .ok()?
        .into_iter()
        .find(|e| e.number == number)
}

/// The exercise named on the command line.
pub fn named<'e>(all: &'e [Exercise], wanted: &str) -> Result<&'e Exercise, Fail> {
    find(all, wanted).map_err(Fail::Usage)
}

/// `"exercise"` as a command's argument: the words the parser's chapter errors use, for
/// exercises.
pub fn need_exercise(given: &mut Given) -> Result<String, String> {
    given.chapter().ok_or_else(|| {
        format!(
            "`{0}` needs an exercise, like `cargo xtask {0} 4`; the exercises are in exercises/",
            given.command
        )
    })
}

/// The task, from the exercise's doc: its title, summary and `## Your task`.
pub fn task(ex: &Exercise, style: Style) -> String {
    let mut s = format!(
        "{}\n\n{}\n",
        style.paint(CYAN, &ex.lesson.title),
        screen::wrap(&ex.lesson.summary, screen::width())
    );
    if let Some(t) = ex.lesson.section("Your task") {
        s += &format!(
            "\n{}\n{}\n",
            style.paint(CYAN, "Your task"),
            screen::wrap(t, screen::width())
        );
    }
    s
}

/// The reference solution and why it is right, for after a pass, in lines of at most `width`:
/// each file of the solution as a diff against the exercise as the course gave it (git's last
/// commit), or whole when git cannot say.
pub fn solution(ex: &Exercise, root: &Path, style: Style, width: Option<usize>) -> String {
    let solutions = root.join("solutions");
    let mut s = String::new();
    for (rel, path) in ex.solution_files(&solutions) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let given = format!("exercises/{}/{}", ex.folder, rel.display());
        let original = crate::child::output(
            std::process::Command::new("git")
                .current_dir(root)
                .args(["show", &format!("HEAD:{given}")]),
        )
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
        match original {
            Some(original) => {
                s += &format!(
                    "{}\n",
                    style.paint(
                        CYAN,
                        &format!("The reference fix, against {given} as given:")
                    )
                );
                // The code that changed: the doc comments, which say the task, are left out.
                let (old, new) = (code_lines(&original), code_lines(&text));
                let hunks = crate::ui::diff::hunks(&old, &new, 2);
                // Numbered without the doc comments, the hunks' `@@` lines would mislead: none.
                s += &crate::ui::diff::paint(&hunks, 0, false, style, width);
                s += "\n";
            }
            None => {
                s += &format!(
                    "{}\n{text}\n",
                    style.paint(
                        CYAN,
                        &format!("The reference solution's {}:", rel.display())
                    )
                );
            }
        }
    }
    if let Ok(note) = std::fs::read_to_string(solutions.join(&ex.folder).join("NOTE.md")) {
        let note = note.trim_start_matches("# Why this is right").trim();
        s += &format!(
            "{}\n{}\n",
            style.paint(CYAN, "Why this is right"),
            screen::wrap(note, width)
        );
    }
    s
}

/// The lines of a source file but its doc comments (`//!`), which say the task, not the fix.
fn code_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//!"))
        .collect()
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
        let err = find(&all, "9").err().unwrap();
        assert!(err.contains("ex01_spawn_join, ex04_race"), "{err}");
        assert!(find(&all, "04_spawn").is_err());
    }

    /// The lines of `[section]` in a manifest, without comments and blank lines.
    fn section(manifest: &str, name: &str) -> Vec<String> {
        manifest
            .lines()
            .skip_while(|l| l.trim() != format!("[{name}]"))
            .skip(1)
            .take_while(|l| !l.starts_with('['))
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    }

    /// The reference fix shown after a pass wrapped a long line into what looked like more
    /// lines gone: at 80 columns, each line after a `-` or a `+` begins a line of its file.
    #[test]
    fn the_reference_fix_wraps_without_making_diff_lines() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let all = discover(&root.join("exercises")).unwrap();
        let mut wrapped = 0;
        for ex in &all {
            let fix = solution(ex, root, Style::default(), Some(80));
            let starts: Vec<String> = ["exercises", "solutions"]
                .iter()
                .flat_map(|half| {
                    let mut files = Vec::new();
                    collect_files(
                        &root.join(half).join(&ex.folder),
                        &root.join(half).join(&ex.folder),
                        &mut files,
                    );
                    files
                })
                .flat_map(|(_, path)| {
                    let text = std::fs::read_to_string(path).unwrap_or_default();
                    text.lines().map(String::from).collect::<Vec<_>>()
                })
                .collect();
            for line in fix.lines() {
                assert!(line.chars().count() <= 80, "{}: {line:?}", ex.name);
                if let Some(code) = line.strip_prefix(['-', '+']) {
                    assert!(
                        starts.iter().any(|l| l.starts_with(code)),
                        "{}: a diff line that begins no line of the files: {line:?}",
                        ex.name
                    );
                }
                wrapped += usize::from(line.starts_with(crate::ui::diff::WRAPPED));
            }
        }
        assert!(
            wrapped > 0,
            "no fix has a line to wrap: the test tests nothing"
        );
    }

    /// `exercises/README.md`'s table gave every answer away ("the fix: `fetch_add`"): it says
    /// what each exercise asks, its title, and the answers kept for it are named in its
    /// solution's `NOTE.md`, which a student reads after a pass.
    #[test]
    fn the_exercises_table_asks_and_the_solutions_notes_answer() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let readme = std::fs::read_to_string(root.join("exercises/README.md")).unwrap();
        let rows: Vec<&str> = readme.lines().filter(|l| l.starts_with("| `ex")).collect();
        let all = discover(&root.join("exercises")).unwrap();
        assert_eq!(rows.len(), all.len(), "a row an exercise:\n{rows:#?}");
        assert!(
            readme.contains("\n| exercise | what it asks |\n"),
            "{readme}"
        );
        for (ex, row) in all.iter().zip(&rows) {
            let ask = ex.lesson.title.split_once(": ").map_or("", |t| t.1);
            assert_eq!(*row, format!("| `{}` | {ask} |", ex.name), "{}", ex.name);
            let note =
                std::fs::read_to_string(root.join("solutions").join(&ex.folder).join("NOTE.md"))
                    .unwrap();
            let kept = format!("`xtask/tests/answers/{}/`", ex.folder);
            let flat = note.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(&kept) && flat.contains("Right too:") && flat.contains("Wrong, and"),
                "{}'s NOTE.md does not name the answers kept for it in {kept}",
                ex.name
            );
        }
    }

    #[test]
    fn exercises_share_the_course_build() {
        // Same versions, lints and profile as the course: otherwise an exercise would compile
        // its dependencies again (another profile) or resolve other versions.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let course = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
        let ex = std::fs::read_to_string(root.join("exercises/Cargo.toml")).unwrap();
        for line in section(&ex, "workspace.dependencies") {
            let line = line.replace("path = \"../", "path = \"");
            assert!(
                section(&course, "workspace.dependencies").contains(&line),
                "exercises/Cargo.toml has `{line}`, which the root Cargo.toml does not"
            );
        }
        for name in [
            "workspace.lints.rust",
            "workspace.lints.clippy",
            "profile.dev",
            "profile.dev.package.\"*\"",
            "profile.release",
            "profile.dev.package.lab",
            "profile.dev.package.rand",
            "profile.dev.package.chacha20",
        ] {
            assert_eq!(
                section(&ex, name),
                section(&course, name),
                "[{name}] differs"
            );
        }
    }
}
