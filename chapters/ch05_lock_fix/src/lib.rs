//! The article's `FakeDatabase` with the lock held across the whole update.
//!
//! The value lives inside the `Mutex`: the only way to it is the guard that `lock()` returns,
//! so no code can touch it without the lock, and dropping the guard is the release.
#![forbid(unsafe_code)]

// std's `Mutex`; see `common::sync` for why it comes through `common`.
use common::sync::Mutex;

use log::{debug, info};

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

    /// The article's `locked_update`: read the value, add one, `pause` (the lesson sleeps
    /// 0.1 s there), write it back, all while holding the lock. Another thread that wants the
    /// value waits in `lock()` until this one has written.
    pub fn locked_update(&self, name: usize, pause: impl FnOnce()) {
        info!("Thread {name}: starting update");
        info!("Thread {name} about to lock");
        {
            // Python's `with self._lock:`. `lock()` returns `Err` only if a thread panicked
            // while holding the lock (it is "poisoned"): it has still taken the lock, and hands
            // the guard back inside the `PoisonError`. The value may be half updated, so
            // `expect` refuses it and we stop too; every later `lock()` reports the poison,
            // until someone calls `clear_poison`.
            let mut value = self.value.lock().expect(POISONED);
            info!("Thread {name} has lock");
            let mut local_copy = *value;
            local_copy += 1;
            pause();
            *value = local_copy;
            info!("Thread {name} about to release lock");
        } // The guard `value` drops here: that is the release, as at the end of a `with`.
        debug!("Thread {name} after release");
        info!("Thread {name}: finishing update");
    }
}

const POISONED: &str = "a thread panicked while holding the lock";
