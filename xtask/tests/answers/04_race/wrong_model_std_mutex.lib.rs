//! Wrong for this course: a right idea, but with std::sync::Mutex taken directly, which the model checker cannot see.
#![forbid(unsafe_code)]

use common::sync::{
    Mutex,
    atomic::{AtomicU64, Ordering},
};
#[allow(unused_imports)]
use std::sync::Mutex as StdMutex;

use log::info;

/// One value that several threads update.
#[derive(Debug, Default)]
pub struct FakeDatabase {
    value: StdMutex<u64>,
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
        pause();
        *value += 1;
        drop(value);
        info!("Thread {name}: finishing update");
    }
}
