//! What the guards of [`Mutex`](super::Mutex) and [`RwLock`](super::RwLock) share: each holds
//! the data's std guard and shuttle's gate, and lets go of them in that order, the gate's release
//! a scheduling point. A guard without a gate is the engine's look, which takes no step.

use std::panic::Location;
use std::sync::{LockResult, PoisonError, TryLockError};

use super::book::{self, Held, LockNote, before, did};

/// A guard's holding: the lock's number in the book, where it was taken, the data and the gate.
pub(super) struct Hold<D, G> {
    pub(super) lock: usize,
    pub(super) taken_at: &'static Location<'static>,
    /// `None` once a condvar's wait took it, or the guard let go.
    pub(super) data: Option<D>,
    /// `None` for the engine's look, and once a condvar's wait took it.
    pub(super) gate: Option<G>,
}

impl<D, G> Hold<D, G> {
    /// Take the data of the std lock, `tried` with `try`, having taken the gate (or without it,
    /// for the engine's look); whether it was poisoned. The data is free whenever the gate is
    /// had, so only the engine's look can find it held, and then it gives up: the `Held` panic.
    pub(super) fn take(
        lock: usize,
        taken_at: &'static Location<'static>,
        tried: Result<D, TryLockError<D>>,
        gate: Option<G>,
    ) -> (Self, bool) {
        let (data, bad) = match tried {
            Ok(g) => (g, false),
            Err(TryLockError::Poisoned(p)) => (p.into_inner(), true),
            Err(TryLockError::WouldBlock) => std::panic::panic_any(Held),
        };
        let hold = Hold {
            lock,
            taken_at,
            data: Some(data),
            gate,
        };
        (hold, bad)
    }

    /// Let go of the data, then of the gate (its release is a scheduling point), shown as the
    /// step `release NAME (how)`; `forget` then takes this thread out of the lock's note. A look
    /// (no gate) takes no step: if its panic unwinds through the guard, `unpoison` clears the
    /// poison that left on the data, since that is no panic in the lesson.
    pub(super) fn release(
        &mut self,
        how: &str,
        unpoison: impl FnOnce(),
        forget: impl FnOnce(&mut LockNote, usize),
    ) {
        let Some(gate) = self.gate.take() else {
            if self.data.take().is_some() && std::thread::panicking() {
                unpoison();
            }
            return;
        };
        let name = book::with(|b| b.lock_name(self.lock));
        before(self.taken_at, format!("release {name} ({how})"), None);
        self.data = None;
        drop(gate);
        let me = book::me();
        book::with(|b| forget(&mut b.locks[self.lock], me));
        did(format!("released {name}"));
    }
}

/// A lock's result: `Err` with the guard when the data was poisoned (but for the engine's look,
/// which reads through the poison and notes it: [`book::refresh`]).
pub(super) fn poisoned<G>(guard: G, poisoned: bool) -> LockResult<G> {
    if poisoned && book::observing() {
        // The engine's look reads through the poison, and the screen says it was there.
        book::saw_poison();
        Ok(guard)
    } else if poisoned {
        Err(PoisonError::new(guard))
    } else {
        Ok(guard)
    }
}

/// A guard's `Deref` (and `DerefMut` with `mut`) to its data, and its `Debug` and `Display`,
/// which are the data's.
macro_rules! guard_deref {
    ($guard:ident) => {
        impl<T: ?Sized> std::ops::Deref for $guard<'_, T> {
            type Target = T;
            fn deref(&self) -> &T {
                self.hold.data.as_ref().expect("a guard holds its data")
            }
        }

        impl<T: ?Sized + std::fmt::Debug> std::fmt::Debug for $guard<'_, T> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                (**self).fmt(f)
            }
        }

        impl<T: ?Sized + std::fmt::Display> std::fmt::Display for $guard<'_, T> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                (**self).fmt(f)
            }
        }
    };
    ($guard:ident, mut) => {
        guard_deref!($guard);

        impl<T: ?Sized> std::ops::DerefMut for $guard<'_, T> {
            fn deref_mut(&mut self) -> &mut T {
                self.hold.data.as_mut().expect("a guard holds its data")
            }
        }
    };
}

pub(super) use guard_deref;
