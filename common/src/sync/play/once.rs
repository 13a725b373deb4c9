//! std's `OnceLock`, on a lock of the play runtime.

use std::fmt;
use std::panic::Location;
use std::sync::PoisonError;

use super::book::{before, did, observing};
use super::{Mutex, name, point};

/// std's `OnceLock`, as its contract says it behaves: one thread runs the initialiser, every
/// other that asks meanwhile waits in `get_or_init` until it is done, and all get the one value.
/// Built here from a lock of the play runtime around std's cell (std's own rests on a `Once`
/// that shuttle cannot schedule): a look into the cell is a step, and so is taking its lock.
pub struct OnceLock<T> {
    gate: Mutex<()>,
    cell: std::sync::OnceLock<T>,
}

impl<T> Default for OnceLock<T> {
    fn default() -> Self {
        OnceLock::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for OnceLock<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.cell.fmt(f)
    }
}

impl<T> OnceLock<T> {
    pub fn new() -> Self {
        let gate = Mutex::new(());
        name(&gate, "the cell's lock");
        OnceLock {
            gate,
            cell: std::sync::OnceLock::new(),
        }
    }

    #[track_caller]
    pub fn get(&self) -> Option<&T> {
        if !observing() {
            before(Location::caller(), "look into the cell".into(), None);
            point();
            let full = self.cell.get().is_some();
            did(format!(
                "looked: the cell is {}",
                if full { "full" } else { "empty" }
            ));
        }
        self.cell.get()
    }

    #[track_caller]
    pub fn set(&self, value: T) -> Result<(), T> {
        let _gate = self.gate.lock().unwrap_or_else(PoisonError::into_inner);
        let r = self.cell.set(value);
        did(if r.is_ok() {
            "set the cell".into()
        } else {
            "set: the cell was full, the value is handed back".into()
        });
        r
    }

    #[track_caller]
    pub fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        if let Some(v) = self.get() {
            return v;
        }
        let gate = self.gate.lock().unwrap_or_else(PoisonError::into_inner);
        if self.cell.get().is_none() {
            did("the cell is still empty: runs the initialiser".into());
            let value = f();
            let _ = self.cell.set(value);
        } else {
            did("the cell was filled meanwhile: takes that value".into());
        }
        drop(gate);
        self.cell.get().expect("the cell was filled")
    }

    pub fn into_inner(self) -> Option<T> {
        self.cell.into_inner()
    }

    /// No step: `&mut self` says no other thread can look.
    pub fn get_mut(&mut self) -> Option<&mut T> {
        self.cell.get_mut()
    }

    /// No step, as [`get_mut`](Self::get_mut).
    pub fn take(&mut self) -> Option<T> {
        self.cell.take()
    }
}

impl<T> From<T> for OnceLock<T> {
    fn from(value: T) -> Self {
        let once = OnceLock::new();
        let _ = once.cell.set(value);
        once
    }
}
