//! A wrong answer: `wait_timeout` sleeps a second for each worker not ready yet (the lesson's
//! workers get ready a second apart), then reads the count. Its log has the lesson's lines at
//! the lesson's times, but it waited for a time, not for the count: under schedule noise, in
//! the run that holds the last worker back, `main` goes on before that worker is ready.
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

    /// Sleep until the count is 0 or `limit` has passed; whether the count is 0.
    pub fn wait_timeout(&self, _limit: Duration) -> bool {
        // A second a worker (lesson time): by then they should all be ready.
        common::sleep(Duration::from_secs(self.left() as u64));
        self.left() == 0
    }
}
