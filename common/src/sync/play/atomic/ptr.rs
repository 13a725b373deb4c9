//! `AtomicPtr`: its pointer is only stored, swapped and compared here, never followed.

use super::{Ordering, atomic_common};
use std::sync::atomic as std_atomic;

pub struct AtomicPtr<T>(std_atomic::AtomicPtr<T>);

atomic_common!(AtomicPtr, std_atomic::AtomicPtr<T>, *mut T, T);
