//! A right answer: a Mutex, its guard held from the read across the pause to the write.
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
        let mut value = self.value.lock().unwrap();
        let local_copy = *value + 1;
        pause();
        *value = local_copy;
        drop(value);
        info!("Thread {name}: finishing update");
    }
}
