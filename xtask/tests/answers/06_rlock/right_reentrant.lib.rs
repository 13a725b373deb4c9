//! A right answer: Python's RLock, a reentrant mutex that the holding thread may lock again.
#![forbid(unsafe_code)]

use std::cell::Cell;

use log::info;
use parking_lot::ReentrantMutex;

/// A reentrant lock hands out only `&T` (two guards of one thread may live at once): the value
/// is a `Cell`, changed through a shared reference.
pub type Db = ReentrantMutex<Cell<u64>>;

pub fn new_db(value: u64) -> Db {
    ReentrantMutex::new(Cell::new(value))
}

pub fn value(db: &Db) -> u64 {
    db.lock().get()
}

pub fn add_one(db: &Db) {
    let guard = db.lock();
    guard.set(guard.get() + 1);
}

pub fn update_twice(db: &Db) {
    info!("update_twice about to lock");
    let guard = db.lock();
    info!("update_twice has lock");
    add_one(db);
    add_one(db);
    info!("update_twice about to release lock");
    drop(guard);
}
