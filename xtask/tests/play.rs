//! `cargo xtask play` as a student runs it with no terminal: the exit codes, the one-line
//! errors, the text screens at 80 columns, --save and --replay, the schedule drawn as the
//! course's timeline (--timeline, --trace-out), and the time a step takes.
//!
//! It builds the play runtime (shuttle, in target/play: 31 s cold at load 3.2), so it is ignored
//! in a plain `cargo test`; `.ci/run` runs it with `--ignored`.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Instant;

/// The protocol's JSON reader, which the runner uses, to read the trace back as a whole value.
use playproto::json;

#[path = "play/levels_added.rs"]
mod levels_added;
#[path = "play/searches.rs"]
mod searches;

fn play(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.arg("play").args(args).env("COLUMNS", "80");
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the runner starts");
    if let Some(text) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The error line: the last line of stderr (cargo's build lines may come before it).
fn error_line(o: &Output) -> String {
    err(o).lines().last().unwrap_or("").to_string()
}

/// A name that is no level's id and no chapter's number or crate is refused before any build:
/// a mistyped id (or a part of a chapter's name) must not play some other level.
#[test]
fn a_mistyped_level_is_refused_with_the_nearest_and_plays_nothing() {
    for (name, says) in [
        (
            "ch07-orderd",
            "error: unknown level `ch07-orderd`: did you mean `ch07-ordered`?",
        ),
        (
            "ch07-xyz",
            "error: unknown level `ch07-xyz`; ch07's levels are ch07, ch07-ordered",
        ),
        (
            "deadlock",
            "error: unknown level `deadlock`; the levels are ch04, ch05,",
        ),
    ] {
        let o = play(&[name, "--moves", ""], None);
        assert_eq!(o.status.code(), Some(2), "{name}: {}{}", out(&o), err(&o));
        assert_eq!(err(&o).lines().count(), 1, "{name}: {}", err(&o));
        assert!(error_line(&o).starts_with(says), "{name}: {}", err(&o));
        assert!(out(&o).is_empty(), "{name} played: {}", out(&o));
    }
    // With no level, `play` lists them (the README names each: see the unit tests).
    let list = play(&[], None);
    assert_eq!(list.status.code(), Some(0), "{}", err(&list));
    for id in ["ch04", "ch07-ordered", "ch18-look-and-set"] {
        assert!(
            out(&list)
                .lines()
                .any(|l| l.split_whitespace().next() == Some(id)),
            "{id}: {}",
            out(&list)
        );
    }
    for line in out(&list).lines() {
        assert!(line.chars().count() <= 80, "over 80 columns: {line:?}");
    }
}

#[test]
#[ignore = "builds the play runtime (shuttle): run by .ci/run with --ignored"]
fn play_in_text_mode() {
    // Won: exit 0, the schedule, the command that plays it again; no line over 80.
    let won = play(&["ch04", "--moves", "1 2 1 2 1 2"], None);
    assert_eq!(won.status.code(), Some(0), "{}{}", out(&won), err(&won));
    let text = out(&won);
    assert!(text.contains("Goal reached. An update is lost"), "{text}");
    assert!(
        text.contains("\n  cargo xtask play ch04 --moves \"1 2 1 2 1 2\"\n"),
        "{text}"
    );
    assert!(
        text.contains("chapters/ch04_race/src/lib.rs:") || text.contains("ch04_race/src/lib.rs:")
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "over 80 columns: {line:?}");
        // Wrapped, never cut: only a lane's history marks the steps it leaves out.
        assert!(
            !line.contains('…') || line.starts_with("    did   … → "),
            "cut: {line:?}"
        );
    }
    // A won level names the one to play next, from the levels' table: after ch04, its fix.
    assert!(
        text.contains("\nIts fix: cargo xtask play ch05 (The lock fix: two locked updates)\n"),
        "{text}"
    );

    // The moves from stdin, the same game.
    let piped = play(&["ch04"], Some("1 2 1 2 1 2\n"));
    assert_eq!(piped.status.code(), Some(0), "{}", err(&piped));

    // Not won: the moves ran out (exit 1); a fixed level that ran to its end has the model run.
    let short = play(&["ch04", "--moves", "1 2"], None);
    assert_eq!(short.status.code(), Some(1));
    // "play on with more" could not be done there: the command that plays on, at a terminal.
    let joined = out(&short).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains(
            "The moves ran out before the goal. To play on from here, run this at a terminal"
        ) && out(&short).contains("\n  cargo xtask play ch04 --moves \"1 2\"\n"),
        "{}",
        out(&short)
    );
    let fixed = play(&["ch05", "--moves", "1 1 1 2 2 2"], None);
    assert_eq!(fixed.status.code(), Some(1));
    assert!(
        out(&fixed).contains("The model ran every schedule of these threads, 12 of them"),
        "{}",
        out(&fixed)
    );
    // On a fix, not reaching the goal is the point: not said as a loss ("Not this time").
    let joined = out(&fixed).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("This schedule did not break the fix: every thread finished")
            && !joined.contains("Not this time"),
        "{}",
        out(&fixed)
    );

    // Bad input: exit 2, one line that says what is wrong.
    for (args, says) in [
        (&["ch99", "--moves", "1"][..], "error: unknown level `ch99`"),
        (
            &["ch01", "--moves", "1"][..],
            "error: ch01_spawn_join has no level to play",
        ),
        (
            &["ch04", "--moves", "1 x"][..],
            "error: move 2 is `x`, not a thread number",
        ),
        (
            &["ch04", "--moves", "3"][..],
            "error: move 1: there is no thread 3",
        ),
        (
            &["ch07", "--moves", "1 1 2 2 2"][..],
            "error: move 5: Thread B (key 2) cannot run now: waits for lock 1, held by Thread A",
        ),
    ] {
        let o = play(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(error_line(&o).starts_with(says), "{args:?}: {}", err(&o));
    }
}

