//! Under `--cfg loom` (`cargo xtask prove`): loom's look-alikes, wherever loom has them, so that
//! its model explores the schedules of the chapters' own code.
//!
//! What loom lacks stays std's, and is then invisible to the model: `OnceLock` (loom has none),
//! `Barrier` (loom 0.7's is a stub that panics when made), the poison and try-lock
//! results (loom's locks return std's), a bounded channel (`mpsc::sync_channel`), and of
//! `thread`, `scope` and `sleep`. A model that needs one of these writes its own from loom's
//! parts. `Condvar` is loom's, with std's `wait_while` and `wait_timeout_while` added (loop over
//! loom's waits), and its timed waits give std's `WaitTimeoutResult`.

pub use loom::sync::{
    Arc, LockResult, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard, TryLockResult,
    atomic,
};
pub use std::sync::{
    Barrier, BarrierWaitResult, OnceLock, PoisonError, TryLockError, WaitTimeoutResult,
};

use std::time::Duration;

/// loom's `Condvar`, with the two loops over its waits that std's has and loom 0.7's lacks
/// (`wait_while`, `wait_timeout_while`), written as std writes them. loom's `wait_timeout` never
/// times out: its model explores the schedules on which every limit is long enough.
#[derive(Debug, Default)]
pub struct Condvar(loom::sync::Condvar);

impl Condvar {
    pub fn new() -> Condvar {
        Condvar(loom::sync::Condvar::new())
    }

    #[track_caller]
    pub fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
        self.0.wait(guard)
    }

    #[track_caller]
    pub fn wait_while<'a, T, F: FnMut(&mut T) -> bool>(
        &self,
        mut guard: MutexGuard<'a, T>,
        mut condition: F,
    ) -> LockResult<MutexGuard<'a, T>> {
        while condition(&mut *guard) {
            guard = self.0.wait(guard)?;
        }
        Ok(guard)
    }

    /// loom's, which never times out: std's "not timed out" beside the guard.
    #[track_caller]
    pub fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        _dur: Duration,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        let not = super::not_timed_out();
        match self.0.wait(guard) {
            Ok(g) => Ok((g, not)),
            Err(p) => Err(PoisonError::new((p.into_inner(), not))),
        }
    }

    #[track_caller]
    pub fn wait_timeout_while<'a, T, F: FnMut(&mut T) -> bool>(
        &self,
        mut guard: MutexGuard<'a, T>,
        dur: Duration,
        mut condition: F,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        while condition(&mut *guard) {
            guard = self.wait_timeout(guard, dur)?.0;
        }
        Ok((guard, super::not_timed_out()))
    }

    #[track_caller]
    pub fn notify_one(&self) {
        self.0.notify_one();
    }

    #[track_caller]
    pub fn notify_all(&self) {
        self.0.notify_all();
    }
}

/// loom's channel; the bounded one and the error types are std's.
pub mod mpsc {
    pub use loom::sync::mpsc::{Receiver, Sender, channel};
    pub use std::sync::mpsc::{
        RecvError, RecvTimeoutError, SendError, SyncSender, TryRecvError, TrySendError,
        sync_channel,
    };
}

/// loom's threads (`spawn`, `JoinHandle`, `Builder`, `current`, `yield_now`); `scope` and
/// `sleep` are std's.
pub mod thread {
    pub use loom::thread::*;
    pub use std::thread::{Scope, ScopedJoinHandle, scope, sleep};
}

/// A lock's name in the timeline: nothing to do under loom, which records no timeline.
pub fn name<T: ?Sized>(_: &Mutex<T>, _: &str) {}

/// The `threadpool` crate's pool, on std's threads: loom cannot model it.
pub use threadpool::ThreadPool;
