//! A latch: a count of things not ready yet, and a way to sleep until there are none. Write
//! `Latch::wait_timeout` (see `src/main.rs` for the task).
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
        let _deadline = Instant::now() + limit;
        let left = self.left.lock().expect(POISONED);
        // TODO: this sleeps until the first notify, whatever the count says: it wakes at the
        // first `count_down` although others are not ready, and it sleeps through a count that
        // is already 0 (nobody will notify again). Look at the count under the lock, and sleep
        // while it is not 0, until the deadline.
        let (_left, result) = self.changed.wait_timeout(left, limit).expect(POISONED);
        !result.timed_out()
    }
}
