//! A wrong answer: a Mutex taken in two steps, once to read and once to write, with the pause between.
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
    value: Mutex<u64>,
}

impl FakeDatabase {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn value(&self) -> u64 {
        *self.value.lock().unwrap()
    }

    pub fn update(&self, name: usize, pause: impl FnOnce()) {
        info!("Thread {name}: starting update");
        let local_copy = *self.value.lock().unwrap() + 1;
        pause();
        *self.value.lock().unwrap() = local_copy;
        info!("Thread {name}: finishing update");
    }
}
