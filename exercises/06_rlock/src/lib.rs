//! The value of exercise 6 and its two updates. Fix `update_twice` and `add_one` (see
//! `src/main.rs` for the task); `new_db` and `value` may change with the type of `Db`.
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

/// Add one, for a caller that does not hold the lock.
pub fn add_one(db: &Db) {
    *db.lock().expect(POISONED) += 1;
}

/// Add two, both under one lock, so that no other thread sees the value in between.
pub fn update_twice(db: &Db) {
    info!("update_twice about to lock");
    let guard = db.lock().expect(POISONED);
    info!("update_twice has lock");
    // TODO: `add_one` takes the lock again, on the thread that holds it: that `lock()` never
    // returns. Add the two without a second lock of a lock this thread holds.
    add_one(db);
    add_one(db);
    info!("update_twice about to release lock");
    drop(guard);
}
