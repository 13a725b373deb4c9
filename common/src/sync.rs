//! The loom switch: the sync types the chapters' cores are written with.
//!
//! They come through here for one reason: `cargo xtask prove` builds with `--cfg loom`, and then
//! these are the loom model checker's look-alikes instead, so that loom runs the chapters' very
//! code on the schedules it explores. This is the only place that switches; what a chapter gets
//! from here in every ordinary build is exactly `std::sync`.

#[cfg(loom)]
pub use loom::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock, atomic};
// `--cfg shuttle`: the play runtime's look-alikes, for `cargo xtask play` (see `sync/play.rs`).
#[cfg(shuttle)]
mod play;
#[cfg(shuttle)]
pub use play::*;
#[cfg(not(any(loom, shuttle)))]
pub use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock, atomic};
