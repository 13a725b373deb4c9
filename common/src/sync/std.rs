//! The ordinary build's sync types: std's, each in a thin wrapper of the same shape that, when
//! the runner records a timeline (`--timeline`), notes every blocking step and who let it go on
//! (see `common::record`). When nothing is recorded, each step costs one check of a flag.
//!
//! The wrappers keep std's names, methods and results (`Mutex::new`, `.lock()` with its
//! `LockResult`, `cv.wait(guard)`, `thread::spawn`, `mpsc::sync_channel`...), so that a
//! chapter's code reads as std; their docs are std's.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync as s;
use std::time::Duration;

use crate::record::{self, Object, Site};

pub use std::sync::{
    Arc, BarrierWaitResult, LockResult, PoisonError, TryLockError, TryLockResult,
    WaitTimeoutResult, atomic,
};

#[path = "std_mpsc.rs"]
pub mod mpsc;
#[path = "std_rwlock.rs"]
mod rwlock;
#[path = "std_thread.rs"]
pub mod thread;

pub use rwlock::{RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Give a lock its own name in the timeline (`account 3`), instead of `lock N`.
pub fn name<T: ?Sized>(m: &Mutex<T>, name: &str) {
    m.site.name(Object::Lock, name);
}

/// A lock result with its guard wrapped.
fn map<G, H>(r: LockResult<G>, f: impl FnOnce(G) -> H) -> LockResult<H> {
    match r {
        Ok(g) => Ok(f(g)),
        Err(e) => Err(PoisonError::new(f(e.into_inner()))),
    }
}

fn map_try<G, H>(r: TryLockResult<G>, f: impl FnOnce(G) -> H) -> TryLockResult<H> {
    match r {
        Ok(g) => Ok(f(g)),
        Err(TryLockError::Poisoned(e)) => {
            Err(TryLockError::Poisoned(PoisonError::new(f(e.into_inner()))))
        }
        Err(TryLockError::WouldBlock) => Err(TryLockError::WouldBlock),
    }
}

/// std's `Mutex`, recorded.
#[derive(Default)]
pub struct Mutex<T: ?Sized> {
    site: Site,
    inner: s::Mutex<T>,
}

/// std's `MutexGuard`: dropping it releases the lock.
pub struct MutexGuard<'a, T: ?Sized + 'a> {
    lock: &'a Mutex<T>,
    /// Taken out only by a `Condvar` wait, which gives it back.
    inner: Option<s::MutexGuard<'a, T>>,
    recorded: bool,
}

impl<T> Mutex<T> {
    pub const fn new(value: T) -> Self {
        Mutex {
            site: Site::new(),
            inner: s::Mutex::new(value),
        }
    }

    pub fn into_inner(self) -> LockResult<T> {
        self.inner.into_inner()
    }
}

impl<T: ?Sized> Mutex<T> {
    fn guard<'a>(&'a self, g: s::MutexGuard<'a, T>, recorded: bool) -> MutexGuard<'a, T> {
        MutexGuard {
            lock: self,
            inner: Some(g),
            recorded,
        }
    }

    pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {
        if !record::enabled() {
            return map(self.inner.lock(), |g| self.guard(g, false));
        }
        // Free: taken without a wait, and one note of it.
        let r = match self.inner.try_lock() {
            Ok(g) => Ok(g),
            Err(TryLockError::Poisoned(e)) => Err(e),
            Err(TryLockError::WouldBlock) => {
                self.site.lock_waits(Object::Lock);
                self.inner.lock()
            }
        };
        self.site.lock_takes(Object::Lock);
        map(r, |g| self.guard(g, true))
    }

    pub fn try_lock(&self) -> TryLockResult<MutexGuard<'_, T>> {
        let recorded = record::enabled();
        let r = self.inner.try_lock();
        if recorded && r.is_ok() {
            self.site.lock_takes(Object::Lock);
        }
        map_try(r, |g| self.guard(g, recorded))
    }

    pub fn is_poisoned(&self) -> bool {
        self.inner.is_poisoned()
    }

    pub fn clear_poison(&self) {
        self.inner.clear_poison();
    }

    pub fn get_mut(&mut self) -> LockResult<&mut T> {
        self.inner.get_mut()
    }
}

impl<T> From<T> for Mutex<T> {
    fn from(value: T) -> Self {
        Mutex::new(value)
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Mutex<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl<T: ?Sized> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.inner.as_deref().expect("held")
    }
}

impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.inner.as_deref_mut().expect("held")
    }
}

impl<T: ?Sized> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        // Before the field drops and the lock is free: a waiter never takes it before its
        // release is noted.
        if self.recorded && self.inner.is_some() {
            self.lock.site.lock_releases(Object::Lock);
        }
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for MutexGuard<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: ?Sized + fmt::Display> fmt::Display for MutexGuard<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

/// std's `Condvar`, recorded: a wait gives back the lock, waits (ended by a notify, whose
/// thread is noted, or by its time limit) and takes the lock again.
#[derive(Debug, Default)]
pub struct Condvar {
    site: Site,
    inner: s::Condvar,
}

impl Condvar {
    pub const fn new() -> Condvar {
        Condvar {
            site: Site::new(),
            inner: s::Condvar::new(),
        }
    }

    /// Around std's wait `f` of the guard's lock: what the recorder notes.
    fn around<'a, T, R>(
        &self,
        mut guard: MutexGuard<'a, T>,
        f: impl FnOnce(s::MutexGuard<'a, T>) -> (LockResult<s::MutexGuard<'a, T>>, R),
        timed_out: impl FnOnce(&R) -> bool,
    ) -> (LockResult<MutexGuard<'a, T>>, R) {
        let (lock, recorded) = (guard.lock, guard.recorded);
        let g = guard.inner.take().expect("held");
        if recorded {
            lock.site.lock_releases(Object::Lock);
            self.site.wait_starts(Object::Condvar);
        }
        let (r, extra) = f(g);
        if recorded {
            self.site.wait_ends(self.site.last(), timed_out(&extra));
            lock.site.lock_takes(Object::Lock);
        }
        (map(r, |g| lock.guard(g, recorded)), extra)
    }

    pub fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
        self.around(guard, |g| (self.inner.wait(g), ()), |_| false)
            .0
    }

    pub fn wait_while<'a, T, F: FnMut(&mut T) -> bool>(
        &self,
        guard: MutexGuard<'a, T>,
        condition: F,
    ) -> LockResult<MutexGuard<'a, T>> {
        self.around(
            guard,
            |g| (self.inner.wait_while(g, condition), ()),
            |_| false,
        )
        .0
    }

    pub fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        dur: Duration,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        timed(self.around(
            guard,
            |g| untimed(self.inner.wait_timeout(g, dur)),
            |t: &WaitTimeoutResult| t.timed_out(),
        ))
    }

    pub fn wait_timeout_while<'a, T, F: FnMut(&mut T) -> bool>(
        &self,
        guard: MutexGuard<'a, T>,
        dur: Duration,
        condition: F,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        timed(self.around(
            guard,
            |g| untimed(self.inner.wait_timeout_while(g, dur, condition)),
            |t: &WaitTimeoutResult| t.timed_out(),
        ))
    }

    pub fn notify_one(&self) {
        if record::enabled() {
            self.site.mark();
        }
        self.inner.notify_one();
    }

    pub fn notify_all(&self) {
        if record::enabled() {
            self.site.mark();
        }
        self.inner.notify_all();
    }
}

/// std's `Barrier`, recorded: each thread's wait, and the last to arrive, who lets them go.
#[derive(Debug)]
pub struct Barrier {
    site: Site,
    inner: s::Barrier,
    n: usize,
    arrived: atomic::AtomicUsize,
}

impl Barrier {
    pub fn new(n: usize) -> Barrier {
        Barrier {
            site: Site::new(),
            inner: s::Barrier::new(n),
            n: n.max(1),
            arrived: atomic::AtomicUsize::new(0),
        }
    }

    pub fn wait(&self) -> BarrierWaitResult {
        if !record::enabled() {
            return self.inner.wait();
        }
        let k = self.arrived.fetch_add(1, atomic::Ordering::Relaxed);
        let last = (k + 1).is_multiple_of(self.n);
        if last {
            // The last of this round lets the others go and waits for no one: its time in
            // std's `wait` (a preemption on a busy machine, say) is not drawn as a wait, which
            // would be one it ended itself.
            self.site.mark();
            return self.inner.wait();
        }
        self.site.wait_starts(Object::Barrier);
        let r = self.inner.wait();
        // Every early arrival's wait is drawn, however short: the barrier is what makes its
        // lesson certain, and a picture without it would show no synchronisation.
        self.site.wait_ends_kept(self.site.last());
        r
    }
}

