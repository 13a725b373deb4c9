//! Every fixed level's own search (`play::levels::plan`, the one `cargo xtask play` runs at a
//! game's end): it runs every schedule of its set and none breaks the claim, and the very same
//! search, run on the level's broken twin (the bug the lesson fixes, put back, in
//! its chapter's `play/src/levels/chNN.rs`), finds the bug. A search too weak to see the bug fails here, not
//! in a student's hands. Built under `--cfg shuttle` only: `cargo xtask prove` runs these.
#![cfg(shuttle)]

mod kept;

use std::time::Instant;

use play::levels::{plan, twins};
use play::search::{self, Found};

/// Fixed level `id`: its search runs all `schedules` of its set (pinned, so that a change to
/// the scenario or the runtime is seen) and none breaks the claim; then each of its twins is
/// broken by the same search, the way the twin breaks (its goal's words, or its panic's or
/// deadlock's). Where the search has a bound of preemptions, one twin at least needs it: no
/// schedule without a preemption breaks that twin, so a search too weak to preempt fails here.
fn holds_and_finds_its_twin(id: &str, schedules: usize) {
    let level = play::level(id).unwrap_or_else(|| panic!("no level {id}"));
    assert!(level.fixed.is_some(), "{id} is not a fixed level");
    let plan = plan(level);
    let start = Instant::now();
    let s = search::check(level, plan);
    let took = start.elapsed();
    if let Some((moves, found)) = s.found() {
        let words = match found {
            Found::Won(w) | Found::Failed(w) => w,
            Found::Cut => play::engine::CUT.to_string(),
        };
        panic!("{}", kept::broken(id, &moves, &words));
    }
    assert!(
        s.complete,
        "{id}: the claim is not shown: the search stopped after {} schedules, before it had run \
         every one of its set",
        s.executions
    );
    assert_eq!(s.executions, schedules, "{id}: schedules run");
    kept::note_covered(id, &s, took);
    let twins = twins(id);
    assert!(!twins.is_empty(), "{id} has no broken twin");
    for &(twin, says) in &twins {
        let t = search::check(twin, plan);
        let words = match t.found() {
            Some((_, Found::Won(w) | Found::Failed(w))) => w,
            other => panic!(
                "{id}'s search does not find the bug of its twin {} ({}): {} schedules, {other:?}",
                twin.id, twin.title, t.executions
            ),
        };
        assert!(
            words.contains(says),
            "{id}'s twin {} broke another way than its own: {words}",
            twin.id
        );
    }
    if plan.preemptions.is_some() {
        let unbounded = search::Plan {
            preemptions: Some(0),
            ..plan
        };
        assert!(
            twins
                .iter()
                .any(|(twin, _)| search::check(twin, unbounded).holds()),
            "{id}: every twin breaks without a preemption: none shows that the search's bound \
             finds what needs one"
        );
    }
}

#[test]
fn ch05_every_schedule_and_the_lock_dropped_in_the_gap() {
    holds_and_finds_its_twin("ch05", 12);
}

#[test]
fn ch06_every_schedule_and_update_twice_calling_add_one_twice() {
    holds_and_finds_its_twin("ch06", 12);
}

#[test]
fn ch07_ordered_every_schedule_and_the_opposite_orders() {
    holds_and_finds_its_twin("ch07-ordered", 24);
}

#[test]
fn ch09_every_schedule_and_chapter_8s_bank() {
    holds_and_finds_its_twin("ch09", 546);
}

#[test]
fn ch10_ordered_every_schedule_and_locks_taken_as_they_come() {
    holds_and_finds_its_twin("ch10-ordered", 37);
}

#[test]
fn ch11_flag_exchange_eight_preemptions_and_the_load_then_the_store() {
    holds_and_finds_its_twin("ch11-flag-exchange", 28156);
}

#[test]
fn ch13_every_schedule_and_try_send() {
    holds_and_finds_its_twin("ch13", 1512);
}

#[test]
fn ch13_rendezvous_every_schedule_and_a_queue_of_one() {
    holds_and_finds_its_twin("ch13-rendezvous", 2160);
}

#[test]
fn ch14_event_every_schedule_and_the_condvar_with_no_flag() {
    holds_and_finds_its_twin("ch14-event", 25);
}

#[test]
fn ch15_while_three_preemptions_and_the_if_for_the_while() {
    holds_and_finds_its_twin("ch15-while", 32686);
}

#[test]
fn ch16_two_preemptions_the_barrier_of_two_and_a_count_that_loses_an_arrival() {
    holds_and_finds_its_twin("ch16", 11208);
}

#[test]
fn ch17_every_schedule_and_a_writer_that_takes_a_read_lock() {
    holds_and_finds_its_twin("ch17", 834);
}

#[test]
fn ch18_every_schedule_and_a_look_then_a_set() {
    holds_and_finds_its_twin("ch18", 92);
}

/// Every fixed level has its test above (a new one must get its own, with its twin).
#[test]
fn every_fixed_level_has_its_search_test() {
    let source = include_str!("fixes.rs");
    for l in play::levels::levels().iter().filter(|l| l.fixed.is_some()) {
        assert!(
            source.contains(&format!("holds_and_finds_its_twin(\"{}\"", l.id)),
            "{}: no test of its search and its twin here",
            l.id
        );
    }
}
