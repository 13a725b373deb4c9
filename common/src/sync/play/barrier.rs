//! std's `Barrier`, as shuttle schedules it.

use std::fmt;
use std::panic::Location;

use shuttle::sync as sh;
pub use shuttle::sync::BarrierWaitResult;

use super::book::{before, did};

/// std's `Barrier`, as shuttle schedules it: `wait` is a step, and returns when `n` have come.
pub struct Barrier {
    n: usize,
    inner: sh::Barrier,
}

impl fmt::Debug for Barrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Barrier({})", self.n)
    }
}

impl Barrier {
    pub fn new(n: usize) -> Barrier {
        Barrier {
            n,
            inner: sh::Barrier::new(n),
        }
    }

    #[track_caller]
    pub fn wait(&self) -> BarrierWaitResult {
        before(
            Location::caller(),
            format!("wait at the barrier (it opens for {})", self.n),
            None,
        );
        let r = self.inner.wait();
        did(if r.is_leader() {
            "passed the barrier, told it is the leader".into()
        } else {
            "passed the barrier".into()
        });
        r
    }
}
