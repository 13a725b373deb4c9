//! # Initialise once, from any thread
//!
//! Some value is expensive to make and needed by many threads: settings read from a file, a
//! connection, a table. Making it at start-up delays everything. Making it on first use raises a
//! question: what if two threads use it first at the same moment?
//!
//! A `std::sync::OnceLock` answers it. `get_or_init(make)` runs `make` once, in one of the threads
//! that ask. Every other thread that asks meanwhile waits until it is done. From then on, everyone
//! gets the same value at once. Here four threads ask for the settings at the same moment, and
//! making them takes a second.
//!
//! ## What to look for
//! One `initialising` line comes, however many threads ask (try `--threads 8`). Which thread makes
//! the settings is up to the scheduler. All four `got` lines come at 00:00:01, when the one
//! initialiser is done, and all name call 1 of it. The others waited; they did not make their own.
//!
//! `main` then counts the calls, and compares the addresses of the four values it was handed back:
//! one call, one value. A last `get_or_init` from `main` comes back at once with the same settings,
//! and the initialiser has still run once.
//!
//! ## Python original
//! Lazy initialisation under a lock, checked before the lock and again inside it.
//! Python has no once-cell. The usual way is `if _settings is None:`, then `with _lock:` and
//! `if _settings is None: _settings = make()`. The lock makes latecomers wait for the first
//! `make()`. The check inside it stops a thread that waited from making the settings again. The
//! check before it spares every later call the lock.
//!
//! `@functools.cache` on a function of no arguments looks like the same thing. But Python's docs
//! (https://docs.python.org/3/library/functools.html#functools.cache) warn that the function may be
//! called more than once if another thread calls it before the first call is done.
//!
//! `OnceLock` is that twice-checked lock, done once and right. Its first check is one atomic load
//! (an `Acquire` load in std today, chapter 11). So a thread that finds the cell full also sees the
//! finished value. The latecomers wait inside `get_or_init`, with no lock of your own.
//!
//! `std::sync::LazyLock` is the same with the initialiser given where the value is declared, like
//! Python's module-level value made on first use:
//! `static SETTINGS: LazyLock<Settings> = LazyLock::new(...)`. The two differ when the initialiser
//! panics. A `OnceLock` stays empty and lets the next caller try (see Try this). A `LazyLock` is
//! poisoned, and every later access panics too (std's docs for `LazyLock::force`).
//!
//! ## If it differs
//! - `Thread [..]: initialising the settings (call 2 of the initialiser)` came: the settings were
//!   made again. Threads that found the cell empty each made their own (a look with `get()`, then
//!   `set()`, and no lock between), or the first initialiser panicked and another thread tried
//!   again.
//! - `Thread [..]: got the settings made by call 1` came at another time: a thread got the settings
//!   before or after the one initialiser finished. It did not wait for it.
//! - `Main    : the initialiser ran 1 time[..]` is missing: the settings were made more than once,
//!   or never.
//!
//! ## Try this
//! - In `chapters/ch18_once/src/lib.rs`, replace `settings.get_or_init(...)` in `ask` with a look
//!   and a set: `match settings.get() { Some(s) => s, None => { let _ = settings.set(make(calls,
//!   asker, work)); settings.get().unwrap() } }`. All four threads find the cell empty, four
//!   initialising lines come, and `cargo xtask run ch18` says the settings were made four times.
//!   All threads still got the one value that was `set` first.
//!   (`cargo xtask play ch18-look-and-set` lets you choose the schedule that does it.)
//! - Run `cargo run -p ch18_once -- --threads 8`: still one `initialising` line.
//! - Make the first call fail at the end of its second of work: put
//!   `assert!(call != 1, "no settings file")` after `work()` in `make`
//!   (`chapters/ch18_once/src/lib.rs`). The thread that made call 1 panics at 00:00:01, while the
//!   other three wait in `get_or_init`. The cell stays empty, and one of them runs the initialiser
//!   again (call 2, at 00:00:01). The other two get its settings at 00:00:02. A failed
//!   initialisation is not a finished one. `main` then stops at the panicked thread's `join`.
#![forbid(unsafe_code)]

use common::sync::OnceLock;
use common::sync::atomic::{AtomicUsize, Ordering};
use common::sync::thread;
use std::time::Duration;

use ch18_once::{Settings, ask, make};
use log::info;

/// How long making the settings takes.
const MAKING: Duration = Duration::from_secs(1);

fn main() {
    let lesson = common::Flags::new()
        .opt(
            "threads",
            "N",
            "how many threads ask for the settings at once (default 4)",
        )
        .start();
    let threads: usize = lesson.value("threads", 4);

    let settings: OnceLock<Settings> = OnceLock::new();
    let calls = AtomicUsize::new(0);
    info!(
        "Main    : {threads} threads ask for the settings at once; making them takes {} s",
        MAKING.as_secs()
    );
    let got: Vec<&Settings> = thread::scope(|s| {
        let askers: Vec<_> = (0..threads)
            .map(|t| {
                let (settings, calls) = (&settings, &calls);
                s.spawn(move || {
                    info!("Thread {t}: asks for the settings");
                    let got = ask(settings, calls, t, || common::sleep(MAKING));
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

    let ran = calls.load(Ordering::Relaxed);
    let times = if ran == 1 { "time" } else { "times" };
    let one_value = got.iter().all(|g| std::ptr::eq(*g, got[0]));
    info!(
        "Main    : the initialiser ran {ran} {times} for {threads} threads; they got {}",
        if one_value {
            "one and the same value"
        } else {
            "different values"
        }
    );
    // A last ask that would initialise if the cell were empty: it must not.
    let again = settings.get_or_init(|| make(&calls, threads, || common::sleep(MAKING)));
    let ran = calls.load(Ordering::Relaxed);
    let times = if ran == 1 { "time" } else { "times" };
    info!(
        "Main    : asks again: gets the settings made by call {}; the initialiser still ran {ran} \
         {times}",
        again.call
    );
}
