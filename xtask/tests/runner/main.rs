//! The runner against chapters broken on purpose (`xtask/fixtures`): it must fail each with a
//! message that says what is wrong, kill a hanging one in time, and never overwrite a file on a
//! usage error (`bless.rs`: `bless`).
//!
//! The fixtures run at `--speed 2`, no faster: the line after a one-second sleep must read its
//! whole second, and at `--speed 4` a busy machine held a thread up the quarter of a second
//! that took (three runs in four failed with six busy loops beside them; none at speed 2).

mod bless;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The runner, pointed at `course`, using the fixture binaries cargo built next to it.
fn xtask(course: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--course-dir")
        .arg(course)
        .arg("--no-build")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the runner starts")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A course folder of its own holding copies of some fixtures, for tests that edit files.
fn scratch_course(fixtures_to_copy: &[&str]) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "xtask-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    for name in fixtures_to_copy {
        let to = dir.join(name);
        std::fs::create_dir_all(&to).unwrap();
        for f in ["main.rs", "expected.log"] {
            let from = fixtures().join(name).join(f);
            if from.exists() {
                std::fs::copy(from, to.join(f)).unwrap();
            }
        }
    }
    dir
}

#[test]
fn a_good_chapter_passes() {
    let o = xtask(&fixtures(), &["run", "fx_pass", "--speed", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("fx_pass") && text(&o).contains("ok"));
    assert!(text(&o).contains("the lesson showed"), "{}", text(&o));
}

#[test]
fn threads_that_ran_one_after_another_fail_on_their_times() {
    let o = xtask(&fixtures(), &["run", "fx_serial", "--speed", "2"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("FAILED"), "{t}");
    assert!(
        t.contains("`Thread 1: finishing` was expected at 00:00:01, came at 00:00:02"),
        "{t}"
    );
    assert!(t.contains("+00:00:03: Thread 2: finishing"), "{t}");
    // And in the lesson's words, from the chapter's `## If it differs`.
    assert!(t.contains("what this means:"), "{t}");
    assert!(
        t.contains("- the threads finished one after another, not together"),
        "{t}"
    );
    assert!(!t.contains("never said"), "{t}");
}

#[test]
fn a_changed_value_fails_with_a_diff_that_points_at_it() {
    let o = xtask(&fixtures(), &["run", "fx_wrong_value"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(
        t.contains("missing: 00:00:00: Testing update. Ending value is 1."),
        "{t}"
    );
    assert!(
        t.contains("extra:   00:00:00: Testing update. Ending value is 2."),
        "{t}"
    );
    assert!(
        t.contains("-00:00:00: Testing update. Ending value is 1."),
        "{t}"
    );
    assert!(
        t.contains("+00:00:00: Testing update. Ending value is 2."),
        "{t}"
    );
}

#[test]
fn a_hanging_chapter_is_killed_in_time() {
    let start = Instant::now();
    let o = xtask(&fixtures(), &["run", "fx_hang", "--timeout", "500ms"]);
    let t = text(&o);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(
        t.contains("timed out: still running after 500ms, so it was killed"),
        "{t}"
    );
    assert!(t.contains("missing: 00:00:00: acquired lock twice"), "{t}");
    // What it means: cut off, not a lesson that failed in some way (the fixture's `is missing`
    // rule stays silent).
    assert!(
        t.contains("- the run was cut off after 500ms, before it could show the lesson"),
        "{t}"
    );
    assert!(!t.contains("took another path"), "{t}");
}

#[test]
fn a_panicking_chapter_fails_with_its_stderr() {
    let o = xtask(&fixtures(), &["run", "fx_panic"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("the chapter exited with code 101"), "{t}");
    assert!(t.contains("index out of bounds"), "{t}");
    // The runner's environment does not leak in: no backtrace even if the caller asked for one.
    let o = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["--course-dir"])
        .arg(fixtures())
        .args(["--no-build", "run", "fx_panic"])
        .env("RUST_BACKTRACE", "full")
        .output()
        .unwrap();
    assert!(!text(&o).contains("stack backtrace"), "{}", text(&o));
}

#[test]
fn one_word_one_number_or_one_time_changed_in_the_expected_log_fails() {
    let edits = [
        ("Thread 0: starting", "Thread 0: started"),
        ("value is [..]", "value is 41"),
        (
            "00:00:01: Thread 0: finishing",
            "00:00:00: Thread 0: finishing",
        ),
    ];
    // Each edit in a course of its own, all three run at once (each run mostly sleeps).
    std::thread::scope(|s| {
        for (from, to) in edits {
            s.spawn(move || {
                let course = scratch_course(&["fx_pass"]);
                let log = course.join("fx_pass/expected.log");
                let text_before = std::fs::read_to_string(&log).unwrap();
                std::fs::write(&log, text_before.replace(from, to)).unwrap();
                let o = xtask(&course, &["run-all", "--speed", "2"]);
                let t = text(&o);
                assert_eq!(o.status.code(), Some(1), "edit {from:?} -> {to:?}: {t}");
                let edited = text_before.lines().find(|l| l.contains(from)).unwrap();
                assert!(t.contains(&format!("-{}", edited.replace(from, to))), "{t}");
                std::fs::remove_dir_all(course).unwrap();
            });
        }
    });
}

#[test]
fn run_all_reports_each_chapter_and_a_summary() {
    let course = scratch_course(&["fx_pass", "fx_wrong_value"]);
    let o = xtask(&course, &["run-all", "--speed", "2", "--repeat", "2"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("2/2 passed"), "{t}");
    assert!(t.contains("0/2 passed"), "{t}");
    assert!(t.contains("some chapters FAILED"), "{t}");
    assert!(
        t.trim_end().ends_with("`cargo xtask tour`"),
        "the last line points to the tour: {t}"
    );
    std::fs::remove_dir_all(course).unwrap();
}

#[test]
fn usage_errors_say_what_to_do_and_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["run", "ch99"],
            "unknown chapter `ch99`; the chapters are fx_hang to fx_wrong_value: `cargo xtask list`",
        ),
        (&["run"], "`run` needs a chapter"),
        (&["frobnicate"], "unknown command `frobnicate`"),
        (
            &["run-all", "--repeat", "0"],
            "--repeat takes a whole number",
        ),
        (
            &["run-all", "--speed", "-1"],
            "--speed takes a number from 0.01 to 100",
        ),
        (
            &["run-all", "--timeout", "soon"],
            "--timeout takes a duration",
        ),
        (&["run-all", "--bogus"], "invalid option `--bogus`"),
        (&["list", "ch01"], "`list` takes no chapter"),
        (&["hint"], "`hint` needs a chapter"),
        (
            &["run-all", "--timeout", "0s"],
            "--timeout must be longer than 0s",
        ),
        (
            &["run-all", "--repeat"],
            "missing argument for option `--repeat`; run `cargo xtask help`",
        ),
        (&[], "no command given"),
    ];
    for (args, says) in cases {
        let o = xtask(&fixtures(), args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line, got {err}");
    }
}

#[test]
fn a_missing_expected_log_says_how_to_bless_it() {
    let o = xtask(&fixtures(), &["run", "fx_no_log"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("fx_no_log has no expected log"), "{err}");
    assert!(err.contains("`cargo xtask bless fx_no_log`"), "{err}");
    // run-all finds it before running anything.
    let o = xtask(&fixtures(), &["run-all"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty(), "{}", text(&o));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let o = xtask(&fixtures(), &["run", "fx_wrong_value"]);
    assert!(!text(&o).contains('\x1b'), "piped output has no colour");
    let o = xtask(&fixtures(), &["run", "fx_wrong_value", "--color", "always"]);
    assert!(text(&o).contains("\x1b[31m-00:00:00: Testing update. Ending value is 1."));
}

#[test]
fn the_tour_with_no_terminal_runs_to_the_end_without_waiting_and_remembers() {
    let course = scratch_course(&["fx_pass", "fx_wrong_value"]);
    let progress = course.join("progress");
    let tour = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("--course-dir")
            .arg(&course)
            .arg("--progress-file")
            .arg(&progress)
            .args(["--no-build", "--speed", "2", "tour"])
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    let o = tour(&[]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("Chapter 1 of 2"), "{t}");
    assert!(
        t.contains("00:00:01: Thread 0: finishing"),
        "the run is shown live: {t}"
    );
    assert!(t.contains("The lesson showed"), "{t}");
    assert!(t.contains("Chapter 2 of 2"), "{t}");
    assert!(t.contains("This run differs from the lesson's log"), "{t}");
    assert!(t.contains("That was the last chapter"), "{t}");
    assert!(
        std::fs::read_to_string(&progress)
            .unwrap()
            .contains("chapter = fx_wrong_value")
    );
    // Coming back starts where the student was.
    let t = text(&tour(&[]));
    assert!(
        !t.contains("Chapter 1 of 2") && t.contains("Chapter 2 of 2"),
        "{t}"
    );
    // A broken progress file is no obstacle.
    std::fs::write(&progress, b"\xff\x00nonsense").unwrap();
    let o = tour(&[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o).contains("another version or broken"));
    std::fs::remove_dir_all(course).unwrap();
}

#[test]
fn hint_prints_what_to_look_for_and_what_to_try() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let o = xtask(&root.join("chapters"), &["hint", "1"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(
        t.contains("What to look for") && t.contains("Try this"),
        "{t}"
    );
    assert!(
        t.contains("Join each thread right after its `spawn`"),
        "{t}"
    );
}

#[test]
fn hint_wraps_to_the_width_in_columns_without_breaking_a_word() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let hint = |columns: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
        cmd.args(["--no-build", "--course-dir"])
            .arg(root.join("chapters"))
            .args(["hint", "4"])
            .env_remove("COLUMNS");
        if let Some(c) = columns {
            cmd.env("COLUMNS", c);
        }
        let o = cmd.output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    let as_written = hint(None);
    for columns in [80, 60] {
        let wrapped = hint(Some(&columns.to_string()));
        for line in wrapped.lines() {
            assert!(
                line.chars().count() <= columns,
                "over {columns} columns: {line:?}"
            );
        }
        let words = |t: &str| t.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(
            words(&wrapped),
            words(&as_written),
            "no word broken or lost"
        );
    }
}

#[test]
fn an_if_it_differs_bullet_that_does_not_read_is_a_usage_error() {
    let course = scratch_course(&["fx_pass"]);
    let main = course.join("fx_pass/main.rs");
    let source = std::fs::read_to_string(&main).unwrap();
    let (title, rest) = source.split_once('\n').unwrap();
    let broken =
        format!("{title}\n//!\n//! ## If it differs\n//! - `Main[..]` is mising: a slip\n{rest}");
    std::fs::write(&main, broken).unwrap();
    let o = xtask(&course, &["run", "fx_pass"]);
    let t = text(&o);
    let _ = std::fs::remove_dir_all(&course);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(
        t.contains(
            "fx_pass: the `If it differs` bullet `- `Main[..]` is mising: a slip` does not read"
        ),
        "{t}"
    );
}

#[test]
fn a_chapters_broken_run_is_read_from_beside_it_and_a_wrong_one_is_a_usage_error() {
    let course = scratch_course(&["fx_pass"]);
    let file = course.join("fx_pass/broken.txt");
    let run = |broken: &str| {
        std::fs::write(&file, broken).unwrap();
        let o = xtask(&course, &["run", "fx_pass", "--speed", "2"]);
        (o.status.code(), text(&o))
    };
    // A run that failed to show the lesson, which the log fails: the check goes on and passes.
    let (code, t) = run("line: Thread 0: finishing\nis missing\n");
    assert_eq!(code, Some(0), "{t}");
    // A file that does not read: its path and line, exit 2.
    let (code, t) = run("line: Thread 0: finishing\nbecome: Thread 0: gone\n");
    assert_eq!(code, Some(2), "{t}");
    assert!(
        t.contains(&format!(
            "{}: line 2: not `line:`, `becomes:` or `is missing`",
            file.display()
        )),
        "{t}"
    );
    // A broken run the log lets pass (its `[..]` takes any value): the log no longer holds the
    // lesson, said at the file's `line:`.
    let (code, t) = run("# the value\nline: value is [..]\nbecomes: value is 3\n");
    assert_eq!(code, Some(2), "{t}");
    assert!(
        t.contains(&format!(
            "{}: line 2: a run that prints this",
            file.display()
        )),
        "{t}"
    );
    let (code, t) = run("line: Thread 9: finishing\nis missing\n");
    let _ = std::fs::remove_dir_all(&course);
    assert_eq!(code, Some(2), "{t}");
    assert!(
        t.contains("line 1: no line of the expected log has this text"),
        "{t}"
    );
}
