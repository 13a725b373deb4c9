//! Chapter 4's counter without a lock, two ways, and a flag that publishes a value.
//!
//! The atomics come from `common::sync`, so that loom can run this very code (`cargo xtask
//! prove`, `proofs/tests/loom_ch11.rs`).
#![forbid(unsafe_code)]

use common::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// One counter that many threads add to.
#[derive(Debug, Default)]
pub struct Counter {
    value: AtomicU64,
}

impl Counter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Chapter 4's way: load, add one, store; `gap` runs between the load and the store. Each
    /// step is atomic, the addition is not: a store can overwrite what another thread stored
    /// since the load. Returns the value the load returned.
    pub fn add_load_store(&self, gap: impl FnOnce()) -> u64 {
        let read = self.value.load(Ordering::Relaxed);
        gap();
        self.value.store(read + 1, Ordering::Relaxed);
        read
    }

    /// One indivisible read-modify-write: no other access to the counter can fall between its
    /// read and its write. `Relaxed` is enough: the counter is the only memory it speaks for,
    /// and every atomic has one order of changes that all threads agree on. Returns the value
    /// it read, as `fetch_add` does.
    pub fn add_fetch(&self) -> u64 {
        self.value.fetch_add(1, Ordering::Relaxed)
    }

    /// The value now. Read after `join`, a `Relaxed` load sees every addition of the joined
    /// threads: `join` makes all they did happen before what follows it.
    pub fn value(&self) -> u64 {
        self.value.load(Ordering::Relaxed)
    }
}

/// The ordering the lesson's worker stores the flag with: `main.rs` passes it to
/// [`Mailbox::publish`] and prints it, and `proofs/tests/loom_ch11.rs` models it.
pub const FLAG_STORE: Ordering = Ordering::Release;
/// The ordering the lesson's `main` loads the flag with, passed to [`Mailbox::receive`].
pub const FLAG_LOAD: Ordering = Ordering::Acquire;

/// One value handed from one thread to another through a flag: store the data, raise `ready`.
#[derive(Debug, Default)]
pub struct Mailbox {
    data: AtomicU64,
    ready: AtomicBool,
}

impl Mailbox {
    pub fn new() -> Self {
        Self::default()
    }

    /// Store `data`, then raise the flag with the ordering `flag` (the lesson: `Release`).
    /// A `Release` store makes every write before it visible to a thread whose `Acquire` load
    /// reads the flag; a `Relaxed` one promises nothing about the data.
    pub fn publish(&self, data: u64, flag: Ordering) {
        self.data.store(data, Ordering::Relaxed);
        self.ready.store(true, flag);
    }

    /// Wait until the flag is up, calling `idle` between looks, then read the data. `flag` is
    /// the ordering of the flag's load (the lesson: `Acquire`).
    pub fn receive(&self, flag: Ordering, mut idle: impl FnMut()) -> u64 {
        while !self.ready.load(flag) {
            idle();
        }
        self.data.load(Ordering::Relaxed)
    }
}
