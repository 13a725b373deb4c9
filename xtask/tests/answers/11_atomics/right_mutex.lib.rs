//! A right answer: a Mutex, its guard held from the read, across the gap, to the write.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use common::sync::{
    Mutex,
    atomic::{AtomicU64, Ordering},
};

/// One counter that many threads add to.
#[derive(Debug, Default)]
pub struct Counter {
    value: Mutex<u64>,
}

impl Counter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn value(&self) -> u64 {
        *self.value.lock().unwrap()
    }

    pub fn add(&self, gap: impl FnOnce()) {
        let mut value = self.value.lock().unwrap();
        let read = *value;
        gap();
        *value = read + 1;
    }
}
