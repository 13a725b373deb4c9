//! Chapter 4's counter without a lock, two ways, a flag that publishes a value, and a lock made
//! of a flag.
//!
//! The atomics come from `common::sync`, so that loom can run this very code (`cargo xtask
//! prove`, `proofs/tests/loom_ch11.rs`).
#![forbid(unsafe_code)]

use common::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use common::sync::thread;

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

/// A lock made of one flag, up while a thread is inside: The Deadlock Empire's first level,
/// "Boolean flags are enough for everyone" (`cargo xtask play ch11-flag`), and its fix
/// (`ch11-flag-exchange`). A thread that finds the flag up waits for it to come down by looking
/// again and again (it spins), and gives way between looks with `thread::yield_now`: a hint that
/// the OS may run another thread, or this one again at once. The play runtime's searches run
/// both, and count going on with the same thread as a preemption, so that a search bounded in
/// preemptions comes to an end.
#[derive(Debug, Default)]
pub struct FlagLock {
    up: AtomicBool,
}

impl FlagLock {
    pub fn new() -> Self {
        Self::default()
    }

    /// Wait for the flag to be down, then raise it: a look, then a store. Both are atomic; the
    /// two together are not: two threads can both look while the flag is down, and then both
    /// raise it and both go in.
    pub fn lock_load_then_store(&self) {
        while self.up.load(Ordering::Acquire) {
            thread::yield_now();
        }
        self.up.store(true, Ordering::Relaxed);
    }

    /// Raise the flag in the same step as the look: `compare_exchange(false, true)` stores
    /// `true` only if the flag is `false`, as one indivisible step, so of two threads that find
    /// it down only one raises it; the other fails and looks again. (`swap(true)` does the same:
    /// it returns what was there, and whoever got `false` back is in.) `Acquire` on the way in
    /// and `Release` on the way out make what one holder wrote visible to the next.
    pub fn lock(&self) {
        while self
            .up
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            thread::yield_now();
        }
    }

    /// Let go: lower the flag.
    pub fn unlock(&self) {
        self.up.store(false, Ordering::Release);
    }
}
