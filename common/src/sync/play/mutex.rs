//! std's `Mutex`, as shuttle schedules it: a lock and a release are each a step.

use std::fmt;
use std::panic::Location;
use std::sync::{LockResult, PoisonError, TryLockError, TryLockResult};

use shuttle::sync as sh;

use super::book::{self, before, did, observing};
use super::guard::{Hold, guard_deref, poisoned};
use super::point;

/// std's `Mutex`, as shuttle schedules it; its data in a std mutex the engine can look into.
pub struct Mutex<T: ?Sized> {
    pub(super) id: usize,
    gate: sh::Mutex<()>,
    data: std::sync::Mutex<T>,
}

/// Holding a [`Mutex`]. Dropping it releases the lock: a scheduling point.
pub struct MutexGuard<'a, T: ?Sized> {
    pub(super) lock: &'a Mutex<T>,
    pub(super) hold: Hold<std::sync::MutexGuard<'a, T>, sh::MutexGuard<'a, ()>>,
}

impl<T> Mutex<T> {
    pub fn new(value: T) -> Self {
        Mutex {
            id: book::new_lock(),
            gate: sh::Mutex::new(()),
            data: std::sync::Mutex::new(value),
        }
    }

    pub fn into_inner(self) -> LockResult<T> {
        self.data.into_inner()
    }
}

impl<T> From<T> for Mutex<T> {
    fn from(value: T) -> Self {
        Mutex::new(value)
    }
}

impl<T: Default> Default for Mutex<T> {
    fn default() -> Self {
        Mutex::new(T::default())
    }
}

impl<T: ?Sized> fmt::Debug for Mutex<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mutex({})", self.id)
    }
}

impl<T: ?Sized> Mutex<T> {
    pub(super) fn name(&self) -> String {
        book::with(|b| b.lock_name(self.id))
    }

    /// The data, with the gate taken (or without it: the engine's look, which finds the data
    /// free only if no thread holds it, else gives up with the `Held` panic).
    fn guard<'a>(
        &'a self,
        gate: Option<sh::MutexGuard<'a, ()>>,
        at: &'static Location<'static>,
    ) -> LockResult<MutexGuard<'a, T>> {
        if gate.is_none() {
            book::look(self.id, true);
        }
        let (hold, bad) = Hold::take(self.id, at, self.data.try_lock(), gate);
        poisoned(MutexGuard { lock: self, hold }, bad)
    }

    /// Having taken the gate: note it, and the data, which no other thread can hold now.
    pub(super) fn enter<'a>(
        &'a self,
        gate: sh::MutexGuard<'a, ()>,
        at: &'static Location<'static>,
    ) -> LockResult<MutexGuard<'a, T>> {
        let me = book::me();
        book::with(|b| b.locks[self.id].holder = Some(me));
        self.guard(Some(gate), at)
    }

    #[track_caller]
    pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {
        let at = Location::caller();
        if observing() {
            return self.guard(None, at);
        }
        let name = self.name();
        // "take lock 2", "take the count's lock": it reads plainly whatever the lock is called.
        before(at, format!("take {name}"), Some(self.id));
        if book::with(|b| b.locks[self.id].holder) == Some(book::me()) {
            wait_for_ever();
        }
        let gate = self.gate.lock().unwrap_or_else(PoisonError::into_inner);
        did(format!("took {name}"));
        self.enter(gate, at)
    }

    #[track_caller]
    pub fn try_lock(&self) -> TryLockResult<MutexGuard<'_, T>> {
        let at = Location::caller();
        if observing() {
            return self.guard(None, at).map_err(TryLockError::from);
        }
        let name = self.name();
        before(at, format!("try_lock {name}"), None);
        match self.gate.try_lock() {
            Ok(gate) => {
                did(format!("try_lock took {name}"));
                self.enter(gate, at).map_err(TryLockError::from)
            }
            Err(TryLockError::Poisoned(p)) => {
                did(format!("try_lock took {name} (poisoned)"));
                self.enter(p.into_inner(), at).map_err(TryLockError::from)
            }
            Err(TryLockError::WouldBlock) => {
                did(format!("try_lock {name}: WouldBlock"));
                Err(TryLockError::WouldBlock)
            }
        }
    }

    pub fn is_poisoned(&self) -> bool {
        self.data.is_poisoned()
    }

    pub fn clear_poison(&self) {
        self.data.clear_poison();
    }

    pub fn get_mut(&mut self) -> LockResult<&mut T> {
        self.data.get_mut()
    }
}

/// A thread that locks a lock it holds itself: with std's `Mutex` that `lock()` never returns
/// (std's docs: it may deadlock or panic), and shuttle's would panic at once, before the screen
/// saw the step. Here the lock is a step of its own, and then the thread sleeps where nothing
/// wakes it, holding its lock: once every other thread is blocked or done, shuttle reports the
/// deadlock.
fn wait_for_ever() -> ! {
    point();
    // A future that is never ready and never wakes its task: shuttle puts the task to sleep, and
    // nothing makes it runnable again.
    match shuttle_engine::future::block_on(std::future::pending::<std::convert::Infallible>()) {}
}

impl<T: ?Sized> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        // A guard a condvar's wait took has neither data nor gate: nothing is left to let go.
        let data = &self.lock.data;
        self.hold.release(
            "the guard taken here drops",
            || data.clear_poison(),
            |note, _| note.holder = None,
        );
    }
}

guard_deref!(MutexGuard, mut);
