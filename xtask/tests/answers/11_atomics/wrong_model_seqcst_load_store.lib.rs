//! A wrong answer: stronger orderings do not make two steps one: SeqCst load and store, with the gap between. The run loses additions in the gap; the model finds the schedule too.
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
        let read = self.value.load(Ordering::SeqCst);
        gap();
        self.value.store(read + 1, Ordering::SeqCst);
    }
}
