//! std's `RwLock`, as shuttle schedules it: a read lock, a write lock and a release are each a
//! step.

use std::fmt;
use std::panic::Location;
use std::sync::{LockResult, PoisonError, TryLockError, TryLockResult};

use shuttle::sync as sh;

use super::book::{self, before, did, observing};
use super::guard::{Hold, guard_deref, poisoned};

/// std's `RwLock`, as shuttle schedules it: many readers or one writer; its data in a std
/// `RwLock` the engine can look into. Whom it lets in first is shuttle's policy, not std's
/// (which std leaves to the platform): a reader may join the readers in while a writer waits,
/// and the same thread's second read lock is refused (shuttle panics: "deadlock!").
pub struct RwLock<T: ?Sized> {
    id: usize,
    gate: sh::RwLock<()>,
    data: std::sync::RwLock<T>,
}

/// Holding an [`RwLock`] to read. Dropping it lets go: a scheduling point.
pub struct RwLockReadGuard<'a, T: ?Sized> {
    lock: &'a RwLock<T>,
    hold: Hold<std::sync::RwLockReadGuard<'a, T>, sh::RwLockReadGuard<'a, ()>>,
}

/// Holding an [`RwLock`] to write. Dropping it lets go: a scheduling point.
pub struct RwLockWriteGuard<'a, T: ?Sized> {
    lock: &'a RwLock<T>,
    hold: Hold<std::sync::RwLockWriteGuard<'a, T>, sh::RwLockWriteGuard<'a, ()>>,
}

impl<T> RwLock<T> {
    pub fn new(value: T) -> Self {
        RwLock {
            id: book::new_lock(),
            gate: sh::RwLock::new(()),
            data: std::sync::RwLock::new(value),
        }
    }

    pub fn into_inner(self) -> LockResult<T> {
        self.data.into_inner()
    }
}

impl<T> From<T> for RwLock<T> {
    fn from(value: T) -> Self {
        RwLock::new(value)
    }
}

impl<T: Default> Default for RwLock<T> {
    fn default() -> Self {
        RwLock::new(T::default())
    }
}

impl<T: ?Sized> fmt::Debug for RwLock<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RwLock({})", self.id)
    }
}

/// A `try_read` or `try_write` of the gate: the gate, poisoned or not, or `None` when it would
/// block, noted as `what: WouldBlock`.
fn tried<G>(r: Result<G, TryLockError<G>>, what: &str) -> Option<G> {
    match r {
        Ok(g) => Some(g),
        Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
        Err(TryLockError::WouldBlock) => {
            did(format!("{what}: WouldBlock"));
            None
        }
    }
}

impl<T: ?Sized> RwLock<T> {
    fn name(&self) -> String {
        book::with(|b| b.lock_name(self.id))
    }

