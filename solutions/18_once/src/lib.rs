//! A value made on first use, shared by every thread that asks (a solution).
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
        // The look and the making in one step: the first caller runs `make`, the others wait
        // inside `get_or_init` until it is done, then all get the one value.
        Arc::clone(self.cell.get_or_init(|| Arc::new(make())))
    }

    /// The value, if it was made.
    pub fn get(&self) -> Option<Arc<T>> {
        self.cell.get().cloned()
    }
}
