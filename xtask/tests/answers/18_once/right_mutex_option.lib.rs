//! A right answer: a Mutex<Option<..>>, its lock held across the look and the making: every caller takes the lock, which is slower than a OnceLock's one atomic load once the value is made, but right.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use std::sync::{Arc, OnceLock};

// Sync types, if you want one: std's (in an ordinary build), as everywhere in the course.
#[allow(unused_imports)]
use common::sync::Mutex;

/// A value made on first use, by whichever thread asks first.
#[derive(Debug)]
pub struct Shared<T> {
    cell: Mutex<Option<Arc<T>>>,
}

impl<T> Default for Shared<T> {
    fn default() -> Self {
        Shared {
            cell: Mutex::new(None),
        }
    }
}

impl<T> Shared<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// The value, made by `make` on the first call. Every caller gets the same value, and `make`
    /// runs once, however many threads call at once: those that come while it runs wait for it.
    pub fn get_or_make(&self, make: impl FnOnce() -> T) -> Arc<T> {
        let mut cell = self.cell.lock().unwrap();
        Arc::clone(cell.get_or_insert_with(|| Arc::new(make())))
    }

    /// The value, if it was made.
    pub fn get(&self) -> Option<Arc<T>> {
        self.cell.lock().unwrap().clone()
    }
}
