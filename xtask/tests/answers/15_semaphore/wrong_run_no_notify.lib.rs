//! A wrong answer: the permit goes back, but nobody is told: the jobs asleep in `wait` never wake to take it, until the runner stops the program.
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
        let mut free = self.free.lock().expect(HELD_BRIEFLY);
        while *free == 0 {
            free = self.returned.wait(free).expect(HELD_BRIEFLY);
        }
        *free -= 1;
        drop(free);
        let _permit = Permit { semaphore: self };
        job()
    }
}

/// One permit, held while it lives: dropping it gives the permit back, also as a panic unwinds.
struct Permit<'a> {
    semaphore: &'a Semaphore,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        *self.semaphore.free.lock().expect(HELD_BRIEFLY) += 1;
    }
}
