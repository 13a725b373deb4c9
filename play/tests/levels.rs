//! Every level on the play runtime: each breakable level is won by a schedule kept here, and a
//! sample of 200 random schedules breaks no fixed level (each fixed level's own search, and its
//! broken twin, are in `fixes.rs`). Built under `--cfg shuttle` only: `cargo xtask prove` runs
//! these.
#![cfg(shuttle)]

mod kept;

use play::engine::{self, End, Object, Waiting};
use play::levels::levels;
use play::search;

/// Each breakable level's winning schedule, kept beside its words in its chapter's table
/// (`play/src/levels/chNN.json`, beside the scenario in `chNN.rs`):
/// the shortest found (20,000 random schedules each; ch04's and ch07's are as short as a win can
/// be: each thread must reach its store or its second lock).
fn kept() -> Vec<(String, Vec<usize>)> {
    play::levels::table()
        .into_iter()
        .filter_map(|l| Some((l.id, l.kept?)))
        .collect()
}

fn blocked(why: &str, kind: Object, name: &str) -> engine::Status {
    engine::Status::Blocked {
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

/// The last thing a lane did, in words.
fn last_did(lane: &engine::Lane) -> &str {
    match lane.did.last() {
        Some(engine::Did::Step(w) | engine::Did::Log(w)) => w,
        None => "",
    }
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

/// The levels that show what the play runtime cannot: no schedule reaches the goal, and the
/// level is no fix. Its note says why.
const CANNOT_BREAK: &[&str] = &["ch11-stale"];

#[test]
fn every_level_is_kept_here_or_fixed_or_one_the_runtime_cannot_break() {
    let kept_ones = kept();
    for l in levels() {
        let kept = kept_ones.iter().any(|(id, _)| id == l.id);
        let cannot = CANNOT_BREAK.contains(&l.id);
        assert_eq!(
            [kept, l.fixed.is_some(), cannot]
                .iter()
                .filter(|b| **b)
                .count(),
            1,
            "{}: kept {kept}, fixed {:?}, cannot be broken here {cannot}",
            l.id,
            l.fixed
        );
    }
}

/// `ch11-stale` is the `Relaxed` bug that shuttle cannot show (it runs every atomic as
/// sequentially consistent): every schedule of its search runs (its receiver spins, so the
/// search has a bound), none reaches the goal, and the note says why
/// and where the bug does show (the chapter's words: x86 alone does not reorder the two stores;
/// the compiler or a weaker machine may; loom shows it).
#[test]
fn a_level_the_runtime_cannot_break_says_why_and_no_schedule_breaks_it() {
    for id in CANNOT_BREAK {
        let l = level(id);
        let s = search::check(l, play::levels::plan(l));
        assert!(
            s.holds(),
            "{id}: {:?} after {} schedules",
            s.found(),
            s.executions
        );
        let note = l.note.unwrap_or_default();
        for words in [
            "sequentially consistent",
            "x86",
            "compiler",
            "proofs/tests/loom_ch11.rs",
        ] {
            assert!(
                note.contains(words),
                "{id}'s note does not say `{words}`: {note}"
            );
        }
        assert!(l.fixed.is_none(), "{id} is no fix");
    }
}

/// A sample beside each fixed level's own search (`fixes.rs`): random schedules are not held to
/// a bound of preemptions. A schedule that reaches the goal, makes a thread panic or spins
/// breaks the claim here too.
#[test]
fn no_random_schedule_breaks_a_fixed_level() {
    for l in levels().iter().filter(|l| l.fixed.is_some()) {
        let s = search::random(l, 7, 200);
        if let Some((moves, found)) = s.found() {
            let words = match found {
                search::Found::Won(w) | search::Found::Failed(w) => w,
                search::Found::Cut => engine::CUT.to_string(),
            };
            panic!("{}", kept::broken(l.id, &moves, &words));
        }
        assert_eq!(s.executions, 200, "{}", l.id);
    }
}

#[test]
fn the_model_finds_a_win_on_every_breakable_level_but_ch15() {
    // ch15's three jobs make a tree whose first 100,000 schedules depth first hold no win (the
    // search varies the last choices first); random schedules find it (its kept schedule).
    for (id, _) in kept().iter().filter(|(id, _)| id != "ch15") {
        let s = search::explore(level(id), 100_000);
        assert!(s.won.is_some(), "{id}: the depth-first search found no win");
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
        e.contains("ch99 of play/src/levels/ch99.json has no scenario"),
        "{e}"
    );
    let e = play::levels::matched(&table[1..]).unwrap_err();
    assert!(
        e.contains("scenario ch04 of play/src/levels/ch04.rs has no level in its table"),
        "{e}"
    );
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

/// What each move of ch15's won game says is what that step did: Job C goes to sleep at move 10
/// (its lane then says it sleeps, and its next step is no longer the wait it is in), Job A's
/// notify at move 13 wakes Job C by name, and only then is Job C woken.
#[test]
fn a_wait_is_told_as_it_happens() {
    let kept = kept();
    let moves = &kept.iter().find(|(id, _)| id == "ch15").unwrap().1;
    let level = level("ch15");
    let (frames, end) = engine::play(level, moves);
    assert!(matches!(end, End::Won(_)), "{end:?}");
    let c = |k: usize| &frames[k].lanes[2];
    // Before move 10, Job C is about to wait; after it, asleep, and said so.
    assert!(c(9).next.starts_with("wait: let go of"), "{:?}", c(9));
    for k in 10..=12 {
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
        assert_eq!(last_did(c(k)), "wait: let go of the count's lock, asleep");
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
    // Job A goes on; Job C, chosen at move 16, takes the notify in that step.
    assert_eq!(moves[15], 3);
    assert_eq!(last_did(c(15)), "wait: let go of the count's lock, asleep");
    assert_eq!(last_did(c(16)), "woken by a notify");
    assert!(
        c(17)
            .did
            .iter()
            .any(|d| matches!(d, engine::Did::Step(s) if s.ends_with("back: wait returns")))
    );
}

/// A thread that panics is a break, never a pass: chapter 15's semaphore with `if` for `while`
/// and its own `-=` (ch15-while's twin) panics where ch15's wrapping copy lets a third job in. A
/// game that ends there ends `Failed`, the panicking thread finished and the others as they
/// were; a search, depth first or random, stops there and carries it, as not complete.
#[test]
fn a_panic_is_a_break_in_a_game_and_in_a_search() {
    let twin = play::levels::twins("ch15-while")
        .into_iter()
        .map(|(l, _)| l)
        .find(|l| l.id == "ch15-while-twin")
        .expect("ch15-while's twin with the chapter's `-=`");
    let s = search::check(twin, play::levels::plan(level("ch15-while")));
    let Some((moves, search::Found::Failed(words))) = s.found() else {
        panic!("{:?} after {} schedules", s.found(), s.executions)
    };
    assert_eq!(
        words,
        "a thread panicked: attempt to subtract with overflow"
    );
    assert!(!s.complete && !s.holds());
    let (frames, end) = engine::play(twin, &moves);
    assert_eq!(end, End::Failed(words.clone()));
    assert_eq!(frames.len(), moves.len() + 1);
    let last = frames.last().unwrap();
    let panicked = &last.lanes[moves.last().unwrap() - 1];
    assert_eq!(panicked.status, engine::Status::Finished);
    assert_eq!(
        last_did(panicked),
        "panicked: attempt to subtract with overflow"
    );
    // It panicked holding the count's lock: the lock is free now, and poisoned; the count is
    // read through the poison, and said to be poisoned.
    assert!(
        last.locks.iter().all(|l| l.held == engine::Held::Free),
        "{:?}",
        last.locks
    );
    assert!(
        last.state
            .iter()
            .any(|(label, value)| label == "free permits" && value.ends_with(" (poisoned)")),
        "{:?}",
        last.state
    );
    // Counted, a panic is neither a pass nor dropped: the search goes on past each one to the
    // end of its set, and counts them apart from the schedules that ended well.
    let t = search::count(twin, play::levels::plan(level("ch15-while")));
    assert!(t.complete && t.failed > 0 && t.won == 0, "{t:?}");
    // The random search stops at the panic, before its count, and says so.
    let r = search::random(twin, 1, 200);
    assert!(
        matches!(r.found(), Some((_, search::Found::Failed(_)))) && r.executions < 200,
        "{:?} after {}",
        r.found(),
        r.executions
    );
}

/// ch15's note says what its copy changes: `if` for `while`, and wrapping arithmetic where the
/// chapter's `-=` panics (the test above shows the panic; the kept schedule, the third job in).
#[test]
fn ch15s_note_says_its_copy_wraps_where_the_chapter_panics() {
    let note = level("ch15").note.unwrap_or_default();
    for words in ["`if` for its `while`", "wrapping", "panics"] {
        assert!(
            note.contains(words),
            "ch15's note does not say `{words}`: {note}"
        );
    }
    assert!(!note.contains("one word"), "{note}");
}

/// A thread that finds chapter 11's flag up gives way with `yield_now`, and the screen says so:
/// its next step is the yield, then it has given way.
#[test]
fn a_spin_lock_gives_way_on_the_screen() {
    let (frames, end) = engine::play(level("ch11-flag-exchange"), &[1, 1, 2, 2, 2]);
    assert_eq!(end, End::OutOfMoves);
    let thread2 = |k: usize| &frames[k].lanes[1];
    // Move 4 is Thread 2's compare_exchange, which finds the flag up; move 5 its yield.
    assert!(
        last_did(thread2(4)).ends_with("-> Err(true)"),
        "{:?}",
        thread2(4)
    );
    assert_eq!(thread2(4).next, "yield_now: give way to another thread");
    assert_eq!(last_did(thread2(5)), "gave way (yield_now)");
}

/// A fix's claim says what the model showed, of this scenario on this runtime; what std promises
/// beyond it is the note's, in std's words (ch17: every `RwLock`, whatever its policy).
#[test]
fn a_fixs_claim_is_of_what_was_searched_and_std_s_contract_is_its_note() {
    let l = level("ch17");
    let fixed = l.fixed.unwrap_or_default();
    assert!(
        !fixed.contains("policy") && !fixed.contains("RwLock"),
        "ch17's claim speaks of more than its search: {fixed}"
    );
    let note = l.note.unwrap_or_default();
    assert!(
        note.contains("'allows a number of readers or at most one writer at any point in time'"),
        "{note}"
    );
}
