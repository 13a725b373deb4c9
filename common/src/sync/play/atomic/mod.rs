//! The atomics: std's, each operation a scheduling point and sequentially consistent, whatever
//! ordering the code asks for (see the runtime's docs): so a fence has nothing to order, and is
//! std's, taking no step. One module a kind, as shuttle's own: the integers, `AtomicBool`,
//! `AtomicPtr`.

use std::panic::Location;

use super::book::{before, did, observing};
use super::point;

pub use std::sync::atomic::{Ordering, compiler_fence, fence};

mod bool;
mod int;
mod ptr;

pub use self::bool::AtomicBool;
pub use self::int::{
    AtomicI8, AtomicI16, AtomicI32, AtomicI64, AtomicIsize, AtomicU8, AtomicU16, AtomicU32,
    AtomicU64, AtomicUsize,
};
pub use self::ptr::AtomicPtr;

/// One atomic operation, `what`: a scheduling point, then `op`, noted with what it returned. The
/// engine's look (a probe) takes no step.
#[track_caller]
fn step<R: std::fmt::Debug>(what: String, op: impl FnOnce() -> R) -> R {
    if observing() {
        return op();
    }
    before(Location::caller(), what.clone(), None);
    point();
    let r = op();
    did(format!("{what} -> {r:?}"));
    r
}

/// What every atomic has, around std's `$std` of values `$t`: `load`, `store`, `swap`,
/// `compare_exchange` (and `_weak`, which never fails spuriously here: std allows a weak one to
/// succeed whenever the strong one would), `fetch_update`, each a step; `new`, `get_mut`,
/// `into_inner`, `Default`, `From` and `Debug`, which take none.
macro_rules! atomic_common {
    ($name:ident, $std:ty, $t:ty $(, $g:ident)?) => {
        impl$(<$g>)? Default for $name$(<$g>)? {
            fn default() -> Self {
                Self(<$std>::default())
            }
        }

        impl$(<$g>)? std::fmt::Debug for $name$(<$g>)? {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl$(<$g>)? From<$t> for $name$(<$g>)? {
            fn from(v: $t) -> Self {
                Self::new(v)
            }
        }

        impl$(<$g>)? $name$(<$g>)? {
            pub const fn new(v: $t) -> Self {
                Self(<$std>::new(v))
            }

            #[track_caller]
            pub fn load(&self, o: Ordering) -> $t {
                super::step(format!("load ({o:?})"), || self.0.load(o))
            }

            #[track_caller]
            pub fn store(&self, v: $t, o: Ordering) {
                super::step(format!("store {v:?} ({o:?})"), || self.0.store(v, o))
            }

            #[track_caller]
            pub fn swap(&self, v: $t, o: Ordering) -> $t {
                super::step(format!("swap {v:?} ({o:?})"), || self.0.swap(v, o))
            }

            #[track_caller]
            pub fn compare_exchange(
                &self,
                current: $t,
                new: $t,
                success: Ordering,
                failure: Ordering,
            ) -> Result<$t, $t> {
                super::step(format!("compare_exchange {current:?} -> {new:?}"), || {
                    self.0.compare_exchange(current, new, success, failure)
                })
            }

            #[track_caller]
            pub fn compare_exchange_weak(
                &self,
                current: $t,
                new: $t,
                success: Ordering,
                failure: Ordering,
            ) -> Result<$t, $t> {
                self.compare_exchange(current, new, success, failure)
            }

            /// One step here: std's loop of a load and compare-exchanges ends in one
            /// read-modify-write that no other thread comes into, as this step does.
            #[track_caller]
            pub fn fetch_update<F>(&self, set: Ordering, fetch: Ordering, f: F) -> Result<$t, $t>
            where
                F: FnMut($t) -> Option<$t>,
            {
                super::step(format!("fetch_update ({set:?})"), || {
                    self.0.fetch_update(set, fetch, f)
                })
            }

            pub fn get_mut(&mut self) -> &mut $t {
                self.0.get_mut()
            }

            pub fn into_inner(self) -> $t {
                self.0.into_inner()
            }
        }
    };
}

/// Read-modify-writes of std's that take a value: `$op(v, o)`, each a step.
macro_rules! fetch_ops {
    ($t:ty: $($op:ident),*) => {
        $(
            #[track_caller]
            pub fn $op(&self, v: $t, o: Ordering) -> $t {
                super::step(format!("{} {v:?} ({o:?})", stringify!($op)), || self.0.$op(v, o))
            }
        )*
    };
}

use {atomic_common, fetch_ops};
