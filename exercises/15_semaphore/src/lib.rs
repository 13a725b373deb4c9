//! A counting semaphore, from a `Mutex<usize>` and a `Condvar`: std has none. Write
//! `Semaphore::with_permit` (see `src/main.rs` for the task).
#![forbid(unsafe_code)]

// The sync types: std's, or the play runtime's under `--cfg shuttle`. Use these, not `std::sync`.
use common::sync::{Condvar, Mutex};

/// The count's lock is held only for a few steps that cannot panic, so it is never poisoned.
const HELD_BRIEFLY: &str = "the semaphore's lock is never held across a panic";

/// At most `permits` jobs at once, as Python's `threading.Semaphore(permits)`.
pub struct Semaphore {
    /// How many permits are free now.
    free: Mutex<usize>,
    /// To be told each time a permit comes back. (Unused until you write `with_permit`.)
    #[allow(dead_code)]
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
        // TODO: this runs the job at once, with no permit: every job works at the same time.
        // Take a permit first (waiting while none is free), and give it back after the job,
        // also when the job panics, waking a job that waits for it.
        job()
    }
}
