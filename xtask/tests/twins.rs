//! The Python twins (`python/`): every one reads `--clock` and `--speed` the way the chapters do
//! (a bad value: one line on stderr, exit 2), and the runner says in one line when `python3` is
//! missing or too old.
//!
//! These tests need `python3`. Without it they say so and pass, except in CI (`CI` set), where
//! CPython is installed and its absence is a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

fn have_python() -> bool {
    let found = Command::new("python3").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI has CPython: python3 must be on PATH"
        );
        eprintln!("python3 is not on PATH: the twins' tests are skipped");
    }
    found
}

fn twins() -> Vec<PathBuf> {
    let mut twins: Vec<PathBuf> = std::fs::read_dir(root().join("python"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "py")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("ch"))
        })
        .collect();
    twins.sort();
    twins
}

fn python(args: &[&str]) -> Output {
    Command::new("python3")
        .args(args)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn every_twin_and_every_twin_log_belongs_to_a_chapter() {
    // (Whether every chapter has its twin is `cargo xtask run-all --python`'s to say: a chapter
    // without one fails there, by name.)
    let chapters: Vec<String> = std::fs::read_dir(root().join("chapters"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let twins = twins();
    assert!(twins.len() >= 10, "{twins:?}");
    for twin in &twins {
        let name = twin.file_stem().unwrap().to_str().unwrap();
        assert!(
            chapters.iter().any(|c| c == name),
            "{name}.py names no chapter"
        );
    }
    for log in std::fs::read_dir(root().join("python/expected")).unwrap() {
        let log = log.unwrap().path();
        let name = log.file_stem().unwrap().to_str().unwrap().to_string();
        assert!(
            twins
                .iter()
                .any(|t| t.file_stem().unwrap() == name.as_str()),
            "python/expected/{name}.log belongs to no twin"
        );
        let text = std::fs::read_to_string(&log).unwrap();
        assert!(text.starts_with("00:00:00: "), "{name}: starts at 00:00:00");
    }
}

#[test]
fn the_twins_refuse_a_bad_flag_in_one_line_with_exit_2() {
    if !have_python() {
        return;
    }
    let bad: &[(&[&str], &str)] = &[
        (&["--speed", "0"], "--speed takes a number from 0.01 to 100"),
        (&["--speed", "101"], "not `101`"),
        (&["--speed", "fast"], "not `fast`"),
        (&["--speed"], "--speed needs a value"),
        (
            &["--clock", "utc"],
            "--clock takes `wall` or `lesson`, not `utc`",
        ),
        (&["--clock=now"], "not `now`"),
        (&["--sped", "2"], "unknown flag `--sped`"),
        (&["extra"], "unexpected argument `extra`"),
    ];
    // Every bad flag on chapter 1's twin, and a bad speed on every other twin (they all parse
    // through course.py: one bad flag refused shows a twin parses its flags there before it
    // runs), all started at once: each is a short-lived interpreter.
    let spawn = |script: &str, args: &[&str]| {
        Command::new("python3")
            .arg(script)
            .args(args)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut runs = Vec::new();
    for twin in twins() {
        let script = twin.to_str().unwrap().to_string();
        let all = script.ends_with("ch01_spawn_join.py");
        for (args, says) in bad.iter().filter(|(a, _)| all || a == &["--speed", "0"]) {
            runs.push((script.clone(), *args, *says, spawn(&script, args)));
        }
        if all {
            runs.push((
                script.clone(),
                &["--help"][..],
                "",
                spawn(&script, &["--help"]),
            ));
        }
    }
    for (script, args, says, child) in runs {
        let o = child.wait_with_output().unwrap();
        if args == ["--help"] {
            let text = String::from_utf8_lossy(&o.stdout);
            assert_eq!(o.status.code(), Some(0), "{script} --help");
            assert!(
                text.contains("--speed FACTOR") && text.contains("--clock wall|lesson"),
                "{text}"
            );
            continue;
        }
        let e = err(&o);
        assert_eq!(o.status.code(), Some(2), "{script} {args:?}: {e}");
        assert_eq!(e.lines().count(), 1, "{script} {args:?}: {e}");
        assert!(
            e.starts_with("error: ") && e.contains(says) && e.contains("--help"),
            "{script} {args:?}: {e}"
        );
        assert!(o.stdout.is_empty(), "{script} {args:?} ran anyway");
    }
}

#[test]
fn the_lesson_clock_starts_at_zero_and_runs_at_the_speed() {
    if !have_python() {
        return;
    }
    let twin = root().join("python/ch01_spawn_join.py");
    let o = python(&[twin.to_str().unwrap(), "--clock", "lesson", "--speed=4"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 15, "{out}");
    assert_eq!(lines[0], "00:00:00: Main    : create and start thread 0.");
    // Two lesson seconds of work, half a second of real time at speed 4.
    for l in lines.iter().filter(|l| l.contains("finishing")) {
        assert!(l.starts_with("00:00:02: "), "{l}");
    }
    // A twin's own flag, parsed as the chapter parses it.
    let o = python(&[twin.to_str().unwrap(), "--clock", "lesson", "--work", "0s"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.lines().all(|l| l.starts_with("00:00:00: ")), "{out}");
    let o = python(&[twin.to_str().unwrap(), "--work", "2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--work takes a duration like 2s or 500ms, not `2`"));
}

/// The runner, on the fixtures, with `PATH` set to `path` only.
fn xtask_with_path(path: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--course-dir")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
        .arg("--no-build")
        .args(args)
        .env("PATH", path)
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("twins-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn without_python3_the_runner_says_so_in_one_line_and_exits_2() {
    let empty = scratch("no-python");
    for args in [&["compare", "fx_pass"][..], &["run-all", "--python"]] {
        let o = xtask_with_path(&empty, args);
        let e = err(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {e}");
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(
            e.contains("python3 is not installed") && e.contains("need CPython 3.9 or newer"),
            "{e}"
        );
    }
}

#[cfg(unix)]
#[test]
fn with_a_python3_older_than_3_9_the_runner_says_so_in_one_line_and_exits_2() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("old-python");
    let fake = dir.join("python3");
    // A python3 that answers the runner's question as Python 3.8 would.
    std::fs::write(&fake, "#!/bin/sh\necho 3 8\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = xtask_with_path(&dir, &["compare", "fx_pass"]);
    let e = err(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(
        e.contains("python3 is Python 3.8; the Python twins need CPython 3.9 or newer"),
        "{e}"
    );
}

#[test]
fn a_chapter_without_a_twin_is_named_in_one_line() {
    if !have_python() {
        return;
    }
    let path = std::env::var_os("PATH").unwrap();
    // Named alone, it is a usage error.
    for args in [&["compare", "fx_pass"][..], &["run", "fx_pass", "--python"]] {
        let o = xtask_with_path(Path::new(&path), args);
        let e = err(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {e}");
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(
            e.contains("fx_pass has no Python twin") && e.contains("fx_pass.py is missing"),
            "{e}"
        );
    }
    // In a run of all, it fails its chapter's line, and the others are still checked.
    let course = scratch("course-without-twins");
    for fixture in ["fx_pass", "fx_serial"] {
        let to = course.join(fixture);
        std::fs::create_dir_all(&to).unwrap();
        for f in ["main.rs", "expected.log"] {
            let from = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures")
                .join(fixture)
                .join(f);
            std::fs::copy(from, to.join(f)).unwrap();
        }
    }
    let o = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--course-dir")
        .arg(&course)
        .args(["--no-build", "run-all", "--python"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}{}", err(&o));
    for fixture in ["fx_pass", "fx_serial"] {
        assert!(out.contains(&format!("{fixture}.py")), "{out}");
        assert!(
            out.contains(&format!("{fixture} has no Python twin")),
            "{out}"
        );
    }
    assert!(out.contains("some twins FAILED"), "{out}");
}
