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
//! The judge (`course::judge`) builds the exercise, runs it on the lesson clock against its
//! expected log (times, claims, a time limit), then runs its model, and returns its stages;
//! `ui::judgement` says them in the lesson's words (a schedule that breaks a model on the play
//! runtime is drawn, and kept for `cargo xtask play --replay`). `check`, `watch` and
//! `check-solutions` all use them.

pub mod check;
pub mod reset;
pub mod solutions;
pub mod watch;

mod input;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use course::judge::{self, Event, Judgement, Settings};

use course::{Exercise, Place};

use crate::cli::{Ctx, Fail};
use crate::ui::term::Style;
use crate::ui::term::style::CYAN;

/// The judge's settings from the shared options: `--speed`, `--timeout`, and the compiler's
/// words in colour when the runner colours.
pub fn settings(ctx: &Ctx) -> Settings {
    Settings {
        speed: ctx.opts.speed,
        timeout: ctx.opts.timeout,
        color: ctx.opts.style.color,
        wait_for_model: false,
        seed: None,
    }
}

/// Said when a check builds the play runtime for its model for the first time: cargo's
/// output is not shown then, and the build can take minutes on a busy machine.
const FIRST_MODEL: &str = "(this first model check also builds the play runtime, shuttle, \
                           once, beside the exercise's own build and runs: the model's line \
                           comes when it is built and has run)";

/// Judge `ex` in `place`; with `live`, each stage is printed as it ends (fitted to the
/// terminal), so that a check of many seconds shows each stage as it ends. The note of a first
/// model check is printed either way.
pub fn judge(
    place: &Place,
    ex: &Exercise,
    s: &Settings,
    style: Style,
    live: bool,
) -> Result<Judgement, Fail> {
    let chapter = ex.as_chapter(&place.ws);
    // On a terminal, the rows the report may take: the screen's, less the caller's first line
    // and the verdict and the prompt after it; each stage printed takes its lines.
    let screen = crate::ui::term::size().filter(|_| std::io::stdout().is_terminal());
    let mut rows = screen.map(|(_, height)| height.saturating_sub(4));
    let mut observe = |event: Event| match event {
        Event::FirstModel => {
            let said = textfit::wrap(FIRST_MODEL, crate::ui::term::width());
            rows = rows.map(|r| r.saturating_sub(said.lines().count()));
            println!("{said}");
        }
        Event::Stage(stage) if live => {
            use std::io::Write as _;
            let of = crate::ui::judgement::Judged {
                ex,
                chapter: &chapter,
                style,
                rows,
            };
            let said = crate::ui::judgement::stage(&of, stage);
            let said = textfit::fit_all(&said, crate::ui::term::width());
            rows = rows.map(|r| r.saturating_sub(said.lines().count()));
            print!("{said}");
            let _ = std::io::stdout().flush();
        }
        Event::Stage(_) => {}
    };
    Ok(judge::exercise(place, ex, s, &mut observe)?)
}

/// The judgement `j` of `ex` in `place` in words, each line fitted to `width` (a terminal's),
/// its next lines hanging under its text; as it is with no width (a pipe).
pub fn report(
    place: &Place,
    ex: &Exercise,
    j: &Judgement,
    style: Style,
    width: Option<usize>,
) -> String {
    let chapter = ex.as_chapter(&place.ws);
    let of = crate::ui::judgement::Judged {
        ex,
        chapter: &chapter,
        style,
        rows: None,
    };
    textfit::fit_all(&crate::ui::judgement::report(&of, j), width)
}

/// Where the watch keeps the student's place and the exercises passed (apart from the tour's).
pub fn progress_file(ctx: &Ctx) -> PathBuf {
    ctx.root.join(".practice-progress")
}

/// `"exercise"` as a command's argument: the words the parser's chapter errors use, for
/// exercises.
pub fn need_exercise(command: &str, exercise: Option<String>) -> Result<String, Fail> {
    exercise.ok_or_else(|| {
        Fail::Usage(format!(
            "`{command}` needs an exercise, like `cargo xtask {command} 4`; the exercises are in exercises/"
        ))
    })
}

/// The task, from the exercise's doc: its title, summary and `## Your task`.
pub fn task(ex: &Exercise, style: Style) -> String {
    let mut s = format!(
        "{}\n\n{}\n",
        style.paint(CYAN, &ex.lesson.title),
        textfit::wrap(&ex.lesson.summary, crate::ui::term::width())
    );
    if let Some(t) = ex.lesson.section("Your task") {
        s += &format!(
            "\n{}\n{}\n",
            style.paint(CYAN, "Your task"),
            textfit::wrap(t, crate::ui::term::width())
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
        let original = course::exercise::as_given(root, &given);
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
                let hunks = course::align::hunks(&old, &new, 2);
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
            textfit::wrap(note, width)
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
    use course::exercise::discover;

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
                    course::exercise::collect_files(
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
