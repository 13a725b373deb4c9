//! The counter of exercise 11. Fix `add` (see `src/main.rs` for the task).
#![forbid(unsafe_code)]

// The sync types: std's, or the play runtime's under `--cfg shuttle`. Use these, not `std::sync`.
#[allow(unused_imports)]
use common::sync::{
    Mutex,
    atomic::{AtomicU64, Ordering},
};

/// One counter that many threads add to.
#[derive(Debug, Default)]
pub struct Counter {
    value: AtomicU64,
}

impl Counter {
    pub fn new() -> Self {
        Self::default()
    }

    /// The value now (read after the threads are joined).
    pub fn value(&self) -> u64 {
        self.value.load(Ordering::Relaxed)
    }

    /// Add one to the counter; `gap` is a pause that `main` puts into each thread's first
    /// addition, so that the threads meet there.
    pub fn add(&self, gap: impl FnOnce()) {
        // TODO: each step is atomic, the addition is not: another thread can store between this
        // load and this store, and the store below overwrites its addition. Make the addition
        // one indivisible step (and call `gap` once, before or after it).
        let read = self.value.load(Ordering::Relaxed);
        gap();
        self.value.store(read + 1, Ordering::Relaxed);
    }
}
