//! A counting semaphore, built from a `Mutex<usize>` and a `Condvar`: std has none.
//!
//! The count of free permits lives inside the `Mutex`; a thread that finds none waits on the
//! `Condvar` until a permit comes back. A permit is a guard: it goes back when it drops, once.
#![forbid(unsafe_code)]

// std's types; see `common::sync` for why they come through `common` (loom checks this code).
use common::sync::{Condvar, Mutex};

/// At most `permits` holders at once, as Python's `threading.Semaphore(permits)`.
pub struct Semaphore {
    /// How many permits are free now.
    free: Mutex<usize>,
    /// Told each time a permit comes back.
    returned: Condvar,
}

/// One permit. Its holder is inside while it lives; dropping it gives the permit back.
#[must_use = "the permit goes back as soon as it is dropped: bind it with `let _permit = ...`"]
pub struct Permit<'a> {
    semaphore: &'a Semaphore,
}

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore {
            free: Mutex::new(permits),
            returned: Condvar::new(),
        }
    }

    /// Take a permit, waiting until one is free: Python's `acquire()`, or entering `with sem:`.
    pub fn acquire(&self) -> Permit<'_> {
        let mut free = self.free.lock().expect(HELD_BRIEFLY);
        // A loop, not an `if`: being woken is no promise of a permit. Another thread may have
        // taken it first, and a condvar may wake a thread that nobody told.
        while *free == 0 {
            // Unlocks `free` while it sleeps, and locks it again before it returns.
            free = self.returned.wait(free).expect(HELD_BRIEFLY);
        }
        *free -= 1;
        // The count's own track in the timeline (`--timeline`); nothing otherwise.
        common::record::value("permits free", *free as i64);
        Permit { semaphore: self }
    }

    /// How many permits are free now (it may change as soon as it is read).
    pub fn available(&self) -> usize {
        *self.free.lock().expect(HELD_BRIEFLY)
    }
}

impl Drop for Permit<'_> {
    /// Python's `release()`, made by leaving the scope, and only once per `acquire`: so there
    /// can never be more permits than the semaphore began with, and none goes back that was not
    /// taken (Python's `BoundedSemaphore` checks only the first, and only when it would happen).
    fn drop(&mut self) {
        {
            let mut free = self.semaphore.free.lock().expect(HELD_BRIEFLY);
            *free += 1;
            common::record::value("permits free", *free as i64);
        }
        // One permit came back: one waiting thread can use it.
        self.semaphore.returned.notify_one();
    }
}

/// The count's lock is held only for a few instructions that cannot panic, so it is never
/// poisoned; a job that panics while it holds a permit still gives the permit back as it
/// unwinds.
const HELD_BRIEFLY: &str = "the semaphore's lock is never held across a panic";
