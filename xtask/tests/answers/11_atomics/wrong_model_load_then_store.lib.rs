//! A wrong answer: the gap moved out from between the load and the store, which are still two steps. The run nearly always passes (the window is nanoseconds); the model does not.
#![forbid(unsafe_code)]

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

    pub fn value(&self) -> u64 {
        self.value.load(Ordering::Relaxed)
    }

    pub fn add(&self, gap: impl FnOnce()) {
        gap();
        let read = self.value.load(Ordering::Relaxed);
        self.value.store(read + 1, Ordering::Relaxed);
    }
}
