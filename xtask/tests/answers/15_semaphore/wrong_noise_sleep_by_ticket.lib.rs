//! A wrong answer: no waiting on the count at all; each job takes a ticket and sleeps a second
//! (the lesson's job) for each two tickets before its own (the lesson's two permits), then
//! runs. Its log has the lesson's lines at the lesson's times, but a job waited for a time, not
//! for a permit: under schedule noise, in the run that holds one of the first two jobs back, a
//! later job gets in before that one has left, and three work at once.
#![forbid(unsafe_code)]

use std::time::Duration;

// The sync types: std's, or the play runtime's under `--cfg shuttle`. Use these, not `std::sync`.
use common::sync::Mutex;
use common::sync::atomic::{AtomicUsize, Ordering};

/// The count's lock is held only for a few steps that cannot panic, so it is never poisoned.
const HELD_BRIEFLY: &str = "the semaphore's lock is never held across a panic";

/// At most `permits` jobs at once, as Python's `threading.Semaphore(permits)`.
pub struct Semaphore {
    /// How many permits are free now.
    free: Mutex<usize>,
    /// How many jobs have asked so far.
    tickets: AtomicUsize,
}

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore {
            free: Mutex::new(permits),
            tickets: AtomicUsize::new(0),
        }
    }

    /// How many permits are free now.
    pub fn available(&self) -> usize {
        *self.free.lock().expect(HELD_BRIEFLY)
    }

    /// Run `job` holding a permit, as Python's `with sem:` block.
    pub fn with_permit<R>(&self, job: impl FnOnce() -> R) -> R {
        let ticket = self.tickets.fetch_add(1, Ordering::SeqCst);
        // The first job (the one that fails) goes alone; then two by two, a second apart.
        let turn = ticket.saturating_sub(1) / 2;
        common::sleep(Duration::from_secs(turn as u64));
        job()
    }
}
