//! Every level on the play runtime: each breakable level is won by a schedule kept here, and no
//! fixed level is broken by 200 random schedules nor (where the model sees them all) by any.
//! Built under `--cfg shuttle` only: `cargo xtask prove` runs these.
#![cfg(shuttle)]

use std::path::PathBuf;

use play::engine::{self, End, Object, Status, Waiting};
use play::levels::levels;

/// Where a schedule that breaks a fixed level is kept, for `cargo xtask prove` to draw (it
/// clears the folder before this step and draws what it finds after): the format of `cargo
/// xtask play --save`, so that `--replay` plays it.
fn counterexamples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/play/counterexamples")
}

/// A fixed level broken by `moves`: keep them where prove finds them, and say how to play them.
fn broken(id: &str, moves: &[usize], words: &str) -> String {
    let dir = counterexamples();
    let file = dir.join(format!("{id}.txt"));
    let moves: Vec<String> = moves.iter().map(|m| m.to_string()).collect();
    let kept = std::fs::create_dir_all(&dir).and_then(|()| {
        std::fs::write(
            &file,
            format!(
                "# a schedule of `cargo xtask play`: play it again with --replay\nlevel {id}\nmoves {}\n",
                moves.join(" ")
            ),
        )
    });
    let play = match kept {
        Ok(()) => format!("cargo xtask play --replay target/play/counterexamples/{id}.txt"),
        Err(e) => format!(
            "(not kept: {e}) cargo xtask play {id} --moves \"{}\"",
            moves.join(" ")
        ),
    };
    format!("{id}: a schedule breaks the claim ({words}); play it: {play}")
}

/// Each breakable level's winning schedule, kept beside its words in `play/src/levels.json`:
/// the shortest found (20,000 random schedules each; ch04's and ch07's are as short as a win can
/// be: each thread must reach its store or its second lock).
fn kept() -> Vec<(String, Vec<usize>)> {
    play::levels::table()
        .into_iter()
        .filter_map(|l| Some((l.id, l.kept?)))
        .collect()
}

fn blocked(why: &str, kind: Object, name: &str) -> Status {
    Status::Blocked {
        why: why.into(),
        on: Some(Waiting {
            kind,
            name: name.into(),
        }),
    }
}

fn step(words: &str) -> engine::Did {
    engine::Did::Step(words.into())
}

fn level(id: &str) -> &'static engine::Level {
    play::level(id).unwrap_or_else(|| panic!("no level {id}"))
}

#[test]
fn every_breakable_level_is_won_by_its_kept_schedule() {
    for (id, moves) in &kept() {
        let (frames, end) = engine::play(level(id), moves);
        assert!(matches!(end, End::Won(_)), "{id}: {end:?}");
        // One screen before each move, and one at the end.
        assert_eq!(frames.len(), moves.len() + 1, "{id}");
        // One move fewer does not win: the kept schedule has no move to spare.
        let (_, short) = engine::play(level(id), &moves[..moves.len() - 1]);
        assert!(
            !matches!(short, End::Won(_)),
            "{id} won with one move fewer"
        );
    }
}

#[test]
fn every_level_of_the_table_has_its_scenario_and_every_scenario_its_level() {
    let table = play::levels::table();
    assert_eq!(play::levels::matched(&table), Ok(()));
    assert_eq!(levels().len(), table.len());
    for (l, words) in levels().iter().zip(&table) {
        assert_eq!(
            l.words(),
            playproto::Level {
                kept: None,
                run: None,
                ..words.clone()
            }
        );
    }
    // A row with no scenario, and a scenario with no row, are each refused by name.
    let mut more = table.clone();
    more.push(playproto::Level {
        id: "ch99".into(),
        ..table[0].clone()
    });
    let e = play::levels::matched(&more).unwrap_err();
    assert!(
        e.contains("ch99 of play/src/levels.json has no scenario"),
        "{e}"
    );
    let e = play::levels::matched(&table[1..]).unwrap_err();
    assert!(
        e.contains("scenario ch04 of play/src/levels.rs has no level"),
        "{e}"
    );
}

#[test]
fn no_random_schedule_breaks_a_fixed_level() {
    for l in levels().iter().filter(|l| l.fixed.is_some()) {
        let s = engine::random(l, 7, 200);
        if let Some((moves, words)) = &s.won {
            panic!("{}", broken(l.id, moves, words));
        }
        assert_eq!(s.executions, 200, "{}", l.id);
    }
}

#[test]
fn the_model_runs_every_schedule_of_the_small_fixed_levels_and_none_breaks_them() {
    // (level, schedules: the count shuttle's depth-first search explores, pinned so that a
    // change to the scenario or the runtime is seen)
    for (id, schedules) in [
        ("ch05", 12),
        ("ch06", 12),
        ("ch07-ordered", 24),
        ("ch09", 546),
        ("ch10-ordered", 37),
        ("ch13", 1512),
        ("ch13-rendezvous", 2160),
        ("ch14-event", 25),
        ("ch17", 834),
        ("ch18", 92),
    ] {
        let s = engine::explore(level(id), 100_000);
        if let Some((moves, words)) = &s.won {
            panic!("{}", broken(id, moves, words));
        }
        assert!(s.complete, "{id}: the search did not finish");
        assert_eq!(s.executions, schedules, "{id}");
    }
}

#[test]
fn the_model_finds_a_win_on_every_breakable_level_but_ch15() {
    // ch15's three jobs make a tree whose first 100,000 schedules depth first hold no win (the
    // search varies the last choices first); random schedules find it (its kept schedule).
    for (id, _) in kept().iter().filter(|(id, _)| id != "ch15") {
        let s = engine::explore(level(id), 100_000);
        assert!(s.won.is_some(), "{id}: shuttle's search found no win");
    }
}

