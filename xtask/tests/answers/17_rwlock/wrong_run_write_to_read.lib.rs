//! A wrong answer: an RwLock, but the readers take `write()` too: each holds it alone, as with a Mutex.
#![forbid(unsafe_code)]

// The sync types. Use these, not `std::sync` (the course's other exercises need it; here it is
// the habit).
#[allow(unused_imports)]
use common::sync::{Mutex, RwLock};

const POISONED: &str = "a thread panicked while holding the prices";

/// The prices, behind one lock.
#[derive(Debug)]
pub struct Prices {
    table: RwLock<Vec<u64>>,
}

impl Prices {
    pub fn new(prices: Vec<u64>) -> Self {
        Prices {
            table: RwLock::new(prices),
        }
    }

    /// Let `look` read the prices. Many readers may look at once; none while a writer writes.
    pub fn read<R>(&self, look: impl FnOnce(&[u64]) -> R) -> R {
        let table = self.table.write().expect(POISONED);
        look(&table)
    }

    /// Let `change` change the prices, with nobody else looking or writing meanwhile.
    pub fn write<R>(&self, change: impl FnOnce(&mut Vec<u64>) -> R) -> R {
        let mut table = self.table.write().expect(POISONED);
        change(&mut table)
    }
}
