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
