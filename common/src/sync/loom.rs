//! Under `--cfg loom` (`cargo xtask prove`): loom's look-alikes, wherever loom has them, so that
//! its model explores the schedules of the chapters' own code.
//!
//! What loom lacks stays std's, and is then invisible to the model: `OnceLock` (loom has none),
//! `Barrier` (loom 0.7's is a stub that panics when made), the poison and try-lock
//! results (loom's locks return std's), a bounded channel (`mpsc::sync_channel`), and of
//! `thread`, `scope` and `sleep`. A model that needs one of these writes its own from loom's
//! parts.

pub use loom::sync::{
    Arc, Condvar, LockResult, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard,
    TryLockResult, WaitTimeoutResult, atomic,
};
pub use std::sync::{Barrier, BarrierWaitResult, OnceLock, PoisonError, TryLockError};

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
