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

/// std's "not timed out", for the model checkers' timed waits, which never time out. std's
/// `WaitTimeoutResult` has no public constructor: one comes from a real wait on a lock of our
/// own whose condition already holds, which returns at once, not timed out (a wait of no time
/// would say it timed out).
#[cfg(any(loom, shuttle))]
fn not_timed_out() -> std::sync::WaitTimeoutResult {
    let m = std::sync::Mutex::new(());
    let cv = std::sync::Condvar::new();
    let g = m.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (_guard, r) = cv
        .wait_timeout_while(g, std::time::Duration::ZERO, |_| false)
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    debug_assert!(!r.timed_out());
    r
}
