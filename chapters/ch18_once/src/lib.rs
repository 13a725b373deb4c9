//! Chapter 18's settings, made once from any thread: the initialiser, which counts its calls,
//! and the one way to ask for them that `main` uses. Here so that `cargo xtask play ch18` can run
//! this very code on the schedules a student chooses (its `OnceLock` and atomics come from
//! `common::sync`).
#![forbid(unsafe_code)]

use common::sync::OnceLock;
use common::sync::atomic::{AtomicUsize, Ordering};

use log::info;

/// The expensive value. It remembers which call of the initialiser made it.
pub struct Settings {
    pub call: usize,
}

/// The initialiser: counts its calls, says who runs it, and does its work (`work`: the lesson
/// takes a second there).
pub fn make(calls: &AtomicUsize, asker: usize, work: impl FnOnce()) -> Settings {
    let call = calls.fetch_add(1, Ordering::Relaxed) + 1;
    info!("Thread {asker}: initialising the settings (call {call} of the initialiser)");
    work();
    Settings { call }
}

/// Ask for the settings: the first asker runs `make`, every other that asks meanwhile waits in
/// `get_or_init` until it is done, and all get the one value.
pub fn ask<'a>(
    settings: &'a OnceLock<Settings>,
    calls: &AtomicUsize,
    asker: usize,
    work: impl FnOnce(),
) -> &'a Settings {
    settings.get_or_init(|| make(calls, asker, work))
}