#[test]
#[ignore = "builds the play runtime (shuttle): run by .ci/run with --ignored"]
fn a_won_game_saved_is_won_again_by_its_replay_and_a_step_is_fast() {
    let dir = std::env::temp_dir().join(format!("xtask-play-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ch10.txt");
    let f = file.to_str().unwrap();
    let won = play(&["ch10", "--moves", "1 2 1 2 1", "--save", f], None);
    assert_eq!(won.status.code(), Some(0), "{}", err(&won));
    let again = play(&["--replay", f], None);
    assert_eq!(again.status.code(), Some(0), "{}", err(&again));
    assert!(out(&again).contains("Goal reached. Deadlock"));
    let _ = std::fs::remove_dir_all(&dir);

    // A step is one question to the engine, which plays the moves from the start: a 12-move
    // position (the longest level's first 12 moves) answers within 100 ms.
    let engine = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/play/debug/play");
    let moves = "1 2 1 3 1 2 2 3 3 1 1 1".split(' ');
    let start = Instant::now();
    let o = Command::new(&engine)
        .args(["game", "ch15", "--last"])
        .args(moves)
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(o.status.success());
    assert!(took.as_millis() < 100, "a 12-move step took {took:?}");
}

/// Chapters 13's and 17's levels in text mode: each breakable one won by its kept schedule
/// (exit 0), each fixed one played to its end, then the model over every schedule (exit 1);
/// no line over 80 columns.
#[test]
#[ignore = "builds the play runtime (shuttle): run by .ci/run with --ignored"]
fn the_channel_and_rwlock_levels_play_within_80_columns() {
    for (id, moves, code, says) in [
        (
            "ch13-try-send",
            "1 1 1 1 1 2 2 2",
            0,
            "Goal reached. Main: Consumer got 0: not what Producer made.",
        ),
        (
            "ch17-reader-first",
            "1 3 1 2 3",
            0,
            "Goal reached. Reader 3 got in ahead of Writer, who waits to write.",
        ),
        (
            "ch13",
            "1 2 1 2 1 2 1 2 1 2 2",
            1,
            "The model ran every schedule of these threads, 1,512 of them",
        ),
        (
            "ch13-rendezvous",
            "1 2 1 2 1 2 1 2 1 2 1 2 1 2 1 2 1 2 2",
            1,
            "The model ran every schedule of these threads, 2,160 of them",
        ),
        (
            "ch17",
            "1 1 1 2 2 2 3 3 3",
            1,
            "The model ran every schedule of these threads, 834 of them",
        ),
    ] {
        let o = play(&[id, "--moves", moves], None);
        assert_eq!(o.status.code(), Some(code), "{id}: {}{}", out(&o), err(&o));
        let text = out(&o);
        // The words may wrap: compare them with the lines joined.
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.contains(says), "{id}: {text}");
        for line in text.lines() {
            assert!(
                line.chars().count() <= 80,
                "{id}: over 80 columns: {line:?}"
            );
        }
    }
}

/// `--timeline` and `--trace-out` draw a game: without one, one line and exit 2, before any build.
#[test]
fn the_timeline_of_no_game_is_refused_in_one_line() {
    let dir = std::env::temp_dir();
    for (args, says) in [
        (
            &["--timeline"][..],
            "error: --timeline and --trace-out draw a game: give a level",
        ),
        (
            &["--trace-out", "t.json"][..],
            "error: --timeline and --trace-out draw a game: give a level",
        ),
        (
            &["ch04", "--moves", "1", "--trace-out", dir.to_str().unwrap()][..],
            "is a folder; give the file to write",
        ),
        (
            &[
                "ch04",
                "--moves",
                "1",
                "--trace-out",
                "/no/such/folder/t.json",
            ][..],
            "error: --trace-out /no/such/folder/t.json: there is no folder /no/such/folder",
        ),
    ] {
        let o = play(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}{}", out(&o), err(&o));
        assert_eq!(err(&o).lines().count(), 1, "{args:?}: {}", err(&o));
        assert!(error_line(&o).contains(says), "{args:?}: {}", err(&o));
        assert!(out(&o).is_empty(), "{args:?}: {}", out(&o));
    }
}

