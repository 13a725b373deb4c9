//! A wrong answer: a Mutex taken in two steps, once to read and once to write, with the gap between.
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
        let read = *self.value.lock().unwrap();
        gap();
        *self.value.lock().unwrap() = read + 1;
    }
}
