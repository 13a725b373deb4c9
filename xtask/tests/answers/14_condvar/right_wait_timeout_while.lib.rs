//! A right answer: std's `wait_timeout_while`, the `while` loop with its deadline written once.
#![forbid(unsafe_code)]

use std::time::Duration;

// The sync types: std's, or the play runtime's under `--cfg shuttle`. Use these, not `std::sync`.
use common::sync::{Condvar, Mutex};

const POISONED: &str = "a thread panicked while holding the latch's lock";

/// Python's `threading.Event` for `count` events: it opens when `count_down` has been called
/// `count` times, and stays open.
#[derive(Debug)]
pub struct Latch {
    /// How many are not ready yet: the condition, kept beside the `Condvar`, under its lock.
    left: Mutex<usize>,
    /// Told each time `left` changes.
    changed: Condvar,
}

impl Latch {
    pub fn new(count: usize) -> Self {
        Latch {
            left: Mutex::new(count),
            changed: Condvar::new(),
        }
    }

    /// One more is ready: lower the count and wake every waiter, who looks at it again.
    pub fn count_down(&self) {
        let mut left = self.left.lock().expect(POISONED);
        *left = left.saturating_sub(1);
        self.changed.notify_all();
    }

    /// How many are not ready yet.
    pub fn left(&self) -> usize {
        *self.left.lock().expect(POISONED)
    }

    /// Sleep until the count is 0 or `limit` has passed; whether the count is 0. Returns at once
    /// if it already is.
    pub fn wait_timeout(&self, limit: Duration) -> bool {
        let left = self.left.lock().expect(POISONED);
        // std's loop: it looks at the count under the lock before each sleep and after each
        // wake-up, sleeps only while it is above 0, and only for what is left of `limit`.
        let (left, _result) = self
            .changed
            .wait_timeout_while(left, limit, |left| *left > 0)
            .expect(POISONED);
        *left == 0
    }
}
