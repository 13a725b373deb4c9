//! A right answer: one fetch_add, the pause after it.
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

    pub fn value(&self) -> u64 {
        self.value.load(Ordering::SeqCst)
    }

    pub fn update(&self, name: usize, pause: impl FnOnce()) {
        info!("Thread {name}: starting update");
        self.value.fetch_add(1, Ordering::SeqCst);
        pause();
        info!("Thread {name}: finishing update");
    }
}
