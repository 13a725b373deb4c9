//! The counter of exercise 11 (a solution).
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
        gap();
        // Load, add and store as one indivisible step: no other thread's store can fall between.
        // `Relaxed`: the counter speaks for no other memory, and `join` orders the final read.
        self.value.fetch_add(1, Ordering::Relaxed);
    }
}
