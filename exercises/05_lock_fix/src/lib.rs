//! The `FakeDatabase` of exercise 5, its value behind a lock. Fix `locked_update` (see
//! `src/main.rs` for the task).
#![forbid(unsafe_code)]

// The sync types: std's, or the play runtime's under the model (`--cfg shuttle`). Use these,
// not `std::sync`.
use common::sync::Mutex;

use log::{debug, info};

const POISONED: &str = "a thread panicked while holding the lock";

/// One value that several threads update, behind its lock.
#[derive(Debug, Default)]
pub struct FakeDatabase {
    value: Mutex<u64>,
}

impl FakeDatabase {
    pub fn new() -> Self {
        Self::default()
    }

    /// The value now (reading it takes the lock too).
    pub fn value(&self) -> u64 {
        *self.value.lock().expect(POISONED)
    }

    /// Add one to the value. `pause` is the function the caller passes in for the wait between
    /// the read and the write: `main`'s sleeps 0.1 s, as Real Python's `update` does.
    pub fn locked_update(&self, name: usize, pause: impl FnOnce()) {
        info!("Thread {name}: starting update");
        info!("Thread {name} about to lock");
        // TODO: this guard lives for one statement only: the lock is let go right after the read,
        // and taken again for the write. Hold one guard from the read to the write instead.
        let mut local_copy = *self.value.lock().expect(POISONED);
        info!("Thread {name} has lock");
        local_copy += 1;
        pause();
        *self.value.lock().expect(POISONED) = local_copy;
        info!("Thread {name} about to release lock");
        debug!("Thread {name} after release");
        info!("Thread {name}: finishing update");
    }
}