#[test]
#[ignore = "builds the play runtime (shuttle): run by .ci/run with --ignored"]
fn a_kept_schedule_replayed_is_drawn_as_the_timeline_and_written_as_a_trace() {
    let dir = std::env::temp_dir().join(format!("xtask-play-tl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // ch15's kept win (play/tests/levels.rs): Job C waits for the count's lock twice, then
    // sleeps in the condvar's wait until Job A's notify.
    let kept = dir.join("ch15.txt");
    std::fs::write(
        &kept,
        "level ch15\nmoves 1 2 1 3 1 2 2 3 3 1 1 1 1 3 1 1 3 3\n",
    )
    .unwrap();
    let trace = dir.join("ch15.json");
    let o = play(
        &[
            "--replay",
            kept.to_str().unwrap(),
            "--timeline",
            "--trace-out",
            trace.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let text = out(&o);
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "over 80 columns: {line:?}");
    }
    // Drawn once: the won screen draws it, --timeline does not draw it again.
    let head = "ch15, the schedule played: 3 threads over 18 moves; a move is one scheduling";
    assert_eq!(text.matches(head).count(), 1, "{text}");
    let picture = &text[text.find(head).unwrap()..];
    assert!(
        picture.contains("\n  point, not a length of time\nmove  1  2  3"),
        "{picture}"
    );
    // A lane a thread, each with its moves; Job C's with its waits.
    for job in ["Job A", "Job B", "Job C"] {
        let row = picture
            .lines()
            .find(|l| l.starts_with(&format!("{job} ")))
            .unwrap_or_else(|| panic!("no lane {job} in {picture}"));
        assert!(row.contains('*'), "{row}");
        if job == "Job C" {
            assert!(row.contains("???"), "{row}");
        }
    }
    let flat = picture.replace("\n  ", " ");
    assert!(
        flat.contains(
            "Job A woke Job C in move 5 (the count's lock); Job B woke Job C in move 7 (the \
             count's lock); Job A woke Job C in move 13 (the condvar)."
        ),
        "{flat}"
    );
    assert!(!picture.contains("lesson time"), "{picture}");
    assert!(text.contains(&format!(
        "The schedule's trace is written to {}.",
        trace.display()
    )));

    the_trace_names_each_wait_with_who_woke_it(&trace);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The trace of ch15's kept win: JSON, a track per thread, each wait named with who woke it.
fn the_trace_names_each_wait_with_who_woke_it(trace: &std::path::Path) {
    let written = std::fs::read_to_string(trace).expect("the trace is written");
    let v = json::parse(&written).expect("the trace is one JSON value");
    let events = v.get("traceEvents").expect("traceEvents").items();
    let tracks: Vec<&str> = events
        .iter()
        .filter(|e| e.get("name").and_then(json::Value::as_str) == Some("thread_name"))
        .filter_map(|e| e.get("args")?.get("name")?.as_str())
        .collect();
    assert_eq!(tracks, ["Job A", "Job B", "Job C"], "{written}");
    let names: Vec<&str> = events
        .iter()
        .filter_map(|e| e.get("name")?.as_str())
        .collect();
    assert!(
        names.contains(&"waiting on the condvar (woken by Job A)"),
        "{names:?}"
    );
    // (The line in ch15.rs moves as levels are added: its file, not its number.)
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("move 13: notify_one (ch15.rs:")),
        "{names:?}"
    );
    assert!(
        v.get("otherData")
            .and_then(|d| d.get("unit"))
            .and_then(json::Value::as_str)
            .is_some_and(|u| u.contains("one move of the game")),
        "{written}"
    );
}

#[test]
#[ignore = "builds the play runtime (shuttle): run by .ci/run with --ignored"]
fn a_game_that_did_not_win_is_drawn_when_asked_and_no_moves_is_refused() {
    let short = play(&["ch04", "--moves", "1 2", "--timeline"], None);
    assert_eq!(short.status.code(), Some(1), "{}", err(&short));
    assert!(
        out(&short).contains("ch04, the schedule played: 2 threads over 2 moves"),
        "{}",
        out(&short)
    );
    let none = play(&["ch04", "--timeline"], None);
    assert_eq!(none.status.code(), Some(2), "{}", err(&none));
    assert!(
        error_line(&none).starts_with("error: --timeline and --trace-out draw the moves played"),
        "{}",
        err(&none)
    );
}
