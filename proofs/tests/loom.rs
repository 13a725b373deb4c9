//! The lessons on many schedules: loom runs the chapters' own code (built with `--cfg loom`, so
//! `common::sync` hands them loom's look-alikes of std's types) once for each schedule it
//! explores, switching threads at their locks and atomics, and each test says what holds on all
//! of them, or finds one where it does not. Run with `cargo xtask prove`.
//!
//! What that proves, and what it does not:
//! - loom's search is exhaustive up to its preemption bound (none is set here), with its own
//!   reductions of schedules that cannot differ; a thread that yields runs again only when no
//!   other can.
//! - Its real gaps are in the memory model: it treats `SeqCst` loads and stores as `AcqRel` (it
//!   may then report a bug that cannot happen), and it does not explore load buffering (it may
//!   then miss one). See loom's documentation.
//! - Each model is small: two threads and one or two accounts. That the claims hold for five
//!   threads and six accounts rests on the argument the chapters make (one lock around the data;
//!   locks taken in one global order), not on the model.
#![cfg(loom)]

use std::cell::RefCell;
use std::collections::BTreeSet;

use loom::sync::Arc;
use loom::thread;

thread_local! {
    /// The chapter's log lines in the schedule being explored. loom runs all its threads on the
    /// test's own OS thread, so a thread-local keeps each test's lines apart.
    static LINES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Keeps the chapters' log lines, so that a test can show the schedule it found.
struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        LINES.with(|l| l.borrow_mut().push(record.args().to_string()));
    }
    fn flush(&self) {}
}

fn capture_logs() {
    let _ = log::set_logger(&Capture);
    log::set_max_level(log::LevelFilter::Debug);
}

