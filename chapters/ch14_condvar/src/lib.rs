//! Waiting for a condition: Python's `threading.Event` built from a `Mutex<bool>` and a `Condvar`,
//! and the same without the flag, which loses a notify that comes before the wait.
//!
//! The `Mutex` and `Condvar` come from `common::sync`, so that loom can run this very code
//! (`cargo xtask prove`, `proofs/tests/loom_ch14.rs`).
#![forbid(unsafe_code)]

use std::time::{Duration, Instant};

use common::sync::{Condvar, Mutex};

const POISONED: &str = "a thread panicked while holding the lock";

/// Python's `threading.Event`: a flag, and a way to sleep until it is up.
#[derive(Debug, Default)]
pub struct Event {
    set: Mutex<bool>,
    changed: Condvar,
}

impl Event {
    pub fn new() -> Self {
        Self::default()
    }

    /// Raise the flag and wake every waiter. The flag changes under the lock, so a waiter is
    /// either before its look at the flag (and will see it up) or already asleep in `wait`,
    /// which let go of the lock only as it fell asleep (and gets this notify).
    pub fn set(&self) {
        *self.set.lock().expect(POISONED) = true;
        self.changed.notify_all();
    }

    pub fn is_set(&self) -> bool {
        *self.set.lock().expect(POISONED)
    }

    /// Sleep until the flag is up; return at once if it already is.
    pub fn wait(&self) {
        let mut set = self.set.lock().expect(POISONED);
        // `while`, not `if`: `Condvar::wait` may return with no notify at all (a spurious
        // wake-up), so the flag, not the waking, says whether to go on.
        while !*set {
            // Unlocks and falls asleep in one step, so no notify can fall between; locks again
            // before it returns.
            set = self.changed.wait(set).expect(POISONED);
        }
    }

    /// Sleep until the flag is up or `limit` has passed; whether the flag is up. The limit is a
    /// deadline: a spurious wake-up goes back to sleep for what is left, not for `limit` again.
    pub fn wait_timeout(&self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        let mut set = self.set.lock().expect(POISONED);
        while !*set {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            set = self.changed.wait_timeout(set, left).expect(POISONED).0;
        }
        true
    }
}

/// A `Condvar` with no flag to look at: `notify` wakes whoever is asleep in `wait` at that
/// moment, and nobody else. A notify that comes before the wait is lost.
#[derive(Debug, Default)]
pub struct Signal {
    lock: Mutex<()>,
    cond: Condvar,
}

impl Signal {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn notify(&self) {
        let _guard = self.lock.lock().expect(POISONED);
        self.cond.notify_all();
    }

    /// Sleep until a notify that comes after this call (or a spurious wake-up).
    pub fn wait(&self) {
        let guard = self.lock.lock().expect(POISONED);
        drop(self.cond.wait(guard).expect(POISONED));
    }

    /// Like `wait`, but for at most `limit`; whether it woke before the limit. It cannot tell a
    /// notify from a spurious wake-up: there is nothing else to look at.
    pub fn wait_timeout(&self, limit: Duration) -> bool {
        let guard = self.lock.lock().expect(POISONED);
        let (_guard, result) = self.cond.wait_timeout(guard, limit).expect(POISONED);
        !result.timed_out()
    }
}