#[test]
fn a_move_for_a_thread_that_cannot_run_is_refused_with_the_reason() {
    let (_, end) = engine::play(level("ch07"), &[1, 1, 2, 2, 2]);
    let End::Bad(why) = end else {
        panic!("{end:?}")
    };
    assert_eq!(
        why,
        "move 5: Thread B (key 2) cannot run now: waits for lock 1, held by Thread A"
    );
    let (_, end) = engine::play(level("ch04"), &[3]);
    assert_eq!(end, End::Bad("move 1: there is no thread 3".into()));
    let (_, end) = engine::play(level("ch04"), &[1, 1, 1, 1]);
    assert!(
        matches!(end, End::Bad(w) if w.contains("has finished")),
        "finished"
    );
}

#[test]
fn a_screen_shows_the_chapter_line_each_thread_runs_next_and_who_holds_a_lock() {
    let (frames, _) = engine::play(level("ch07"), &[1, 1]);
    let last = frames.last().unwrap();
    let a = &last.lanes[0];
    assert_eq!(
        a.at.as_deref(),
        Some("chapters/ch07_deadlock/src/lib.rs:37")
    );
    assert_eq!(a.next, "take lock 2");
    assert!(
        a.did
            .iter()
            .any(|d| *d == engine::Did::Log("Thread A has lock 1".into())),
        "{:?}",
        a.did
    );
    assert_eq!(last.locks[0].name, "lock 1");
    assert_eq!(last.locks[0].held.holder().as_deref(), Some("Thread A"));
    assert_eq!(last.locks[1].held.holder(), None);
    // The line's code, read from the chapter's source.
    assert_eq!(a.code.as_deref(), Some("let b = second.lock();"));
}

/// A send into a full queue, a recv from an empty one and a writer behind readers each say what
/// they wait for; the queue's count is what the channel holds.
#[test]
fn a_blocked_channel_or_rwlock_says_what_it_waits_for() {
    // Producer sends 0 (the queue holds 1 of 1), then tries to send 1, finds the queue full,
    // and sends: it waits for room.
    let (frames, end) = engine::play(level("ch13"), &[1, 1, 1, 1]);
    assert_eq!(end, End::OutOfMoves);
    let last = frames.last().unwrap();
    assert_eq!(
        last.lanes[0].status,
        blocked(
            "waits for a recv to make room: the queue is full",
            Object::Channel,
            "the queue"
        )
    );
    assert!(
        last.lanes[0]
            .did
            .iter()
            .any(|d| *d == step("try_send: sent: the queue holds 1 of 1")),
        "{:?}",
        last.lanes[0].did
    );
    assert_eq!(
        last.lanes[0].at.as_deref(),
        Some("chapters/ch13_channels/src/lib.rs:27")
    );
    assert_eq!(
        last.state[0],
        ("in the queue (room for 1)".to_string(), "1".to_string())
    );
    // Consumer first, on an empty queue: it waits for a message.
    let (frames, _) = engine::play(level("ch13"), &[2, 2]);
    assert_eq!(
        frames.last().unwrap().lanes[1].status,
        blocked(
            "waits for a message: the queue is empty",
            Object::Channel,
            "the queue"
        )
    );
    // Main reads; the writer asks and waits for Main's read lock.
    let (frames, _) = engine::play(level("ch17"), &[1, 1, 2]);
    let last = frames.last().unwrap();
    assert_eq!(
        last.lanes[1].status,
        blocked(
            "waits for the lock, held by Main (reading)",
            Object::Lock,
            "the lock"
        )
    );
    assert_eq!(
        last.locks[0].held,
        engine::Held::Reading(vec!["Main".into()])
    );
}

/// What each move of ch15's won game says is what that step did: Job C goes to sleep at move 9
/// (its lane then says it sleeps, and its next step is no longer the wait it is in), Job A's
/// notify at move 13 wakes Job C by name, and only then is Job C woken.
#[test]
fn a_wait_is_told_as_it_happens() {
    let kept = kept();
    let moves = &kept.iter().find(|(id, _)| id == "ch15").unwrap().1;
    let (frames, end) = engine::play(level("ch15"), moves);
    assert!(matches!(end, End::Won(_)), "{end:?}");
    let c = |k: usize| &frames[k].lanes[2];
    // Before move 9, Job C is about to wait; after it, asleep, and said so.
    assert!(c(8).next.starts_with("wait: let go of"), "{:?}", c(8));
    for k in 9..=12 {
        assert_eq!(
            c(k).status,
            blocked(
                "asleep in wait: only a notify wakes it",
                Object::Condvar,
                "the condvar"
            ),
            "after move {k}"
        );
        assert!(c(k).next.starts_with("after a notify"), "{:?}", c(k));
        assert_eq!(
            c(k).did.last().unwrap(),
            &step("wait: let go of the count's lock, asleep")
        );
    }
    // Move 13 is Job A's notify, which names whom it wakes; then Job C can run, woken.
    assert_eq!(moves[12], 1);
    assert_eq!(frames[12].lanes[0].next, "notify_one");
    assert!(
        frames[13].lanes[0]
            .did
            .iter()
            .any(|d| *d == step("notify_one: wakes Job C")),
        "{:?}",
        frames[13].lanes[0].did
    );
    assert!(c(13).next.starts_with("a notify woke it"), "{:?}", c(13));
    assert_eq!(c(14).did.last().unwrap(), &step("woken by a notify"));
    assert!(
        c(17)
            .did
            .iter()
            .any(|d| matches!(d, engine::Did::Step(s) if s.ends_with("back: wait returns")))
    );
}
