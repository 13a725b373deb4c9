//! # Exercise 18: initialise once
//!
//! Chapter 18's settings, which four threads ask for at the same moment, and which take a second to
//! make. `Shared::get_or_make` (`src/lib.rs`) looks whether they were made, and if not, makes them
//! and stores them. As given, the look and the store are two steps. All four threads look before
//! anyone has stored, and all four make settings of their own. So the initialiser runs four times,
//! and only the first value stored is kept.
//!
//! ## Your task
//! In `src/lib.rs`, make `get_or_make` run `make` exactly once, however many threads call it at
//! once. The threads that come while it runs wait for it, and then all get the one value, at
//! 00:00:01. One `initialising` line comes, and `main` counts one call and one value. Keep the
//! signature of `get_or_make`. `cargo xtask check 18` runs it.
//!
//! ## Hint
//! `OnceLock::get_or_init(f)` is the look and the making as one step. It runs `f` in the thread
//! that comes first, makes every other thread that asks meanwhile wait, and then hands the one
//! value to all. By hand, it is a lock held across the making, with the look done again inside the
//! lock, since a thread that waited for the lock must not make the value again.
//!
//! ## If it differs
//! - `Thread [..]: initialising the settings (call 2 of the initialiser)` came: the settings were
//!   made again. Threads that found the cell empty each made their own, with a look, then a store,
//!   and no lock between. Or a lock was held around the making, but with no second look inside it.
//! - `Thread [..]: got the settings made by call 1` came at another time: a thread got the settings
//!   before or after the one initialiser finished. It did not wait for it, or it waited for another
//!   thread's own initialising.
//! - `Main    : the initialiser ran 1 time[..]` is missing: the settings were made more than once,
//!   or never.
#![forbid(unsafe_code)]

use common::sync::Arc;
use common::sync::atomic::{AtomicUsize, Ordering};
use common::sync::thread;
use std::time::Duration;

use ex18_once::Shared;
use log::info;

const THREADS: usize = 4;
/// How long making the settings takes.
const MAKING: Duration = Duration::from_secs(1);

/// The expensive value. It remembers which call of the initialiser made it.
struct Settings {
    call: usize,
}

/// The initialiser: counts its calls, says who runs it, and takes a second.
fn make(calls: &AtomicUsize, asker: usize) -> Settings {
    let call = calls.fetch_add(1, Ordering::SeqCst) + 1;
    info!("Thread {asker}: initialising the settings (call {call} of the initialiser)");
    common::sleep(MAKING);
    Settings { call }
}

fn main() {
    common::start();
    let settings: Shared<Settings> = Shared::new();
    let calls = AtomicUsize::new(0);
    info!(
        "Main    : {THREADS} threads ask for the settings at once; making them takes {} s",
        MAKING.as_secs()
    );
    let got: Vec<Arc<Settings>> = thread::scope(|s| {
        let askers: Vec<_> = (0..THREADS)
            .map(|t| {
                let (settings, calls) = (&settings, &calls);
                s.spawn(move || {
                    info!("Thread {t}: asks for the settings");
                    let got = settings.get_or_make(|| make(calls, t));
                    info!("Thread {t}: got the settings made by call {}", got.call);
                    got
                })
            })
            .collect();
        askers
            .into_iter()
            .map(|a| a.join().expect("an asker panicked"))
            .collect()
    });

    let ran = calls.load(Ordering::SeqCst);
    let times = if ran == 1 { "time" } else { "times" };
    let one_value = got.iter().all(|g| Arc::ptr_eq(g, &got[0]));
    info!(
        "Main    : the initialiser ran {ran} {times} for {THREADS} threads; they got {}",
        if one_value {
            "one and the same value"
        } else {
            "different values"
        }
    );
    match settings.get() {
        Some(again) => info!(
            "Main    : asks again, and gets the settings made by call {} at once",
            again.call
        ),
        None => info!("Main    : asks again, and finds no settings"),
    }
}
