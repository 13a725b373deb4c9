//! A wrong answer: the pause moved away from between the load and the store, which are still two steps. The run nearly always passes (the gap is nanoseconds); the model does not.
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
        pause();
        let local_copy = self.value.load(Ordering::SeqCst) + 1;
        self.value.store(local_copy, Ordering::SeqCst);
        info!("Thread {name}: finishing update");
    }
}
