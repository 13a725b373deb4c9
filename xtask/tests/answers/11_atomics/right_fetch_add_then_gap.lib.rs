//! A right answer: fetch_add first, the gap after it.
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
        self.value.fetch_add(1, Ordering::SeqCst);
        gap();
    }
}
