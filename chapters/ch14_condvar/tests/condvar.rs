#![forbid(unsafe_code)]

use common::sync::thread;
use std::time::{Duration, Instant};

use ch14_condvar::{Event, Signal};

const SHORT: Duration = Duration::from_millis(50);

#[test]
fn a_set_wakes_every_waiter_and_a_later_wait_returns_at_once() {
    let event = Event::new();
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| event.wait());
        }
        thread::sleep(SHORT);
        event.set();
    });
    let start = Instant::now();
    event.wait();
    assert!(start.elapsed() < SHORT, "the flag remembers the set");
}

#[test]
fn a_timed_wait_gives_up_at_its_limit_and_not_before() {
    let event = Event::new();
    let start = Instant::now();
    assert!(!event.wait_timeout(SHORT));
    assert!(start.elapsed() >= SHORT);
}

#[test]
fn a_timed_wait_returns_true_at_the_set() {
    let event = Event::new();
    thread::scope(|s| {
        s.spawn(|| {
            thread::sleep(SHORT);
            event.set();
        });
        let start = Instant::now();
        assert!(event.wait_timeout(Duration::from_secs(10)));
        assert!(start.elapsed() < Duration::from_secs(5));
    });
}

#[test]
fn a_bare_condvar_forgets_a_notify_that_came_first() {
    let signal = Signal::new();
    signal.notify();
    // Nothing remembers the notify: the wait runs to its limit (barring a spurious wake-up,
    // which std allows and which is rare).
    assert!(!signal.wait_timeout(SHORT));
}
