//! Chapter 11 on many schedules: loom runs the chapter's own `Counter` and `Mailbox` (built with
//! `--cfg loom`, so their atomics are loom's) once for each schedule it explores, and for each
//! load it lets the value be any store the memory model allows, not only the latest. Run with
//! `cargo xtask prove`.
#![cfg(loom)]

use std::collections::BTreeSet;
use std::sync::atomic::Ordering;

use ch11_atomics::{Counter, FLAG_LOAD, FLAG_STORE, Mailbox};
use loom::sync::Arc;
use loom::thread;

/// Every value `model` ended with, and on how many schedules it ran.
fn outcomes(model: impl Fn() -> u64 + Send + Sync + 'static) -> (BTreeSet<u64>, usize) {
    let seen = std::sync::Arc::new(std::sync::Mutex::new((BTreeSet::new(), 0)));
    let record = std::sync::Arc::clone(&seen);
    loom::model(move || {
        let value = model();
        let mut seen = record.lock().unwrap();
        seen.0.insert(value);
        seen.1 += 1;
    });
    let seen = seen.lock().unwrap();
    (seen.0.clone(), seen.1)
}

/// Two threads each add one to a fresh counter with `add`; the value after the join.
fn two_adds(add: fn(&Counter) -> u64) -> u64 {
    let counter = Arc::new(Counter::new());
    let other = Arc::clone(&counter);
    let t = thread::spawn(move || add(&other));
    add(&counter);
    t.join().unwrap();
    counter.value()
}

#[test]
fn load_then_store_loses_an_addition_on_some_schedule() {
    let (values, schedules) = outcomes(|| two_adds(|c| c.add_load_store(|| {})));
    println!("ch11 load, add, store from two threads: {schedules} schedules, ends at {values:?}");
    assert_eq!(values, BTreeSet::from([1, 2]));
}

#[test]
fn relaxed_fetch_add_loses_nothing_on_any_schedule() {
    // `Relaxed` is enough: one read-modify-write step, and the join orders both before the read.
    let (values, schedules) = outcomes(|| two_adds(Counter::add_fetch));
    println!(
        "ch11 fetch_add (Relaxed) from two threads: {schedules} schedules, ends at {values:?}"
    );
    assert!(schedules > 1, "loom explored more than one order");
    assert_eq!(values, BTreeSet::from([2]));
}

/// A worker publishes 42 with the flag stored as `store`; `main` waits for the flag, loaded as
/// `load`, and reads the data.
fn hand_over(store: Ordering, load: Ordering) -> u64 {
    let mailbox = Arc::new(Mailbox::new());
    let worker = {
        let mailbox = Arc::clone(&mailbox);
        thread::spawn(move || mailbox.publish(42, store))
    };
    let got = mailbox.receive(load, thread::yield_now);
    worker.join().unwrap();
    got
}

#[test]
fn the_lessons_own_flag_always_hands_over_the_data() {
    // The orderings `main.rs` passes and prints: made `Relaxed` there, this model fails.
    let (values, schedules) = outcomes(|| hand_over(FLAG_STORE, FLAG_LOAD));
    println!(
        "ch11 the lesson's flag ({FLAG_STORE:?}/{FLAG_LOAD:?}): {schedules} schedules, main read \
         {values:?}"
    );
    assert_eq!(
        values,
        BTreeSet::from([42]),
        "with the flag stored {FLAG_STORE:?} and loaded {FLAG_LOAD:?}, some schedule saw it up \
         and still read the old data"
    );
}

#[test]
fn a_release_acquire_flag_always_hands_over_the_data() {
    let (values, schedules) = outcomes(|| hand_over(Ordering::Release, Ordering::Acquire));
    println!("ch11 Release/Acquire flag: {schedules} schedules, main read {values:?}");
    assert_eq!(values, BTreeSet::from([42]));
}

#[test]
fn a_relaxed_flag_can_hand_over_the_old_data() {
    let (values, schedules) = outcomes(|| hand_over(Ordering::Relaxed, Ordering::Relaxed));
    println!("ch11 Relaxed flag: {schedules} schedules, main read {values:?}");
    // Some schedule sees the flag up and still reads the data from before the worker's store.
    assert_eq!(values, BTreeSet::from([0, 42]));
}
