//! The `FakeDatabase` of exercise 5, its value behind a lock (a solution).
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

    /// Add one to the value, holding the lock across the read, the pause and the write.
    pub fn locked_update(&self, name: usize, pause: impl FnOnce()) {
        info!("Thread {name}: starting update");
        info!("Thread {name} about to lock");
        {
            let mut value = self.value.lock().expect(POISONED);
            info!("Thread {name} has lock");
            let mut local_copy = *value;
            local_copy += 1;
            pause();
            *value = local_copy;
            info!("Thread {name} about to release lock");
        } // The one guard drops here: the release.
        debug!("Thread {name} after release");
        info!("Thread {name}: finishing update");
    }
}
