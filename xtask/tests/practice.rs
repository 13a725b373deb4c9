//! The practice commands on a course of their own (a scratch git clone holding one exercise),
//! for what they keep beside the exercise: the watch's place and the exercises passed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A git clone of a course with exercise 4 alone (its files as the course's), in a folder of
/// this test's own.
fn scratch_clone(name: &str) -> PathBuf {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let root = std::env::temp_dir().join(format!("xtask-practice-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let ex = root.join("exercises/04_race");
    std::fs::create_dir_all(ex.join("src")).unwrap();
    std::fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
    for f in ["Cargo.toml", "expected.log", "src/main.rs", "src/lib.rs"] {
        std::fs::copy(real.join("exercises/04_race").join(f), ex.join(f)).unwrap();
    }
    for args in [
        &["init", "-q"][..],
        &["add", "."],
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-qm",
            "course",
        ],
    ] {
        let o = Command::new("git")
            .current_dir(&root)
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "git {args:?}: {o:?}");
    }
    root
}

/// The runner in the course at `root` (it finds its course from the folder it starts in).
fn xtask(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(root)
        .arg("--course-dir")
        .arg(fixtures())
        .arg("--no-build")
        .args(args)
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .expect("the runner starts")
}

/// `reset 4` put the exercise back and left it marked passed in the watch's list.
#[test]
fn reset_unmarks_the_exercise_it_puts_back() {
    let root = scratch_clone("reset");
    let progress = root.join(".practice-progress");
    let kept = "thread-safety course progress, version 1\nchapter = ex04_race\n";
    let passed = |what: &str| std::fs::read_to_string(&progress).unwrap().contains(what);
    let lib = root.join("exercises/04_race/src/lib.rs");
    // Changed, then put back; and as given, with nothing to put back.
    for changed in [true, false] {
        std::fs::write(
            &progress,
            format!("{kept}passed = ex01_spawn_join\npassed = ex04_race\n"),
        )
        .unwrap();
        if changed {
            std::fs::write(&lib, "// the student's fix\n").unwrap();
        }
        let o = xtask(&root, &["reset", "4", "--yes"]);
        let said = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success(),
            "{said}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!passed("passed = ex04_race"), "changed: {changed}; {said}");
        assert!(passed("passed = ex01_spawn_join"), "the other pass is kept");
        assert!(passed("chapter = ex04_race"), "the place is kept");
    }
    let _ = std::fs::remove_dir_all(&root);
}

/// Every exercise as the course gives it is the exercise: its fix is left out where a `TODO`
/// says, and none of its files is the solution's or a kept answer's. (A wrong answer tried in
/// the tree and committed by mistake once left exercise 4 with no `TODO`: every check still
/// passed, since that answer fails as given too.)
#[test]
fn every_exercise_is_given_with_its_fix_left_out() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut exercises: Vec<PathBuf> = std::fs::read_dir(real.join("exercises"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("src").is_dir())
        .collect();
    exercises.sort();
    assert_eq!(exercises.len(), 18, "{exercises:?}");
    for ex in exercises {
        let name = ex.file_name().unwrap().to_string_lossy().into_owned();
        let src = |file: &str| std::fs::read_to_string(ex.join("src").join(file)).ok();
        let given: Vec<(String, String)> = ["main.rs", "lib.rs"]
            .iter()
            .filter_map(|f| src(f).map(|text| (f.to_string(), text)))
            .collect();
        assert!(
            given.iter().any(|(_, text)| text.contains("TODO")),
            "exercises/{name}: no file of src/ says TODO where the fix goes"
        );
        // The solution's files and the kept answers (`<kind>_<what>.<file>.rs`), each against
        // the exercise's file of the same name.
        let mut others: Vec<(String, PathBuf)> = ["main.rs", "lib.rs"]
            .iter()
            .map(|f| {
                (
                    f.to_string(),
                    real.join("solutions").join(&name).join("src").join(f),
                )
            })
            .collect();
        if let Ok(kept) = std::fs::read_dir(real.join("xtask/tests/answers").join(&name)) {
            for answer in kept {
                let path = answer.unwrap().path();
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                if let Some((_, target)) = file.split_once('.') {
                    others.push((target.to_string(), path));
                }
            }
        }
        for (file, other) in others {
            let Ok(text) = std::fs::read_to_string(&other) else {
                continue;
            };
            let same = given.iter().any(|(f, g)| *f == file && *g == text);
            assert!(
                !same,
                "exercises/{name}/src/{file} is {}, not the exercise: put it back with \
                 `git checkout` from the commit before it changed",
                other.strip_prefix(real).unwrap().display()
            );
        }
    }
}
