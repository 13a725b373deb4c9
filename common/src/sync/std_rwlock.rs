//! std's `RwLock`, recorded.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync as s;

use super::{LockResult, TryLockError, TryLockResult, map, map_try};
use crate::record::{self, Object, Site};

/// std's `RwLock`, recorded: a read and a write lock each a wait, then a hold.
#[derive(Default)]
pub struct RwLock<T: ?Sized> {
    site: Site,
    inner: s::RwLock<T>,
}

/// std's `RwLockReadGuard`.
pub struct RwLockReadGuard<'a, T: ?Sized + 'a> {
    lock: &'a RwLock<T>,
    inner: s::RwLockReadGuard<'a, T>,
    recorded: bool,
}

/// std's `RwLockWriteGuard`.
pub struct RwLockWriteGuard<'a, T: ?Sized + 'a> {
    lock: &'a RwLock<T>,
    inner: s::RwLockWriteGuard<'a, T>,
    recorded: bool,
}

impl<T> RwLock<T> {
    pub const fn new(value: T) -> Self {
        RwLock {
            site: Site::new(),
            inner: s::RwLock::new(value),
        }
    }

    pub fn into_inner(self) -> LockResult<T> {
        self.inner.into_inner()
    }
}

impl<T: ?Sized> RwLock<T> {
    /// `take`, or first `try_take` when recording: free, it is taken without a wait.
    fn taking<G>(
        &self,
        try_take: impl FnOnce() -> TryLockResult<G>,
        take: impl FnOnce() -> LockResult<G>,
    ) -> (LockResult<G>, bool) {
        if !record::enabled() {
            return (take(), false);
        }
        let r = match try_take() {
            Ok(g) => Ok(g),
            Err(TryLockError::Poisoned(e)) => Err(e),
            Err(TryLockError::WouldBlock) => {
                self.site.lock_waits(Object::RwLock);
                take()
            }
        };
        self.site.lock_takes(Object::RwLock);
        (r, true)
    }

    pub fn read(&self) -> LockResult<RwLockReadGuard<'_, T>> {
        let (r, recorded) = self.taking(|| self.inner.try_read(), || self.inner.read());
        map(r, |inner| RwLockReadGuard {
            lock: self,
            inner,
            recorded,
        })
    }

    pub fn write(&self) -> LockResult<RwLockWriteGuard<'_, T>> {
        let (r, recorded) = self.taking(|| self.inner.try_write(), || self.inner.write());
        map(r, |inner| RwLockWriteGuard {
            lock: self,
            inner,
            recorded,
        })
    }

    pub fn try_read(&self) -> TryLockResult<RwLockReadGuard<'_, T>> {
        let recorded = record::enabled();
        let r = self.inner.try_read();
        if recorded && r.is_ok() {
            self.site.lock_takes(Object::RwLock);
        }
        map_try(r, |inner| RwLockReadGuard {
            lock: self,
            inner,
            recorded,
        })
    }

    pub fn try_write(&self) -> TryLockResult<RwLockWriteGuard<'_, T>> {
        let recorded = record::enabled();
        let r = self.inner.try_write();
        if recorded && r.is_ok() {
            self.site.lock_takes(Object::RwLock);
        }
        map_try(r, |inner| RwLockWriteGuard {
            lock: self,
            inner,
            recorded,
        })
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

impl<T> From<T> for RwLock<T> {
    fn from(value: T) -> Self {
        RwLock::new(value)
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for RwLock<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

macro_rules! guard {
    ($guard:ident $(, $mut:ident)?) => {
        impl<T: ?Sized> Deref for $guard<'_, T> {
            type Target = T;
            fn deref(&self) -> &T {
                &self.inner
            }
        }

        $(
        impl<T: ?Sized> DerefMut for $guard<'_, T> {
            fn $mut(&mut self) -> &mut T {
                &mut self.inner
            }
        }
        )?

        impl<T: ?Sized> Drop for $guard<'_, T> {
            fn drop(&mut self) {
                if self.recorded {
                    self.lock.site.lock_releases(Object::RwLock);
                }
            }
        }

        impl<T: ?Sized + fmt::Debug> fmt::Debug for $guard<'_, T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                (**self).fmt(f)
            }
        }

        impl<T: ?Sized + fmt::Display> fmt::Display for $guard<'_, T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                (**self).fmt(f)
            }
        }
    };
}

guard!(RwLockReadGuard);
guard!(RwLockWriteGuard, deref_mut);