    /// Having taken the gate to read: note it (and a writer it got ahead of), and the data.
    fn enter_read<'a>(
        &'a self,
        gate: Option<sh::RwLockReadGuard<'a, ()>>,
        at: &'static Location<'static>,
        how: String,
    ) -> LockResult<RwLockReadGuard<'a, T>> {
        if gate.is_some() {
            let me = book::me();
            let ahead = book::with(|b| {
                // A writer waits: it tried this lock's write lock and has been blocked since.
                let waiting = b.lanes.iter().position(|l| {
                    !l.finished
                        && l.was_blocked
                        && l.next.as_ref().is_some_and(|o| {
                            o.lock == Some(self.id) && o.what.ends_with(" to write")
                        })
                });
                let note = &mut b.locks[self.id];
                // Ahead of the writer only when it joins readers already in, so that the writer
                // is still shut out (a writer whose wait just ended, the lock free, is not
                // overtaken by whoever takes the free lock first).
                let waiting = waiting.filter(|_| !note.readers.is_empty());
                note.readers.push(me);
                if let Some(w) = waiting {
                    note.overtaken.get_or_insert((me, w));
                }
                waiting.map(|w| b.lanes[w].name.clone())
            });
            did(match ahead {
                Some(w) => format!("{how}, ahead of {w}, who waits to write"),
                None => how,
            });
        }
        if gate.is_none() {
            book::look(self.id, false);
        }
        let (hold, bad) = Hold::take(self.id, at, self.data.try_read(), gate);
        poisoned(RwLockReadGuard { lock: self, hold }, bad)
    }

    fn enter_write<'a>(
        &'a self,
        gate: Option<sh::RwLockWriteGuard<'a, ()>>,
        at: &'static Location<'static>,
        how: String,
    ) -> LockResult<RwLockWriteGuard<'a, T>> {
        if gate.is_some() {
            let me = book::me();
            book::with(|b| b.locks[self.id].holder = Some(me));
            did(how);
        }
        if gate.is_none() {
            book::look(self.id, true);
        }
        let (hold, bad) = Hold::take(self.id, at, self.data.try_write(), gate);
        poisoned(RwLockWriteGuard { lock: self, hold }, bad)
    }

    #[track_caller]
    pub fn read(&self) -> LockResult<RwLockReadGuard<'_, T>> {
        let at = Location::caller();
        if observing() {
            return self.enter_read(None, at, String::new());
        }
        let name = self.name();
        before(at, format!("take {name} to read"), Some(self.id));
        let gate = self.gate.read().unwrap_or_else(PoisonError::into_inner);
        self.enter_read(Some(gate), at, format!("took {name} to read"))
    }

    #[track_caller]
    pub fn write(&self) -> LockResult<RwLockWriteGuard<'_, T>> {
        let at = Location::caller();
        if observing() {
            return self.enter_write(None, at, String::new());
        }
        let name = self.name();
        before(at, format!("take {name} to write"), Some(self.id));
        let gate = self.gate.write().unwrap_or_else(PoisonError::into_inner);
        self.enter_write(Some(gate), at, format!("took {name} to write"))
    }

    #[track_caller]
    pub fn try_read(&self) -> TryLockResult<RwLockReadGuard<'_, T>> {
        let at = Location::caller();
        if observing() {
            return self
                .enter_read(None, at, String::new())
                .map_err(TryLockError::from);
        }
        let name = self.name();
        before(at, format!("try_read {name}"), None);
        let Some(gate) = tried(self.gate.try_read(), &format!("try_read {name}")) else {
            return Err(TryLockError::WouldBlock);
        };
        self.enter_read(Some(gate), at, format!("try_read took {name} to read"))
            .map_err(TryLockError::from)
    }

    #[track_caller]
    pub fn try_write(&self) -> TryLockResult<RwLockWriteGuard<'_, T>> {
        let at = Location::caller();
        if observing() {
            return self
                .enter_write(None, at, String::new())
                .map_err(TryLockError::from);
        }
        let name = self.name();
        before(at, format!("try_write {name}"), None);
        let Some(gate) = tried(self.gate.try_write(), &format!("try_write {name}")) else {
            return Err(TryLockError::WouldBlock);
        };
        self.enter_write(Some(gate), at, format!("try_write took {name} to write"))
            .map_err(TryLockError::from)
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

impl<T: ?Sized> Drop for RwLockReadGuard<'_, T> {
    fn drop(&mut self) {
        let data = &self.lock.data;
        self.hold.release(
            "read guard taken here",
            || data.clear_poison(),
            |note, me| note.readers.retain(|r| *r != me),
        );
    }
}

impl<T: ?Sized> Drop for RwLockWriteGuard<'_, T> {
    fn drop(&mut self) {
        let data = &self.lock.data;
        self.hold.release(
            "write guard taken here",
            || data.clear_poison(),
            |note, _| note.holder = None,
        );
    }
}

guard_deref!(RwLockReadGuard);
guard_deref!(RwLockWriteGuard, mut);
