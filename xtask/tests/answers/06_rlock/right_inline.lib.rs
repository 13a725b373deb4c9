//! A right answer: update_twice adds two through its own guard and leaves the helper alone.
#![forbid(unsafe_code)]

// The sync types: std's, or the play runtime's under `--cfg shuttle` (the model). Use these,
// not `std::sync`.
use common::sync::Mutex;

use log::info;

const POISONED: &str = "a thread panicked while holding the lock";

/// The value behind its lock.
pub type Db = Mutex<u64>;

pub fn new_db(value: u64) -> Db {
    Mutex::new(value)
}

/// The value now.
pub fn value(db: &Db) -> u64 {
    *db.lock().expect(POISONED)
}

pub fn add_one(db: &Db) {
    *db.lock().expect(POISONED) += 1;
}

pub fn update_twice(db: &Db) {
    info!("update_twice about to lock");
    let mut guard = db.lock().expect(POISONED);
    info!("update_twice has lock");
    *guard += 1;
    *guard += 1;
    info!("update_twice about to release lock");
    drop(guard);
}
