//! The practice half's content, judged by the real check (`cargo xtask check-solutions`): every
//! exercise fails as the course gives it, passes with its reference solution, and judges each
//! answer kept in `tests/answers/<exercise>/` as its name says (`right_*` passes, `wrong_<stage>_*`
//! fails at that stage). Run at speed 2: the lessons' sleeps cost half, and a lesson second is
//! still 500 ms, far more than a busy machine adds to a run (at speed 20, on a machine at load
//! 9, a right answer's line came a lesson second late, and the watchdog's patience ran out).

use std::path::Path;
use std::process::Command;

// Minutes of builds and runs (every answer of every exercise), so not in a student's
// `cargo test --workspace`: `.ci/run` runs it with `--ignored`, and so can you:
// `cargo test -p xtask --test answers -- --ignored`.
#[test]
#[ignore = "minutes long: .ci/run runs it; `cargo test -p xtask --test answers -- --ignored`"]
fn every_exercise_fails_as_given_passes_solved_and_judges_its_answers_right() {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["check-solutions", "--speed", "2", "--color", "never"])
        .output()
        .expect("the runner starts");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    // Every exercise and every kept answer was judged, not skipped.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut answers = 0;
    for entry in std::fs::read_dir(root.join("exercises")).unwrap() {
        let folder = entry.unwrap().file_name().into_string().unwrap();
        if !root
            .join("exercises")
            .join(&folder)
            .join("Cargo.toml")
            .exists()
        {
            continue;
        }
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("ex{folder} ")))
            .unwrap_or_else(|| panic!("ex{folder} was not judged:\n{text}"));
        assert!(
            line.contains(" ok ")
                && line.contains("unsolved: fails")
                && line.contains("solved: passes"),
            "{line}"
        );
        let dir = root.join("xtask/tests/answers").join(&folder);
        let kept: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.map(|e| e.unwrap().file_name().into_string().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            kept.iter().any(|a| a.starts_with("right_"))
                && kept.iter().any(|a| a.starts_with("wrong_")),
            "ex{folder} keeps no right or no wrong answer in {}",
            dir.display()
        );
        for a in kept {
            assert!(text.contains(&format!("ok     {a}:")), "{a}:\n{text}");
            answers += 1;
        }
    }
    assert!(answers > 0);
}
