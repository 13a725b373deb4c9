//! A wrong answer: the helper asks with try_lock and gives up when the lock is taken, so under update_twice it adds nothing.
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
    if let Ok(mut v) = db.try_lock() {
        *v += 1;
    }
}

pub fn update_twice(db: &Db) {
    info!("update_twice about to lock");
    let guard = db.lock().expect(POISONED);
    info!("update_twice has lock");
    add_one(db);
    add_one(db);
    info!("update_twice about to release lock");
    drop(guard);
}
