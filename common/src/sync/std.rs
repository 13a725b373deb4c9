//! The ordinary build's sync types: std's.

pub use std::sync::{
    Arc, Barrier, BarrierWaitResult, Condvar, LockResult, Mutex, MutexGuard, OnceLock, PoisonError,
    RwLock, RwLockReadGuard, RwLockWriteGuard, TryLockError, TryLockResult, WaitTimeoutResult,
    atomic, mpsc,
};

/// std's threads: `spawn`, `scope`, `JoinHandle`, `Builder`, `current`, `sleep`, ...
pub mod thread {
    pub use std::thread::*;
}
