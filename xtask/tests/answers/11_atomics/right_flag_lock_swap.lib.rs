//! A right answer: a lock made of a flag, raised with `swap(true)`, which looks and raises in one step (whoever gets `false` back is in); the others give way with `yield_now` until it comes down. Its spin has schedules without end (`yield_now` is a hint: the same thread may look again at once); the model runs every one with at most 3 preemptions.
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
        while self.busy.swap(true, Ordering::Acquire) {
            thread::yield_now();
        }
        let read = self.value.load(Ordering::Relaxed);
        gap();
        self.value.store(read + 1, Ordering::Relaxed);
        self.busy.store(false, Ordering::Release);
    }
}
