//! A right answer: a compare-and-swap loop (fetch_update), which stores only if nobody stored since its load; SeqCst, more than needed.
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
        self.value
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |v| Some(v + 1))
            .unwrap();
    }
}
