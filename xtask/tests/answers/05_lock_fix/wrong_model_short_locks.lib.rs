//! A wrong answer: the lock held too narrowly, once for the read and once for the write, with the pause moved out of the gap. The run nearly always passes; the model finds the schedule where a thread gets between the two locks.
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
        pause();
        let local_copy = *self.value.lock().expect(POISONED) + 1;
        info!("Thread {name} has lock");
        *self.value.lock().expect(POISONED) = local_copy;
        info!("Thread {name} about to release lock");
        debug!("Thread {name} after release");
        info!("Thread {name}: finishing update");
    }
}
