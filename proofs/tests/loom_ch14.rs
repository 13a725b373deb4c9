//! Chapter 14 on many schedules: loom runs the chapter's own `Event` and `Signal` (built with
//! `--cfg loom`, so their `Mutex` and `Condvar` are loom's) once for each schedule it explores.
//! With the flag, no schedule misses the wake-up; without it, loom finds the schedule in which
//! the notify comes first and the waiter sleeps for ever. Run with `cargo xtask prove`.
#![cfg(loom)]

use ch14_condvar::{Event, Signal};
use loom::sync::Arc;
use loom::thread;

#[test]
fn the_flag_and_the_loop_never_miss_a_wake_up() {
    let schedules = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = std::sync::Arc::clone(&schedules);
    loom::model(move || {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let event = Arc::new(Event::new());
        let setter = {
            let event = Arc::clone(&event);
            thread::spawn(move || event.set())
        };
        // Before, during or after the set: on every schedule this returns, with the flag up.
        event.wait();
        assert!(event.is_set());
        setter.join().unwrap();
    });
    let schedules = schedules.load(std::sync::atomic::Ordering::Relaxed);
    println!("ch14 Event: a set and a wait, {schedules} schedules, none hung");
    assert!(
        schedules > 1,
        "loom explored the set before and after the wait"
    );
}

#[test]
fn a_bare_condvar_loses_a_notify_that_comes_first_and_loom_finds_it() {
    const CHILD: &str = "PROOFS_RUN_THE_LOST_WAKE_UP";
    if std::env::var_os(CHILD).is_some() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            let notifier = {
                let signal = Arc::clone(&signal);
                thread::spawn(move || signal.notify())
            };
            signal.wait();
            notifier.join().unwrap();
        });
        return;
    }
    // loom stops at a schedule in which every thread is blocked: it panics with "deadlock" and
    // the threads it leaves behind then abort the process. So the model runs in a child process
    // of this test, and the test reads how it died.
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_bare_condvar_loses_a_notify_that_comes_first_and_loom_finds_it",
        ])
        .args(["--nocapture", "--test-threads", "1"])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&child.stderr);
    let found = stderr.lines().find(|l| l.starts_with("deadlock; threads"));
    println!("ch14 Signal: a notify and a wait with no flag: {found:?}");
    assert!(!child.status.success());
    assert!(found.is_some(), "loom found no lost wake-up:\n{stderr}");
}
