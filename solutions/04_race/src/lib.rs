//! The `FakeDatabase` of exercise 4 (a solution).
#![forbid(unsafe_code)]

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

    /// Add one to the value. `pause` is the function the caller passes in for the wait (`main`'s
    /// sleeps 0.1 s), now outside the update itself.
    pub fn update(&self, name: usize, pause: impl FnOnce()) {
        info!("Thread {name}: starting update");
        pause();
        // Read, add and write as one indivisible step: no thread can read in between.
        self.value.fetch_add(1, Ordering::SeqCst);
        info!("Thread {name}: finishing update");
    }
}
