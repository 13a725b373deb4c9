//! `AtomicBool`.

use super::{Ordering, atomic_common, fetch_ops};
use std::sync::atomic as std_atomic;

pub struct AtomicBool(std_atomic::AtomicBool);

atomic_common!(AtomicBool, std_atomic::AtomicBool, bool);

impl AtomicBool {
    fetch_ops!(bool: fetch_and, fetch_nand, fetch_or, fetch_xor);

    #[track_caller]
    pub fn fetch_not(&self, o: Ordering) -> bool {
        super::step(format!("fetch_not ({o:?})"), || self.0.fetch_not(o))
    }
}