fn take_lines() -> Vec<String> {
    LINES.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Each value a model ended with, with the log of the first schedule that gave it; and how
/// many schedules there were.
type Seen = (Vec<(u64, Vec<String>)>, usize);

/// Explore every schedule of `model`, which returns the value it ended with.
fn explore(model: impl Fn() -> u64 + Sync + Send + 'static) -> Seen {
    thread_local! {
        static SEEN: RefCell<Seen> = const { RefCell::new((Vec::new(), 0)) };
    }
    capture_logs();
    SEEN.with(|s| *s.borrow_mut() = (Vec::new(), 0));
    loom::model(move || {
        take_lines();
        let value = model();
        let lines = take_lines();
        SEEN.with(|s| {
            let mut s = s.borrow_mut();
            s.1 += 1;
            if !s.0.iter().any(|(v, _)| *v == value) {
                s.0.push((value, lines));
            }
        });
    });
    SEEN.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

fn show(title: &str, schedules: usize, seen: &[(u64, Vec<String>)]) {
    println!("{title}: {schedules} schedules");
    for (value, lines) in seen {
        println!("  ends at {value}, first seen in this schedule:");
        for l in lines {
            println!("    {l}");
        }
    }
}

#[test]
fn the_race_loses_an_update_on_some_schedule() {
    let (seen, schedules) = explore(|| {
        let db = Arc::new(ch04_race::FakeDatabase::new());
        let other = Arc::clone(&db);
        let t = thread::spawn(move || other.update(1, || {}));
        db.update(0, || {});
        t.join().unwrap();
        db.value()
    });
    show("ch04_race, two unlocked updates", schedules, &seen);
    let values: BTreeSet<u64> = seen.iter().map(|(v, _)| *v).collect();
    // Some schedules keep both updates, some lose one: that the result depends on the schedule
    // is what makes it a race condition.
    assert_eq!(values, BTreeSet::from([1, 2]));
    let (_, lost) = seen.iter().find(|(v, _)| *v == 1).unwrap();
    // The schedule that loses one: both threads read 0, so both wrote 1. (Its log lines may come
    // in another order than the reads and writes: loom switches threads at the atomic steps, and
    // a log line is not one.)
    for line in [
        "Thread 0: read 0",
        "Thread 1: read 0",
        "Thread 0: wrote 1",
        "Thread 1: wrote 1",
    ] {
        assert!(lost.iter().any(|l| l == line), "{line:?} in {lost:#?}");
    }
}

#[test]
fn the_locked_update_gives_two_on_every_schedule() {
    let (seen, schedules) = explore(|| {
        let db = Arc::new(ch05_lock_fix::FakeDatabase::new());
        let other = Arc::clone(&db);
        let t = thread::spawn(move || other.locked_update(1, || {}));
        db.locked_update(0, || {});
        t.join().unwrap();
        db.value()
    });
    show("ch05_lock_fix, two locked updates", schedules, &seen);
    assert!(
        schedules >= 2,
        "loom explored both orders of taking the lock"
    );
    let values: Vec<u64> = seen.iter().map(|(v, _)| *v).collect();
    assert_eq!(values, vec![2], "no schedule loses an update");
}

#[test]
fn the_forgotten_lock_check_sees_money_in_flight_on_some_schedule() {
    use ch08_forgotten_lock::Bank;
    use lab::Bank as _;
    let (seen, schedules) = explore(|| {
        let bank = Arc::new(Bank::new(&[100, 0]));
        let other = Arc::clone(&bank);
        // The check, without the lock, while the transfer may be half done. The pauses yield:
        // that is where loom switches to the other thread in the middle of a transfer.
        let check = thread::spawn(move || other.total(thread::yield_now));
        bank.transfer(0, 1, 30, thread::yield_now);
        let seen = check.join().unwrap();
        // Once nobody moves money, the total is whole again: no money was lost, only seen
        // in flight.
        assert_eq!(bank.total(thread::yield_now), 100);
        seen as u64
    });
    show(
        "ch08_forgotten_lock, a transfer and an unlocked check",
        schedules,
        &seen,
    );
    let totals: BTreeSet<u64> = seen.iter().map(|(v, _)| *v).collect();
    // Some schedules see the whole total; others see the 30 in flight, counted twice (130: the
    // first account read before the money left, the second after it arrived) or not at all (70:
    // the other way round).
    assert_eq!(totals, BTreeSet::from([70, 100, 130]));
}

#[test]
fn the_safe_bank_never_sees_a_wrong_total_nor_goes_below_zero() {
    use ch09_safe_bank::Bank;
    use lab::Bank as _;
    let (seen, schedules) = explore(|| {
        let bank = Arc::new(Bank::new(&[50, 0]));
        // Two withdrawals of 40 from 50: only one can be made, on every schedule.
        let spawn_transfer = |bank: &Arc<Bank>| {
            let bank = Arc::clone(bank);
            thread::spawn(move || bank.transfer(0, 1, 40, || {}))
        };
        let (a, b) = (spawn_transfer(&bank), spawn_transfer(&bank));
        assert_eq!(bank.total(|| {}), 50, "the locked check sees a whole total");
        let made = [a.join().unwrap(), b.join().unwrap()];
        assert_eq!(
            made.iter().filter(|m| **m).count(),
            1,
            "exactly one withdrawal"
        );
        assert!(bank.lowest() >= 0, "no account below zero");
        bank.total(|| {}) as u64
    });
    show(
        "ch09_safe_bank, two withdrawals and a locked check",
        schedules,
        &seen,
    );
    assert!(schedules > 1);
    assert_eq!(seen.iter().map(|(v, _)| *v).collect::<Vec<_>>(), vec![50]);
}

/// Two opposite transfers on the fine-grained bank, with both locks taken in `order`, and a
/// check of the total beside them.
fn opposite_transfers(order: ch10_fine_grained::Order) -> u64 {
    use ch10_fine_grained::Bank;
    use lab::Bank as _;
    let bank = Arc::new(Bank::new(&[100, 100], order));
    let other = Arc::clone(&bank);
    let t = thread::spawn(move || other.transfer(0, 1, 10, || {}));
    bank.transfer(1, 0, 20, || {});
    // The check takes every lock too, while the other transfer may still run.
    let seen = bank.total(|| {});
    t.join().unwrap();
    assert_eq!(
        seen, 200,
        "the check holds every lock: it sees a whole total"
    );
    bank.total(|| {}) as u64
}

#[test]
fn fine_grained_locks_in_one_order_never_deadlock() {
    let (seen, schedules) = explore(|| opposite_transfers(ch10_fine_grained::Order::ByIndex));
    show(
        "ch10_fine_grained, opposite transfers, locks by index",
        schedules,
        &seen,
    );
    assert!(schedules > 1);
    assert_eq!(seen.iter().map(|(v, _)| *v).collect::<Vec<_>>(), vec![200]);
}

#[test]
fn fine_grained_locks_as_they_come_can_deadlock_and_loom_finds_it() {
    const CHILD: &str = "PROOFS_RUN_THE_DEADLOCK";
    if std::env::var_os(CHILD).is_some() {
        loom::model(|| {
            opposite_transfers(ch10_fine_grained::Order::AsTheyCome);
        });
        return;
    }
    // loom stops at a schedule in which every thread is blocked: it panics with "deadlock" and
    // the threads it leaves behind then abort the process. So the model runs in a child process
    // of this test, and the test reads how it died.
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "fine_grained_locks_as_they_come_can_deadlock_and_loom_finds_it",
        ])
        .args(["--nocapture", "--test-threads", "1"])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&child.stderr);
    let found = stderr.lines().find(|l| l.starts_with("deadlock; threads"));
    println!("ch10_fine_grained, opposite transfers, locks as they come: {found:?}");
    assert!(!child.status.success());
    assert!(found.is_some(), "loom found no deadlock:\n{stderr}");
}
