//! The `FakeDatabase` of exercise 4. Fix `update` (see `src/main.rs` for the task).
#![forbid(unsafe_code)]

// The sync types: std's, or the play runtime's under the model (`--cfg shuttle`). Use these,
// not `std::sync`.
#[allow(unused_imports)]
use common::sync::{
    Mutex,
    atomic::{AtomicU64, Ordering},
};

use log::info;

/// One value that several threads update.
#[derive(Debug, Default)]
pub struct FakeDatabase {
    value: AtomicU64,
}

impl FakeDatabase {
    pub fn new() -> Self {
        Self::default()
    }

    /// The value now.
    pub fn value(&self) -> u64 {
        self.value.load(Ordering::SeqCst)
    }

    /// Add one to the value. `pause` is the function the caller passes in for the wait between
    /// the read and the write: `main`'s sleeps 0.1 s, as Real Python's `update` does.
    pub fn update(&self, name: usize, pause: impl FnOnce()) {
        info!("Thread {name}: starting update");
        // TODO: the read and the write are two steps, with the pause between them: another
        // thread can read the same old value in the gap, and one update is lost. Make them one.
        let mut local_copy = self.value.load(Ordering::SeqCst);
        local_copy += 1;
        pause();
        self.value.store(local_copy, Ordering::SeqCst);
        info!("Thread {name}: finishing update");
    }
}
