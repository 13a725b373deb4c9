//! The exercise's model, on the play runtime (loom's `Barrier` panics): three threads share one
//! `Phases` and each works through a phase, and the play engine's depth-first search runs every
//! schedule of their steps (each atomic, each wait, each lock and release: 540 schedules). On
//! each, no thread may go on from the phase before all three have finished it, and the phase
//! must be led out exactly once, after all three finished it. Run by `cargo xtask check 16`; it
//! needs `--cfg shuttle`.
//!
//! One phase, not the program's two: the claim is the same for each phase, and two phases are
//! 48,600 schedules (64 s here, measured), far more than a check may take. The program's run,
//! and its runs under schedule noise, check the second phase, and that one barrier serves both.
//!
//! A schedule that breaks it is written for the check in the play engine's words, and the
//! check draws it as `cargo xtask play` draws a schedule (a lane per thread, each step's line)
//! and keeps it for `cargo xtask play --replay`.
#![cfg(shuttle)]

use std::sync::Mutex as Plain;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::Arc;
use common::sync::book;
use ex16_barrier::Phases;
use play::engine::{Level, join, spawn};

const THREADS: usize = 3;
const PHASES: usize = 1;

const LEVEL: Level = Level {
    id: "ex16",
    chapter: "ex16_barrier",
    title: "Exercise 16: three threads in a phase",
    goal: "Let a thread go on before all three finished the phase, or have the phase led out \
           by no thread, by two, or before all three finished it.",
    hint: "A thread that has finished its phase must not go on before the others have finished \
           theirs; and only one of them may lead the phase out.",
    deadlock: None,
    fixed: Some(
        "no thread goes on before all three finished the phase, and the phase is led out once, \
         after all three finished it",
    ),
    note: None,
    scenario: three_in_phases,
};

/// The phases led out so far, as the threads' log lines say: (phase, thread, how many of the
/// three had finished it, as the leader counted).
fn led_out() -> Vec<(usize, String, usize)> {
    book::with(|b| {
        let mut led = Vec::new();
        for lane in &b.lanes {
            for did in &lane.did {
                // `Thread 2: leads phase 0 out: 3 of 3 threads finished it`
                let Some((_, rest)) = did.split_once("leads phase ") else {
                    continue;
                };
                let mut words = rest.split([' ', ':']).filter(|w| !w.is_empty());
                let phase = words.next().and_then(|w| w.parse().ok());
                let count = words.nth(1).and_then(|w| w.parse().ok());
                if let (Some(phase), Some(count)) = (phase, count) {
                    led.push((phase, lane.name.clone(), count));
                }
            }
        }
        led
    })
}

fn three_in_phases() {
    let shared = Arc::new(Phases::new(THREADS, PHASES));
    // The scenario's own notes (std's, which take no step): a thread that began phase 1 early,
    // and how many threads came through.
    let early: Arc<Plain<Option<String>>> = Arc::default();
    let through = Arc::new(AtomicUsize::new(0));
    let s = Arc::clone(&shared);
    book::show("finished the phase", move || {
        format!("{} of {THREADS}", s.finished(PHASES - 1))
    });
    let (e, n) = (Arc::clone(&early), Arc::clone(&through));
    book::goal(move || {
        if let Some(words) = e.lock().unwrap().clone() {
            return Some(words);
        }
        let led = led_out();
        for (k, (phase, who, count)) in led.iter().enumerate() {
            if *count < THREADS {
                return Some(format!(
                    "{who} led phase {phase} out when only {count} of {THREADS} threads had \
                     finished it: it did not wait for the others."
                ));
            }
            if let Some((_, other, _)) = led[..k].iter().find(|(p, _, _)| p == phase) {
                return Some(format!(
                    "Phase {phase} was led out twice, by {other} and by {who}: exactly one \
                     thread may lead it."
                ));
            }
        }
        if n.load(SeqCst) == THREADS {
            let never = (0..PHASES).find(|p| led.iter().all(|(q, _, _)| q != p));
            if let Some(p) = never {
                return Some(format!(
                    "All three threads came through, and no thread led phase {p} out."
                ));
            }
        }
        None
    });
    // Numbered from 0, as the exercise's run names them.
    let threads = (0..THREADS)
        .map(|t| {
            let (shared, early, through) = (
                Arc::clone(&shared),
                Arc::clone(&early),
                Arc::clone(&through),
            );
            spawn(&format!("Thread {t}"), "Phases::work", move || {
                // The phase's work takes no step here (the steps that matter are the atomics
                // and the waits). Once `work` returns, the thread goes on: were all done?
                shared.work(t, &[1; PHASES], |_secs| {});
                let done = book::observe(|| shared.finished(PHASES - 1)).unwrap_or(THREADS);
                let mut early = early.lock().unwrap();
                if done < THREADS && early.is_none() {
                    *early = Some(format!(
                        "Thread {t} went on while only {done} of {THREADS} threads had finished \
                         the phase: it did not wait for the others."
                    ));
                }
                drop(early);
                through.fetch_add(1, SeqCst);
            })
        })
        .collect();
    join(threads);
}

#[test]
fn no_thread_goes_on_early_and_the_phase_is_led_out_once_on_every_schedule() {
    play::model::holds(&LEVEL, 5_000);
}
