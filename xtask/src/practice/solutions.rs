//! `cargo xtask check-solutions`: the course-content check for maintainers (rustlings' `dev
//! check`). On a scratch copy of the exercises, every exercise must fail its check as given and
//! pass with its reference solution copied in. The tree is never touched.

use std::path::{Path, PathBuf};

use super::{Exercise, Place, Settings, judge};
use crate::report::{GREEN, RED, paint};

/// A copy of the exercises workspace under the target dir, with the path to `common` made
/// absolute (it is relative to `exercises/`).
pub fn scratch_copy(root: &Path, exercises: &Path, name: &str) -> Result<PathBuf, String> {
    let to = root.join("target/practice").join(name);
    let _ = std::fs::remove_dir_all(&to);
    copy_dir(exercises, &to).map_err(|e| format!("cannot copy the exercises: {e}"))?;
    let manifest = to.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| e.to_string())?;
    let common = root.join("common");
    let text = text.replace(
        "path = \"../common\"",
        &format!("path = {:?}", common.to_string_lossy()),
    );
    std::fs::write(&manifest, text).map_err(|e| e.to_string())?;
    Ok(to)
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
pub fn apply_solution(ws: &Path, ex: &Exercise, solutions: &Path) -> Result<(), String> {
    let files = ex.solution_files(solutions);
    if files.is_empty() {
        return Err(format!(
            "{} has no solution in {}",
            ex.name,
            solutions.join(&ex.folder).display()
        ));
    }
    for (rel, from) in files {
        let to = ws.join(&ex.folder).join(&rel);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::copy(&from, &to).map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    }
    Ok(())
}

pub fn run(
    root: &Path,
    exercises_dir: &Path,
    solutions: &Path,
    all: &[&Exercise],
    s: &Settings,
) -> Result<bool, String> {
    let mut ok = true;
    for ex in all {
        // As given: must fail.
        let ws = scratch_copy(root, exercises_dir, "unsolved")?;
        let place = Place {
            root: root.to_path_buf(),
            ws,
        };
        let unsolved = judge(&place, ex, s)?;
        // With the solution: must pass.
        apply_solution(&place.ws, ex, solutions)?;
        let solved = judge(&place, ex, s)?;
        let fine = !unsolved.passed && solved.passed;
        ok &= fine;
        println!(
            "{:<22} {}  unsolved: fails at its {}; solved: {}",
            ex.name,
            if fine {
                paint(s.color, GREEN, "ok    ")
            } else {
                paint(s.color, RED, "FAILED")
            },
            unsolved.failed_at.unwrap_or("(nothing: it PASSED)"),
            if solved.passed { "passes" } else { "FAILS" },
        );
        if !solved.passed {
            print!("{}", solved.report);
        }
        let _ = std::fs::remove_dir_all(&place.ws);
    }
    Ok(ok)
}
