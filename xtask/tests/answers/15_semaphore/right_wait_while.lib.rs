//! A right answer: std's `wait_while`, the `while` loop around the wait written once.
#![forbid(unsafe_code)]

// The sync types: std's, or the play runtime's under `--cfg shuttle`. Use these, not `std::sync`.
use common::sync::{Condvar, Mutex};

/// The count's lock is held only for a few steps that cannot panic, so it is never poisoned.
const HELD_BRIEFLY: &str = "the semaphore's lock is never held across a panic";

/// At most `permits` jobs at once, as Python's `threading.Semaphore(permits)`.
pub struct Semaphore {
    /// How many permits are free now.
    free: Mutex<usize>,
    /// To be told each time a permit comes back.
    returned: Condvar,
}

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore {
            free: Mutex::new(permits),
            returned: Condvar::new(),
        }
    }

    /// How many permits are free now.
    pub fn available(&self) -> usize {
        *self.free.lock().expect(HELD_BRIEFLY)
    }

    /// Run `job` holding a permit, as Python's `with sem:` block: wait until a permit is free
    /// and take it, run the job, and give the permit back when the job is done, whether it
    /// returns or panics.
    pub fn with_permit<R>(&self, job: impl FnOnce() -> R) -> R {
        let free = self.free.lock().expect(HELD_BRIEFLY);
        // std's loop: it looks at the count under the lock before each sleep and after each
        // wake-up, and sleeps while no permit is free.
        let mut free = self
            .returned
            .wait_while(free, |free| *free == 0)
            .expect(HELD_BRIEFLY);
        *free -= 1;
        drop(free);
        // The permit goes back when `_permit` drops: after `job` returns, or while a panic in
        // `job` unwinds this frame.
        let _permit = Permit { semaphore: self };
        job()
    }
}

/// One permit taken, held while it lives: dropping it gives the permit back, also as a panic unwinds.
struct Permit<'a> {
    semaphore: &'a Semaphore,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        *self.semaphore.free.lock().expect(HELD_BRIEFLY) += 1;
        // One permit came back: one waiting job can use it.
        self.semaphore.returned.notify_one();
    }
}
