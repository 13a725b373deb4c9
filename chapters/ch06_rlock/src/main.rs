//! # A lock taken twice by one thread
//!
//! The article names a design problem. `update_twice` holds the lock so that its two updates happen
//! together. It calls a helper, `add_one`, that takes the same lock, because other callers of the
//! helper do not hold it. With std's `Mutex`, the helper's second `lock()` on the same thread will
//! not return. std leaves what happens unspecified: it may deadlock or panic. So the chapter shows
//! it with `try_lock`, which does not wait and answers `WouldBlock` instead.
//!
//! Then two fixes. The first is a reentrant mutex, like Python's `RLock`, which the thread holding
//! it may lock again. The second is the Rust way: lock once, and hand the helper a `&mut u64`.
//!
//! ## What to look for
//! With the `Mutex`, `add_one` finds the lock taken by its own caller, and the value stays 1 (the
//! helper on its own worked). With the `ReentrantMutex`, `add_one` locks it again, and the value
//! ends at 2. After the helpers' guards are dropped, the log says `still locked: true`, because the
//! caller's guard lives on. Only after the caller's guard is dropped is the lock free,
//! `still locked: false`.
//!
//! That is `RLock`'s rule, release as often as you acquire, and the guards keep it. Each `lock()`
//! gives one guard, and each guard is dropped once. The Rust way needs no second lock at all.
//!
//! ## Python original
//! "Deadlock" in Real Python's "An Intro to Threading in Python": a lock taken twice, `RLock`.
//! The article (https://realpython.com/intro-to-python-threading/) names the design problem, a
//! helper called both by code that holds the lock and by code that does not. It answers with
//! `threading.RLock`, which the thread holding it may acquire again, and must release as often.
//!
//! std has no stable reentrant mutex: `std::sync::ReentrantLock` is unstable, nightly only, as of
//! Rust 1.95. So the chapter uses `parking_lot::ReentrantMutex`. Its guard gives only a shared
//! `&T`, never a `&mut T`, because two guards of one thread may be alive at once. Two live `&mut`
//! to one value would break the rule that a `&mut` is unique.
//!
//! So the value sits in a `RefCell` (the Rust Book's chapter 15). A `RefCell` lends out a `&mut`
//! for a moment, checks the loan at run time, and panics if two such loans overlap. Passing a
//! `&mut u64` instead lets the compiler prove that the helper has the value to itself while it
//! runs. A `&mut` proves exclusive access, not that a lock is held. Here it comes from the guard,
//! but an owner could lend one just as well.
//!
//! Side by side: asked without waiting, Python's `Lock` answers a second acquire with False, where
//! Rust's `try_lock` says `WouldBlock`. Python's `RLock` guards a plain int, since Python has no
//! rule against two live references that change one value, while Rust's reentrant mutex needs a
//! `RefCell` to check that rule at run time.
//!
//! ## If it differs
//! - `Main    : under update_twice, add_one's try_lock says WouldBlock[..]` is missing: the helper
//!   did not find the lock taken. `update_twice` no longer holds it while it calls the helper.
//! - `update_twice after release (still locked: true)` came: a guard was never dropped (say by
//!   `std::mem::forget`). One acquire has no release, and the lock stays locked for ever.
//!
//! ## Try this
//! - In `chapters/ch06_rlock/src/lib.rs`, end `reentrant::add_one` with
//!   `drop(value); std::mem::forget(guard);`. That guard is never dropped, and the chapter says
//!   `still locked: true` after the release. It is an `RLock` acquired more often than released,
//!   which no other thread could ever take again.
//! - In `chapters/ch06_rlock/src/lib.rs`, in `reentrant::update_twice`, hold a borrow across the
//!   helpers. Put `let borrowed = guard.borrow_mut();` before the two `add_one` calls and
//!   `drop(borrowed);` after them. The lock lets the helper in, but the `RefCell` refuses it a
//!   second `&mut` and panics. Its message says "already borrowed" ("already borrowed:
//!   BorrowMutError" on Rust 1.88, "RefCell already borrowed" on 1.95). That is the aliasing the
//!   compiler could not see, caught at run time.
#![forbid(unsafe_code)]

use common::sync::Mutex;
use std::cell::RefCell;
use std::time::Duration;

use ch06_rlock::{mutex, pass_mut, reentrant};
use log::info;

/// The gap between each helper's read and write, as in the article's update.
const GAP: Duration = Duration::from_millis(100);

fn main() {
    common::start();
    let gap = || common::sleep(GAP);

    info!("Main    : 1. std::sync::Mutex<u64>");
    let db = Mutex::new(0);
    let alone = match mutex::add_one(&db) {
        Ok(()) => "took the lock".to_string(),
        Err(why) => format!("try_lock says {why}"),
    };
    info!("Main    : add_one on its own {alone}.");
    match mutex::update_twice(&db) {
        Ok(()) => info!("Main    : under update_twice, add_one took the lock again."),
        Err(why) => info!(
            "Main    : under update_twice, add_one's try_lock says {why}: a lock() there would \
             not return: it may deadlock or panic."
        ),
    }
    info!("Main    : value is {}.", db.lock().expect("not poisoned"));

    info!("Main    : 2. parking_lot::ReentrantMutex<RefCell<u64>>, Python's RLock");
    let db = reentrant::Db::new(RefCell::new(0));
    reentrant::update_twice(&db, gap);
    info!("Main    : value is {}.", db.lock().borrow());

    info!("Main    : 3. the Rust way: lock once, pass &mut u64 to the helper");
    let db = Mutex::new(0);
    pass_mut::update_twice(&db, gap);
    info!("Main    : value is {}.", db.lock().expect("not poisoned"));
}
