//! The atomics: std's, each operation a scheduling point (and sequentially consistent,
//! whatever ordering the code asks for: see the module's docs).
use super::book::{before, did, observing};
use super::point;
use std::panic::Location;
use std::sync::atomic as std_atomic;
pub use std::sync::atomic::Ordering;

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

macro_rules! atomic_int {
    ($name:ident, $t:ty) => {
        #[derive(Default)]
        pub struct $name(std_atomic::$name);

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl $name {
            pub const fn new(v: $t) -> Self {
                Self(std_atomic::$name::new(v))
            }

            #[track_caller]
            pub fn load(&self, o: Ordering) -> $t {
                step(format!("load ({o:?})"), || self.0.load(o))
            }

            #[track_caller]
            pub fn store(&self, v: $t, o: Ordering) {
                step(format!("store {v:?} ({o:?})"), || self.0.store(v, o))
            }

            #[track_caller]
            pub fn swap(&self, v: $t, o: Ordering) -> $t {
                step(format!("swap {v:?} ({o:?})"), || self.0.swap(v, o))
            }

            #[track_caller]
            pub fn fetch_add(&self, v: $t, o: Ordering) -> $t {
                step(format!("fetch_add {v:?} ({o:?})"), || {
                    self.0.fetch_add(v, o)
                })
            }

            #[track_caller]
            pub fn fetch_sub(&self, v: $t, o: Ordering) -> $t {
                step(format!("fetch_sub {v:?} ({o:?})"), || {
                    self.0.fetch_sub(v, o)
                })
            }

            #[track_caller]
            pub fn fetch_max(&self, v: $t, o: Ordering) -> $t {
                step(format!("fetch_max {v:?} ({o:?})"), || {
                    self.0.fetch_max(v, o)
                })
            }

            #[track_caller]
            pub fn fetch_min(&self, v: $t, o: Ordering) -> $t {
                step(format!("fetch_min {v:?} ({o:?})"), || {
                    self.0.fetch_min(v, o)
                })
            }

            /// One step here: std's loop of a load and compare-exchanges ends in one
            /// read-modify-write that no other thread comes into, as this step does.
            #[track_caller]
            pub fn fetch_update<F>(&self, set: Ordering, fetch: Ordering, f: F) -> Result<$t, $t>
            where
                F: FnMut($t) -> Option<$t>,
            {
                step(format!("fetch_update ({set:?})"), || {
                    self.0.fetch_update(set, fetch, f)
                })
            }

            #[track_caller]
            pub fn compare_exchange(
                &self,
                current: $t,
                new: $t,
                success: Ordering,
                failure: Ordering,
            ) -> Result<$t, $t> {
                step(format!("compare_exchange {current:?} -> {new:?}"), || {
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

            pub fn get_mut(&mut self) -> &mut $t {
                self.0.get_mut()
            }

            pub fn into_inner(self) -> $t {
                self.0.into_inner()
            }
        }
    };
}

atomic_int!(AtomicU32, u32);
atomic_int!(AtomicU64, u64);
atomic_int!(AtomicI32, i32);
atomic_int!(AtomicI64, i64);
atomic_int!(AtomicUsize, usize);
atomic_int!(AtomicIsize, isize);

#[derive(Default)]
pub struct AtomicBool(std_atomic::AtomicBool);

impl std::fmt::Debug for AtomicBool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl AtomicBool {
    pub const fn new(v: bool) -> Self {
        Self(std_atomic::AtomicBool::new(v))
    }

    #[track_caller]
    pub fn load(&self, o: Ordering) -> bool {
        step(format!("load ({o:?})"), || self.0.load(o))
    }

    #[track_caller]
    pub fn store(&self, v: bool, o: Ordering) {
        step(format!("store {v} ({o:?})"), || self.0.store(v, o))
    }

    #[track_caller]
    pub fn swap(&self, v: bool, o: Ordering) -> bool {
        step(format!("swap {v} ({o:?})"), || self.0.swap(v, o))
    }

    #[track_caller]
    pub fn compare_exchange(
        &self,
        current: bool,
        new: bool,
        success: Ordering,
        failure: Ordering,
    ) -> Result<bool, bool> {
        step(format!("compare_exchange {current} -> {new}"), || {
            self.0.compare_exchange(current, new, success, failure)
        })
    }

    pub fn into_inner(self) -> bool {
        self.0.into_inner()
    }
}
