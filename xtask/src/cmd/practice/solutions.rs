//! `cargo xtask check-solutions`: the course-content check for maintainers (rustlings' `dev
//! check`). On a scratch copy of the exercises, every exercise must fail its check as given and
//! pass with its reference solution copied in, and every answer kept in `xtask/tests/answers/`
//! must be judged as its name says. The tree is never touched.
//!
//! An answer is a whole file put in place of the exercise's: `right_<what>.lib.rs` replaces
//! `src/lib.rs` and must pass; `wrong_<stage>_<what>.main.rs` replaces `src/main.rs` and must
//! fail at `<stage>`, `build`, `run`, `noise` or `model` (a `model` or `noise` one may fail at
//! the plain run already, when the machine's timing happens to show what the model or the
//! noise finds surely).

use std::path::{Path, PathBuf};

use super::{Exercise, Place, Settings, course, judge, named};
use crate::build;
use crate::cli::{Cmd, Ctx, Fail, Flag, Given};
use crate::noise::{SEED, parse_seed};
use crate::ui::report::{GREEN, RED};

pub struct CheckSolutions {
    exercise: Option<String>,
    seed: Option<u64>,
}

impl Cmd for CheckSolutions {
    const NAME: &'static str = "check-solutions";
    const ARGS: &'static str = "[<ex>]";
    const HELP: &'static str = "for maintainers: on a scratch copy, every exercise (or one) fails\n\
                                as given, passes with its solution, and judges its answers right";
    const FLAGS: &'static [Flag] = &[SEED];

    fn parse(given: &mut Given) -> Result<Self, String> {
        Ok(CheckSolutions {
            exercise: given.chapter(),
            seed: parse_seed(given)?,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let (place, all) = course(ctx)?;
        let chosen: Vec<&Exercise> = match &self.exercise {
            Some(w) => vec![named(&all, w)?],
            None => all.iter().collect(),
        };
        let settings = Settings {
            wait_for_model: true,
            seed: self.seed,
            ..Settings::of(ctx)
        };
        run(
            &ctx.root,
            &place.ws,
            &ctx.root.join("solutions"),
            &chosen,
            &settings,
        )
    }
}

/// A copy of the exercises workspace under the target dir, with the path to `common` made
/// absolute (it is relative to `exercises/`).
pub fn scratch_copy(root: &Path, exercises: &Path, name: &str) -> Result<Place, Fail> {
    // One folder per process: two checks at once (a test and a maintainer) never share one.
    let to = build::target_dir(root)
        .join("practice")
        .join(format!("{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    let broken = |e: std::io::Error| Fail::Broken(format!("cannot copy the exercises: {e}"));
    copy_dir(exercises, &to).map_err(broken)?;
    let manifest = to.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(broken)?;
    // `path = "../common"` is the course's crate, from wherever the copy is.
    let text = text.replace(
        "path = \"../",
        &format!("path = \"{}/", root.to_string_lossy()),
    );
    std::fs::write(&manifest, text).map_err(broken)?;
    Ok(Place {
        root: root.to_path_buf(),
        ws: to,
        // Kept between runs, and shared by the scratch copies of one run, one after another.
        target: build::target_dir(root).join("practice/target"),
    })
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
pub fn apply_solution(ws: &Path, ex: &Exercise, solutions: &Path) -> Result<(), Fail> {
    let files = ex.solution_files(solutions);
    if files.is_empty() {
        return Err(Fail::Usage(format!(
            "{} has no solution in {}",
            ex.name,
            solutions.join(&ex.folder).display()
        )));
    }
    for (rel, from) in files {
        let to = ws.join(&ex.folder).join(&rel);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Fail::Broken(format!("cannot make {}: {e}", dir.display())))?;
        }
        std::fs::copy(&from, &to)
            .map_err(|e| Fail::Broken(format!("cannot copy {}: {e}", from.display())))?;
    }
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

/// Judge each kept answer of `ex` on a scratch copy; print a line for each.
fn answers(root: &Path, exercises_dir: &Path, ex: &Exercise, s: &Settings) -> Result<bool, Fail> {
    let dir = root.join("xtask/tests/answers").join(&ex.folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(true);
    };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    let mut ok = true;
    for file in files {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some((target, must_fail_by)) = answer_kind(name) else {
            return Err(Fail::Usage(format!(
                "{}: an answer is named right_<what>.lib.rs or wrong_<build|run|noise|model>_<what>.main.rs",
                file.display()
            )));
        };
        let place = scratch_copy(root, exercises_dir, "answer")?;
        let to = place.ws.join(&ex.folder).join(target);
        std::fs::copy(&file, &to)
            .map_err(|e| Fail::Broken(format!("cannot copy {}: {e}", file.display())))?;
        let j = judge::exercise(&place, ex, s)?;
        let judged_right = match (must_fail_by, j.failed_at) {
            (None, None) => true,
            // A schedule decides a model's failure, and a noisy run's: the plain run may show
            // it first, by luck.
            (Some(by @ ("model" | "noise")), Some(at)) => at == by || at == "run",
            (Some(by), Some(at)) => by == at,
            _ => false,
        };
        ok &= judged_right;
        println!(
            "  {} {name}: {}",
            if judged_right {
                s.style.paint(GREEN, "ok    ")
            } else {
                s.style.paint(RED, "FAILED")
            },
            match j.failed_at {
                None => "passes".to_string(),
                Some(at) => format!("fails at its {at}"),
            }
        );
        if !judged_right || std::env::var_os("XTASK_SHOW_ANSWERS").is_some() {
            print!("{}", j.report);
        }
        let _ = std::fs::remove_dir_all(&place.ws);
    }
    Ok(ok)
}

pub fn run(
    root: &Path,
    exercises_dir: &Path,
    solutions: &Path,
    all: &[&Exercise],
    s: &Settings,
) -> Result<bool, Fail> {
    let mut ok = true;
    for ex in all {
        // As given: must fail.
        let place = scratch_copy(root, exercises_dir, "unsolved")?;
        let unsolved = judge::exercise(&place, ex, s)?;
        // With the solution: must pass.
        apply_solution(&place.ws, ex, solutions)?;
        let solved = judge::exercise(&place, ex, s)?;
        let fine = !unsolved.passed && solved.passed;
        ok &= fine;
        println!(
            "{:<22} {}  unsolved: fails at its {}; solved: {}",
            ex.name,
            if fine {
                s.style.paint(GREEN, "ok    ")
            } else {
                s.style.paint(RED, "FAILED")
            },
            unsolved.failed_at.unwrap_or("(nothing: it PASSED)"),
            if solved.passed { "passes" } else { "FAILS" },
        );
        if !solved.passed {
            print!("{}", solved.report);
        }
        let _ = std::fs::remove_dir_all(&place.ws);
        ok &= answers(root, exercises_dir, ex, s)?;
    }
    Ok(ok)
}
