//! The article's `FakeDatabase` without a lock: an update that reads, waits and writes back.
//!
//! Every step is safe Rust, and every access to the value is atomic, so there is no data race.
//! There is still a race condition: the gap between the read and the write.
//!
//! The accesses use `SeqCst`, the strictest ordering, so that no reader has to think about
//! orderings here. No ordering would help: an ordering says what else a thread sees along with
//! a value, and never makes a load and a later store one step.
#![forbid(unsafe_code)]

// std's atomics; see `common::sync` for why they come through `common`.
use common::sync::atomic::{AtomicU64, Ordering};

use log::{debug, info};

/// One value that several threads update.
#[derive(Debug, Default)]
pub struct FakeDatabase {
    value: AtomicU64,
}

impl FakeDatabase {
    pub fn new() -> Self {
        Self::default()
    }

    /// The value now.
    pub fn value(&self) -> u64 {
        self.value.load(Ordering::SeqCst)
    }

    /// The article's `update`: read the value, add one, `pause` (the lesson sleeps 0.1 s
    /// there), write it back. The load and the store are each atomic; the update as a whole
    /// is not, and another thread can read the same old value during the pause.
    pub fn update(&self, name: usize, pause: impl FnOnce()) {
        info!("Thread {name}: starting update");
        let mut local_copy = self.value.load(Ordering::SeqCst);
        debug!("Thread {name}: read {local_copy}");
        local_copy += 1;
        pause();
        // Whatever another thread wrote since our read is overwritten here.
        self.value.store(local_copy, Ordering::SeqCst);
        // The value's own track in the timeline (`--timeline`); nothing otherwise.
        common::record::value("value", local_copy as i64);
        debug!("Thread {name}: wrote {local_copy}");
        info!("Thread {name}: finishing update");
    }
}
