//! Chapter 17's part 3, a writer and a reader who comes after it, around a read lock `main`
//! holds: here so that `cargo xtask play ch17` can run this very code on the schedules a
//! student chooses (its `RwLock` comes from `common::sync`).
#![forbid(unsafe_code)]

use common::sync::RwLock;

use log::info;

/// `main`'s part: a read lock, held while `meanwhile` runs, then let go.
pub fn hold_a_read_lock(lock: &RwLock<u64>, meanwhile: impl FnOnce()) {
    let first = lock.read().expect("no writer panicked");
    info!("Main    : holds a read lock, reads {}", *first);
    meanwhile();
    info!("Main    : lets go of its read lock");
    drop(first);
}

/// The writer: asks for the write lock, and adds 1 under it.
pub fn writer(lock: &RwLock<u64>) {
    info!("Writer  : asks to write");
    let mut value = lock.write().expect("no writer panicked");
    *value += 1;
    info!("Writer  : has the lock, writes {}", *value);
}

/// The reader who comes after the writer: asks for a read lock; hands back what it read.
pub fn late_reader(lock: &RwLock<u64>) -> u64 {
    info!("Reader 3: asks to read");
    let value = lock.read().expect("no writer panicked");
    info!("Reader 3: has the lock, reads {}", *value);
    *value
}
