//! SIGINT, SIGTERM and SIGHUP while the runner runs a chapter: it exits 128 + the signal, the
//! terminal is as it was, the chapter dies with it, and a status line is never left mid-line.

use std::time::{Duration, Instant};

use super::pty::{Pty, fixtures, here};
use super::{alive, children};

/// `signal` while the tour runs a chapter that never ends: the runner exits 128 + `signal`,
/// the terminal is as it was, and the chapter is killed with it.
fn signal_during_a_run(signal: rustix::process::Signal, number: i32) {
    let course = fixtures();
    let (mut pty, before) = Pty::start(
        here(),
        &[
            "--course-dir",
            course.to_str().unwrap(),
            "--timeout",
            "60s",
            "tour",
            "fx_hang",
        ],
        &[],
    );
    pty.wait_for("[Enter] run it");
    pty.type_keys(b"\r");
    pty.wait_for("before second acquire");
    let runner = pty.child.id();
    let chapter = children(runner);
    assert_eq!(chapter.len(), 1, "the runner runs one chapter: {chapter:?}");
    let pid = rustix::process::Pid::from_raw(runner as i32).unwrap();
    rustix::process::kill_process(pid, signal).unwrap();
    // Ctrl-C (or SIGTERM) says where the place is kept, as `q` does, once the main screen is
    // back (a hung-up terminal has no one to read it), wrapped to the terminal.
    if number != 1 {
        pty.wait_for_after("\x1b[?1049l", "fx_hang.");
        let text = pty.text();
        let said = text.rsplit("\x1b[?1049l").next().unwrap();
        let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            said.contains("Your place is kept: `cargo xtask tour --progress-file")
                && said.contains("` comes back to fx_hang."),
            "{said}"
        );
    }
    let (code, after) = pty.end();
    assert_eq!(code, 128 + number, "the runner's exit code");
    assert_eq!(after, before, "the terminal's modes after the signal");
    let start = Instant::now();
    while alive(chapter[0]) {
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "the chapter {} outlived the runner",
            chapter[0]
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `run-all` killed with SIGTERM mid-run left its status line unfinished (`running… 3s`, the
/// shell's prompt after it) and said nothing: the line is ended and the stop said.
#[test]
fn sigterm_during_run_all_ends_the_status_line_and_says_it_stopped() {
    let course = fixtures();
    let (mut pty, before) = Pty::start(
        here(),
        &[
            "--course-dir",
            course.to_str().unwrap(),
            "--timeout",
            "60s",
            "run",
            "fx_hang",
        ],
        &[],
    );
    pty.wait_for("running");
    let pid = rustix::process::Pid::from_raw(pty.child.id() as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
    pty.wait_for("stopped: SIGTERM ended the runner");
    let text = pty.text();
    let after_status = text.rsplit("running").next().unwrap();
    assert!(
        after_status.contains("\n") && after_status.find('\n') < after_status.find("stopped"),
        "the status line is ended before the stop is said: {after_status:?}"
    );
    let (code, after) = pty.end();
    assert_eq!(code, 143, "the runner's exit code");
    assert_eq!(after, before, "the terminal's modes after SIGTERM");
}

#[test]
fn sigterm_during_a_run_kills_the_chapter_and_gives_the_terminal_back() {
    signal_during_a_run(rustix::process::Signal::TERM, 15);
}

#[test]
fn sigint_during_a_run_kills_the_chapter_and_gives_the_terminal_back() {
    signal_during_a_run(rustix::process::Signal::INT, 2);
}

#[test]
fn sighup_during_a_run_kills_the_chapter_and_gives_the_terminal_back() {
    signal_during_a_run(rustix::process::Signal::HUP, 1);
}
