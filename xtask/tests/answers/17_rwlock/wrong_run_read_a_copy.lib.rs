//! A wrong answer: the Mutex stays, but a reader copies the prices under it and looks at the copy after letting go: the readers overlap, and the writer no longer waits for them.
#![forbid(unsafe_code)]

// The sync types. Use these, not `std::sync` (the course's other exercises need it; here it is
// the habit).
#[allow(unused_imports)]
use common::sync::{Mutex, RwLock};

const POISONED: &str = "a thread panicked while holding the prices";

/// The prices, behind one lock.
#[derive(Debug)]
pub struct Prices {
    // TODO: a `Mutex` lets one thread in at a time, even when every thread only reads. Use a
    // lock that lets many readers in at once, and a writer in alone.
    table: Mutex<Vec<u64>>,
}

impl Prices {
    pub fn new(prices: Vec<u64>) -> Self {
        Prices {
            table: Mutex::new(prices),
        }
    }

    /// Let `look` read the prices. Many readers may look at once; none while a writer writes.
    pub fn read<R>(&self, look: impl FnOnce(&[u64]) -> R) -> R {
        let copy = self.table.lock().expect(POISONED).clone();
        look(&copy)
    }

    /// Let `change` change the prices, with nobody else looking or writing meanwhile.
    pub fn write<R>(&self, change: impl FnOnce(&mut Vec<u64>) -> R) -> R {
        let mut table = self.table.lock().expect(POISONED);
        change(&mut table)
    }
}
