//! The design problem the article names: `update_twice` holds the lock and calls a helper,
//! `add_one`, that takes the same lock again. Three versions: std's `Mutex` (the problem), a
//! reentrant mutex (Python's `RLock`), and the Rust way (lock once, pass `&mut`).
//!
//! Each helper reads, pauses and writes, so a test or a model can put anything in the gap.
#![forbid(unsafe_code)]

use common::sync::{Mutex, TryLockError};

const POISONED: &str = "a thread panicked while holding the lock";

/// std's `Mutex`: a second `lock()` on the thread that holds it will not return (it may
/// deadlock or panic).
pub mod mutex {
    use super::{Mutex, POISONED, TryLockError};
    use log::info;

    /// The helper: add one, taking the lock itself, so that anyone may call it. In real code it
    /// would call `lock()`; under a caller that holds the lock that call "will not return", as
    /// std's docs say (what happens is unspecified: it may deadlock or panic), so here it asks
    /// with `try_lock` and says what it found instead.
    pub fn add_one(db: &Mutex<u64>) -> Result<(), &'static str> {
        info!("  add_one about to lock");
        match db.try_lock() {
            Ok(mut value) => {
                *value += 1;
                info!("  add_one has lock, wrote {}", *value);
                Ok(())
            }
            Err(TryLockError::WouldBlock) => Err("WouldBlock"),
            Err(TryLockError::Poisoned(_)) => Err("Poisoned"),
        }
    }

    /// Two updates that must happen together, so the lock is held across both.
    pub fn update_twice(db: &Mutex<u64>) -> Result<(), &'static str> {
        info!("update_twice about to lock");
        let _guard = db.lock().expect(POISONED);
        info!("update_twice has lock");
        add_one(db)?;
        add_one(db)
    }
}

/// A reentrant mutex, Python's `RLock`: the thread that holds it may lock it again.
pub mod reentrant {
    use std::cell::RefCell;

    use log::{debug, info};
    use parking_lot::ReentrantMutex;

    /// The value behind an `RLock`. Two guards of one thread can be alive at once, so a guard
    /// gives only `&RefCell<u64>`, never `&mut u64`: two live `&mut` to one value would break
    /// the rule that a `&mut` is unique. The `RefCell` lends the `&mut` for a moment, and
    /// checks at run time that no two such loans overlap.
    pub type Db = ReentrantMutex<RefCell<u64>>;

    pub fn add_one(db: &Db, pause: impl FnOnce()) {
        let again = db.is_owned_by_current_thread();
        info!("  add_one about to lock (this thread holds it already: {again})");
        let guard = db.lock();
        info!("  add_one has lock");
        let mut value = guard.borrow_mut();
        let read = *value;
        pause();
        *value = read + 1;
        info!("  add_one read {read}, wrote {}", *value);
    } // The `RefMut`, then the guard, drop here: one release for the one acquire above.

    /// What the lock's state was at the two moments that show its count.
    #[derive(Debug, PartialEq, Eq)]
    pub struct Held {
        /// Still locked after both helpers dropped their guards (the caller's guard lives).
        pub after_helpers: bool,
        /// Still locked after the caller dropped its guard too.
        pub after_release: bool,
    }

    pub fn update_twice(db: &Db, pause: impl Fn()) -> Held {
        info!("update_twice about to lock");
        let guard = db.lock();
        info!("update_twice has lock");
        // The guard gives no borrow of the value here: `add_one` borrows it for itself.
        add_one(db, &pause);
        add_one(db, &pause);
        let after_helpers = db.is_locked();
        info!("update_twice about to release lock (still locked: {after_helpers})");
        drop(guard);
        let after_release = db.is_locked();
        debug!("update_twice after release (still locked: {after_release})");
        Held {
            after_helpers,
            after_release,
        }
    }
}

/// The Rust way: lock once, and hand the helper the unlocked value as `&mut u64`.
pub mod pass_mut {
    use super::{Mutex, POISONED};
    use log::{debug, info};

    /// The helper needs no lock: a `&mut u64` proves that its caller has the value to itself,
    /// through a guard or by owning it.
    pub fn add_one_to(value: &mut u64, pause: impl FnOnce()) {
        let read = *value;
        pause();
        *value = read + 1;
        info!("  add_one_to got &mut u64: read {read}, wrote {}", *value);
    }

    /// For callers that do not hold the lock: take it, then call the helper.
    pub fn add_one(db: &Mutex<u64>, pause: impl FnOnce()) {
        add_one_to(&mut db.lock().expect(POISONED), pause);
    }

    pub fn update_twice(db: &Mutex<u64>, pause: impl Fn()) {
        info!("update_twice about to lock");
        let mut value = db.lock().expect(POISONED);
        info!("update_twice has lock");
        add_one_to(&mut value, &pause);
        add_one_to(&mut value, &pause);
        info!("update_twice about to release lock");
        drop(value);
        debug!("update_twice after release");
    }
}
