//! A right answer: the guard both takes the permit (in its constructor) and gives it back; notify_all wakes every waiter, and all but one go back to sleep in the while.
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
        let _permit = Permit::take(self);
        job()
    }
}

struct Permit<'a> {
    semaphore: &'a Semaphore,
}

impl<'a> Permit<'a> {
    fn take(semaphore: &'a Semaphore) -> Self {
        let mut free = semaphore.free.lock().expect(HELD_BRIEFLY);
        while *free == 0 {
            free = semaphore.returned.wait(free).expect(HELD_BRIEFLY);
        }
        *free -= 1;
        Permit { semaphore }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut free = self.semaphore.free.lock().expect(HELD_BRIEFLY);
        *free += 1;
        self.semaphore.returned.notify_all();
    }
}
