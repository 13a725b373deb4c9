//! A wrong answer that its run cannot tell from a right one: the first thread claims the making with an atomic flag, and the others, instead of waiting for it, sleep a little longer than the making takes and then take the value. A sleep is never a wait: the play runtime's model finds the schedule where a thread wakes to an empty cell.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use std::sync::OnceLock;
use std::time::Duration;

use common::sync::Arc;
use common::sync::atomic::{AtomicBool, Ordering};

/// A value made on first use, by whichever thread asks first.
#[derive(Debug)]
pub struct Shared<T> {
    cell: OnceLock<Arc<T>>,
    claimed: AtomicBool,
}

impl<T> Default for Shared<T> {
    fn default() -> Self {
        Shared {
            cell: OnceLock::new(),
            claimed: AtomicBool::new(false),
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
        if self.claimed.swap(true, Ordering::SeqCst) {
            // Another thread makes it: the making takes a second, so wait a little longer.
            common::sleep(Duration::from_millis(1100));
            return Arc::clone(self.cell.get().expect("made by now"));
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
