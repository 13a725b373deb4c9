//! A value made on first use, shared by every thread that asks. Fix `get_or_make` (see
//! `src/main.rs` for the task).
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use common::sync::{Arc, OnceLock};

// Sync types, if you want one: std's (in an ordinary build), as everywhere in the course.
#[allow(unused_imports)]
use common::sync::Mutex;

/// A value made on first use, by whichever thread asks first.
#[derive(Debug)]
pub struct Shared<T> {
    cell: OnceLock<Arc<T>>,
}

impl<T> Default for Shared<T> {
    fn default() -> Self {
        Shared {
            cell: OnceLock::new(),
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
        // TODO: a look, then a set, with nothing between: every thread that looks before the
        // first set finds the cell empty and makes a value of its own (only the first set keeps
        // its value, but every `make` ran). Make the look and the making one step.
        if let Some(value) = self.cell.get() {
            return Arc::clone(value);
        }
        let made = Arc::new(make());
        let _ = self.cell.set(made);
        Arc::clone(self.cell.get().expect("set above"))
    }

    /// The value, if it was made.
    pub fn get(&self) -> Option<Arc<T>> {
        self.cell.get().cloned()
    }
}