/// std's `OnceLock`, recorded: a thread that finds another running the initialiser waits for
/// it, woken when it is done.
#[derive(Default)]
pub struct OnceLock<T> {
    site: Site,
    inner: s::OnceLock<T>,
}

impl<T> OnceLock<T> {
    pub const fn new() -> OnceLock<T> {
        OnceLock {
            site: Site::new(),
            inner: s::OnceLock::new(),
        }
    }

    pub fn get(&self) -> Option<&T> {
        self.inner.get()
    }

    pub fn get_mut(&mut self) -> Option<&mut T> {
        self.inner.get_mut()
    }

    pub fn set(&self, value: T) -> Result<(), T> {
        self.inner.set(value)
    }

    pub fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        if let Some(v) = self.inner.get() {
            return v;
        }
        if !record::enabled() {
            return self.inner.get_or_init(f);
        }
        let mut ran = false;
        self.site.wait_starts(Object::Once);
        let v = self.inner.get_or_init(|| {
            // This thread is the initialiser: it does not wait, it works.
            ran = true;
            self.site.wait_cancelled();
            let v = f();
            self.site.mark();
            v
        });
        if !ran {
            self.site.wait_ends(self.site.last(), false);
        }
        v
    }

    pub fn into_inner(self) -> Option<T> {
        self.inner.into_inner()
    }

    pub fn take(&mut self) -> Option<T> {
        self.inner.take()
    }
}

impl<T: fmt::Debug> fmt::Debug for OnceLock<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl<T> From<T> for OnceLock<T> {
    fn from(value: T) -> Self {
        OnceLock {
            site: Site::new(),
            inner: s::OnceLock::from(value),
        }
    }
}

/// A timed wait's result as the guard's result and the time limit's, apart.
fn untimed<G>(r: LockResult<(G, WaitTimeoutResult)>) -> (LockResult<G>, WaitTimeoutResult) {
    match r {
        Ok((g, t)) => (Ok(g), t),
        Err(e) => {
            let (g, t) = e.into_inner();
            (Err(PoisonError::new(g)), t)
        }
    }
}

/// And back together.
fn timed<G>(r: (LockResult<G>, WaitTimeoutResult)) -> LockResult<(G, WaitTimeoutResult)> {
    match r {
        (Ok(g), t) => Ok((g, t)),
        (Err(e), t) => Err(PoisonError::new((e.into_inner(), t))),
    }
}

/// The `threadpool` crate's `ThreadPool`, recorded: a worker idle between jobs waits on the
/// pool's queue (woken by the `execute` that queued its next job), and `join` waits for the
/// jobs, woken by the end of the last.
pub struct ThreadPool {
    inner: threadpool::ThreadPool,
    queue: Arc<Site>,
    done: Arc<Site>,
}

impl ThreadPool {
    pub fn new(workers: usize) -> ThreadPool {
        let pool = ThreadPool {
            inner: threadpool::ThreadPool::new(workers),
            queue: Arc::new(Site::new()),
            done: Arc::new(Site::new()),
        };
        pool.queue.name(Object::Channel, "the pool's queue");
        pool.done.name(Object::Thread, "the pool's jobs");
        pool
    }

    pub fn execute<F: FnOnce() + Send + 'static>(&self, job: F) {
        if !record::enabled() {
            return self.inner.execute(job);
        }
        let queued = record::stamp_now();
        let (queue, done) = (Arc::clone(&self.queue), Arc::clone(&self.done));
        self.inner.execute(move || {
            record::thread_starts();
            queue.wait_ends(queued, false);
            job();
            done.mark();
            queue.idle_starts(Object::Channel);
        });
    }

    pub fn join(&self) {
        if !record::enabled() {
            return self.inner.join();
        }
        self.done.wait_starts(Object::Thread);
        self.inner.join();
        self.done.wait_ends(self.done.last(), false);
    }

    pub fn max_count(&self) -> usize {
        self.inner.max_count()
    }

    pub fn active_count(&self) -> usize {
        self.inner.active_count()
    }

    pub fn queued_count(&self) -> usize {
        self.inner.queued_count()
    }

    pub fn panic_count(&self) -> usize {
        self.inner.panic_count()
    }
}
