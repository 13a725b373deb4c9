//! A wrong answer: a lock made of a flag, taken with a load and then a store (The Deadlock Empire's "Boolean flags are enough for everyone"). Two threads can both find the flag down before either raises it, and both go in; the model finds that schedule (a run may too, when the threads start together).
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use common::sync::{
    Mutex,
    atomic::{AtomicBool, AtomicU64, Ordering},
    thread,
};

/// One counter that many threads add to, and the flag that is up while a thread adds.
#[derive(Debug, Default)]
pub struct Counter {
    value: AtomicU64,
    busy: AtomicBool,
}

impl Counter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn value(&self) -> u64 {
        self.value.load(Ordering::Relaxed)
    }

    pub fn add(&self, gap: impl FnOnce()) {
        while self.busy.load(Ordering::Acquire) {
            thread::yield_now();
        }
        self.busy.store(true, Ordering::Relaxed);
        let read = self.value.load(Ordering::Relaxed);
        gap();
        self.value.store(read + 1, Ordering::Relaxed);
        self.busy.store(false, Ordering::Release);
    }
}
