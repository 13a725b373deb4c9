//! The switch: the sync types the chapters, exercises and solutions are written with.
//!
//! Every lesson takes its sync types from here (`common::sync::{Arc, Mutex, thread, mpsc, ...}`),
//! never from `std::sync` or `std::thread` directly, for one reason: a build under another cfg
//! swaps them all at once. `cargo xtask prove` builds with `--cfg loom`, and then these are the
//! loom model checker's look-alikes, so that loom runs the chapters' very code on the schedules
//! it explores. In every ordinary build they are std's.
//!
//! Each backend is one file under `sync/` with the same names; this file only chooses one, by
//! one cfg line each.

#[cfg(loom)]
#[path = "sync/loom.rs"]
mod backend;

// `--cfg shuttle` (`cargo xtask play`): the play runtime, whose scheduler the student plays.
#[cfg(shuttle)]
#[path = "sync/play/mod.rs"]
mod backend;

#[cfg(not(any(loom, shuttle)))]
#[path = "sync/std.rs"]
mod backend;

pub use backend::*;
