//! The atomic integers.

use super::{Ordering, atomic_common, fetch_ops};
use std::sync::atomic as std_atomic;

macro_rules! atomic_int {
    ($name:ident, $t:ty) => {
        pub struct $name(std_atomic::$name);

        atomic_common!($name, std_atomic::$name, $t);

        impl $name {
            fetch_ops!($t: fetch_add, fetch_sub, fetch_and, fetch_nand, fetch_or, fetch_xor,
                fetch_max, fetch_min);
        }
    };
}

atomic_int!(AtomicU8, u8);
atomic_int!(AtomicU16, u16);
atomic_int!(AtomicU32, u32);
atomic_int!(AtomicU64, u64);
atomic_int!(AtomicUsize, usize);
atomic_int!(AtomicI8, i8);
atomic_int!(AtomicI16, i16);
atomic_int!(AtomicI32, i32);
atomic_int!(AtomicI64, i64);
atomic_int!(AtomicIsize, isize);
