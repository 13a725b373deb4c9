//! A right answer: the twice-checked lock by hand: a look without the lock, then a lock held across a second look and the making.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use std::sync::{Arc, OnceLock};

// Sync types, if you want one: std's (in an ordinary build), as everywhere in the course.
#[allow(unused_imports)]
use common::sync::Mutex;

/// A value made on first use, by whichever thread asks first.
#[derive(Debug)]
pub struct Shared<T> {
    cell: OnceLock<Arc<T>>,
    making: Mutex<()>,
}

impl<T> Default for Shared<T> {
    fn default() -> Self {
        Shared {
            cell: OnceLock::new(),
            making: Mutex::new(()),
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
        if let Some(value) = self.cell.get() {
            return Arc::clone(value);
        }
        let _making = self.making.lock().unwrap();
        if let Some(value) = self.cell.get() {
            return Arc::clone(value);
        }
        let made = Arc::new(make());
        let _ = self.cell.set(Arc::clone(&made));
        made
    }

    /// The value, if it was made.
    pub fn get(&self) -> Option<Arc<T>> {
        self.cell.get().cloned()
    }
}
