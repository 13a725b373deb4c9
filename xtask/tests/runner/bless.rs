//! `bless`: it writes a chapter's expected log from a run, keeps its `[..]`, and refuses a run
//! that did not end normally or no longer shows the lesson; on a usage error it overwrites
//! nothing.

use super::{fixtures, scratch_course, text, xtask};

#[test]
fn an_unreadable_expected_log_is_a_usage_error_and_nothing_is_overwritten() {
    let course = scratch_course(&["fx_pass"]);
    let log = course.join("fx_pass/expected.log");
    std::fs::write(&log, "00:00:02: b\n00:00:01: a\n").unwrap();
    for cmd in ["run-all", "bless"] {
        let o = xtask(&course, &[cmd]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {err}");
        assert!(err.contains("line 2 goes back in time"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&log).unwrap(),
            "00:00:02: b\n00:00:01: a\n"
        );
    }
    std::fs::remove_dir_all(course).unwrap();
}

#[test]
fn bless_keeps_placeholders_and_makes_missing_logs() {
    let course = scratch_course(&["fx_pass", "fx_no_log"]);
    let o = xtask(&course, &["bless", "--speed", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(
        std::fs::read_to_string(course.join("fx_pass/expected.log")).unwrap(),
        std::fs::read_to_string(fixtures().join("fx_pass/expected.log")).unwrap(),
        "the [..] placeholder survives"
    );
    assert_eq!(
        std::fs::read_to_string(course.join("fx_no_log/expected.log")).unwrap(),
        "00:00:00: Main    : hello\n"
    );
    let o = xtask(&course, &["run-all", "--speed", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    std::fs::remove_dir_all(course).unwrap();
}

#[test]
fn bless_refuses_a_run_that_did_not_end_normally() {
    let course = scratch_course(&["fx_hang", "fx_panic"]);
    for name in ["fx_hang", "fx_panic"] {
        let log = course.join(name).join("expected.log");
        let before = std::fs::read_to_string(&log).unwrap();
        let o = xtask(&course, &["bless", name, "--timeout", "300ms"]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{t}");
        assert!(t.contains("NOT blessed"), "{t}");
        assert_eq!(std::fs::read_to_string(&log).unwrap(), before);
        assert!(!log.with_extension("log.tmp").exists());
    }
    std::fs::remove_dir_all(course).unwrap();
}

#[test]
fn bless_refuses_a_run_in_which_the_lesson_no_longer_shows_unless_forced() {
    // fx_wrong_value's log says the update was lost (1); its run ends at 2, which its
    // `If it differs` rule names: the lesson no longer shows.
    let course = scratch_course(&["fx_wrong_value"]);
    let log = course.join("fx_wrong_value/expected.log");
    let before = std::fs::read(&log).unwrap();
    let o = xtask(&course, &["bless", "fx_wrong_value"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    let first = t.lines().next().unwrap();
    assert!(
        first.contains("NOT blessed: the lesson no longer shows: `Testing update. Ending value is 2.` came: the ending value is 2, not 1"),
        "{t}"
    );
    assert!(
        first.contains("`cargo xtask bless fx_wrong_value --force`"),
        "{t}"
    );
    assert_eq!(std::fs::read(&log).unwrap(), before, "the log is untouched");
    assert!(!log.with_extension("log.tmp").exists());
    // Insisting blesses it.
    let o = xtask(&course, &["bless", "fx_wrong_value", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        std::fs::read_to_string(&log)
            .unwrap()
            .contains("Ending value is 2."),
    );
    std::fs::remove_dir_all(course).unwrap();
}

#[test]
fn bless_refuses_a_log_that_would_no_longer_hold_the_lesson_and_writes_nothing() {
    // The chapter's broken.txt names a line its run no longer prints (the lesson's words were
    // changed and broken.txt was not): the log bless would write cannot hold the lesson.
    let course = scratch_course(&["fx_no_log"]);
    let dir = course.join("fx_no_log");
    std::fs::write(
        dir.join("broken.txt"),
        "line: Main    : goodbye\nis missing\n",
    )
    .unwrap();
    let o = xtask(&course, &["bless", "fx_no_log", "--speed", "2"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(
        t.contains("NOT blessed: the new log would no longer hold the lesson"),
        "{t}"
    );
    assert!(
        t.contains("no line of the expected log has this text"),
        "{t}"
    );
    assert!(!dir.join("expected.log").exists(), "{t}");
    assert!(!dir.join("expected.log.tmp").exists());
    std::fs::remove_dir_all(course).unwrap();
}
