//! A wrong answer: looks at the count, but with an `if`: it sleeps once, and goes on after the first notify, though the count is not 0 yet.
#![forbid(unsafe_code)]

use std::time::{Duration, Instant};

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
        let mut left = self.left.lock().expect(POISONED);
        if *left > 0 {
            left = self.changed.wait_timeout(left, limit).expect(POISONED).0;
        }
        *left == 0
    }
}
