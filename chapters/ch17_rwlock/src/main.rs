//! # Many readers or one writer
//!
//! An `RwLock`, a reader-writer lock, hands out two kinds of guard. `read()` gives a shared `&T`,
//! and many readers may hold one at once, while no writer holds the lock. `write()` gives a
//! `&mut T`, to one writer while nobody else holds the lock. Three readers that each hold the value for a second overlap behind an `RwLock`. Behind a
//! `Mutex`, which makes no difference between reading and writing, they take turns.
//!
//! Then a writer comes while a reader holds the lock, and waits, and a reader comes after the
//! writer. Letting that reader join the reader already in would be fair to it. But a lock that
//! always lets readers join can keep a writer waiting as long as readers keep overlapping. That is
//! called writer starvation. Which of the two goes first is a policy, and std leaves it to the
//! platform.
//!
//! ## What to look for
//! Behind the `RwLock`, all three readers have the lock at 00:00:00 and are done at 00:00:01.
//! Behind the `Mutex`, the same readers finish at 00:00:02, 00:00:03 and 00:00:04, one a second, so
//! they take 3 s instead of 1.
//!
//! In part 3 `main` holds a read lock. The writer asks at 00:00:04 and waits. Reader 3 asks a fifth
//! of a second later and waits as well, and `main`'s own `try_read` says `WouldBlock`. When `main`
//! lets go at 00:00:05, the writer goes first and writes 1. Only then does Reader 3 get in, and it
//! reads 1. The times are measured, and the values are read.
//!
//! ## Under the hood
//! That order is std's on Linux, where its `RwLock` is a lock of std's own (since Rust 1.62). It
//! holds new readers back as soon as a writer waits, so readers cannot keep a writer out. (A stream
//! of writers could keep readers out instead.) std's docs promise no such thing: "The priority
//! policy of the lock is dependent on the underlying operating system's implementation, and this
//! type does not guarantee that any particular policy will be used."
//!
//! Holding waiting writers first has a cost of its own. A thread that takes a read lock twice may
//! deadlock if a writer comes between the two, as std's docs warn. With that policy, it deadlocks.
//! The two threads wait in a cycle on one lock: the reader for the writer, and the writer for the
//! reader's first read lock. Chapter 7's first deadlock had one thread, which asked again for a
//! `Mutex` it already held (std says such a `lock()` will not return). This one needs the writer
//! too. `parking_lot::RwLock` documents its policy,
//! which std's does not.
//!
//! ## Python original
//! "Basic Synchronization Using Lock" in Real Python's "An Intro to Threading in Python".
//! Python's standard library has no reader-writer lock. The twin (`python/ch17_rwlock.py`) builds
//! one from a `threading.Condition`, with the same policy as std's on Linux. The article
//! (https://realpython.com/intro-to-python-threading/) guards shared data with `threading.Lock`.
//! Like a `Mutex`, it lets one thread in at a time, even when every thread only reads. A
//! reader-writer lock pays when reads are many and long, and writes are few.
//!
//! ## If it differs
//! - `Main    : the 3 readers behind the RwLock took 3 s` came: the readers took turns behind the
//!   `RwLock`. Each held it alone, as with a `Mutex` (a `write()` taken just to read does that).
//! - `Main    : the 3 readers behind the Mutex took 1 s` came: the readers behind the `Mutex`
//!   overlapped. They were not behind the `Mutex` after all (an `RwLock` read lock lets all in).
//! - `Reader 3: has the lock, reads 0` came: the late reader got in ahead of the waiting writer.
//!   This platform's `RwLock` lets readers join while a writer waits, and readers that keep coming
//!   could starve the writer.
//! - `Main    : a second read lock on main's thread gets in[..]` came: this platform's `RwLock`
//!   lets a new reader join while a writer waits. It prefers readers, and the writer waits until no
//!   reader at all holds the lock.
//!
//! ## Try this
//! - In part 1 of `chapters/ch17_rwlock/src/main.rs`, make `shared` a `Mutex`: `Mutex::new(0)`, and
//!   `shared.lock()` for `shared.read()`. The readers take turns, and `cargo xtask run ch17` says
//!   they took 3 s.
//! - In part 3, call `lock.read()` where `main` calls `lock.try_read()`. `main` waits for the
//!   writer, which waits for `main`'s first read lock. That is a deadlock of two threads on one
//!   lock, the one std's docs warn of, and the runner kills the chapter after 20 s.
#![forbid(unsafe_code)]

use common::sync::thread;
use common::sync::{Mutex, RwLock, TryLockError};
use std::time::Duration;

use ch17_rwlock::{hold_a_read_lock, late_reader, writer};
use log::info;

const READERS: usize = 3;
/// How long each reader holds the lock.
const READING: Duration = Duration::from_secs(1);
/// Time for the writer to be surely waiting before the late reader comes.
const SETTLE: Duration = Duration::from_millis(200);

/// Run `read` on three threads at once; the whole seconds until all three were done.
fn three_readers(read: impl Fn(usize) + Sync) -> u64 {
    let start = common::elapsed();
    thread::scope(|s| {
        for r in 0..READERS {
            let read = &read;
            s.spawn(move || read(r));
        }
    });
    (common::elapsed() - start).as_secs()
}

/// What a reader does with the lock held: read the value, and take a second over it.
fn reading(r: usize, value: u64) {
    info!("Reader {r}: has the lock, reads {value}");
    common::sleep(READING);
    info!("Reader {r}: done");
}

fn main() {
    common::start();

    info!("Main    : 1. three readers, one RwLock<u64>");
    let shared = RwLock::new(0);
    let took = three_readers(|r| {
        info!("Reader {r}: asks to read");
        let value = shared.read().expect("no writer panicked");
        reading(r, *value);
    });
    info!("Main    : the {READERS} readers behind the RwLock took {took} s");

    info!("Main    : 2. the same readers, one Mutex<u64>");
    let mutex = Mutex::new(0);
    let took = three_readers(|r| {
        info!("Reader {r}: asks to read");
        let value = mutex.lock().expect("no reader panicked");
        reading(r, *value);
    });
    info!("Main    : the {READERS} readers behind the Mutex took {took} s");

    info!("Main    : 3. a writer, and a reader who comes after it");
    let lock = RwLock::new(0);
    thread::scope(|s| {
        hold_a_read_lock(&lock, || {
            s.spawn(|| writer(&lock));
            common::sleep(SETTLE);
            s.spawn(|| late_reader(&lock));
            // A second read lock on this thread, tried rather than waited for (see Try this).
            let again = match lock.try_read() {
                Ok(_) => "gets in: readers may still join while a writer waits".to_string(),
                Err(TryLockError::WouldBlock) => {
                    "says WouldBlock: no new reader gets in while a writer waits".to_string()
                }
                Err(e) => format!("fails: {e}"),
            };
            info!("Main    : a second read lock on main's thread {again}");
            common::sleep(READING - SETTLE);
        });
    });
}
