//! A wrong answer: the guard is held, and the new value is read through value(), which takes the lock again: a Mutex locked twice by one thread never returns.
#![forbid(unsafe_code)]

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

    pub fn locked_update(&self, name: usize, pause: impl FnOnce()) {
        info!("Thread {name}: starting update");
        info!("Thread {name} about to lock");
        let mut value = self.value.lock().expect(POISONED);
        info!("Thread {name} has lock");
        pause();
        *value = self.value() + 1;
        info!("Thread {name} about to release lock");
        drop(value);
        debug!("Thread {name} after release");
        info!("Thread {name}: finishing update");
    }
}
