//! The value of exercise 6 and its two updates (a solution: the Rust way).
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

/// The helper needs no lock: `&mut u64` proves its caller has the value to itself.
fn add_one_to(value: &mut u64) {
    *value += 1;
}

/// Add one, for a caller that does not hold the lock: take it, then call the helper.
pub fn add_one(db: &Db) {
    add_one_to(&mut db.lock().expect(POISONED));
}

/// Add two, both under one lock: one `lock()`, the helper called twice through the guard.
pub fn update_twice(db: &Db) {
    info!("update_twice about to lock");
    let mut guard = db.lock().expect(POISONED);
    info!("update_twice has lock");
    add_one_to(&mut guard);
    add_one_to(&mut guard);
    info!("update_twice about to release lock");
    drop(guard);
}
