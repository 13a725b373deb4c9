//! Chapter 7's lesson: two ways to wait for ever, and the fix.
//!
//! The locks are the deadlock watch's [`lab::Lock`]: a std `Mutex` that notes who holds it and
//! who waits for it, so that `main` can show the cycle. The threads really block in the mutex.
#![forbid(unsafe_code)]

use lab::Lock;
use log::info;

fn current_name() -> String {
    common::sync::thread::current()
        .name()
        .unwrap_or("a thread")
        .to_string()
}

/// The Python lesson's self-deadlock: one thread acquires one lock twice. std says a second
/// `lock()` on the thread that holds the lock will not return: it may deadlock or panic. Here
/// it blocks.
pub fn acquire_twice(l: &Lock<()>) {
    let me = current_name();
    info!("{me}: before first acquire");
    let _first = l.lock();
    info!("{me}: before second acquire");
    let _second = l.lock();
    info!("{me}: acquired lock twice");
}

/// Take `first`, `pause` (the work done under it), then take `second`; release both.
pub fn take_both(first: &Lock<()>, second: &Lock<()>, pause: impl FnOnce()) {
    let me = current_name();
    info!("{me} about to take {}", first.name());
    let a = first.lock();
    info!("{me} has {}", first.name());
    pause();
    info!("{me} about to take {}", second.name());
    let b = second.lock();
    info!("{me} has {}", second.name());
    drop((b, a));
    info!("{me} released {} and {}", second.name(), first.name());
}

/// The fix: whatever order a thread wants two locks in, it takes them in one global order, here
/// by name (`lock 1` before `lock 2`). Any one order will do, as long as every thread keeps it:
/// then no two threads can each hold what the other waits for.
pub fn take_both_in_order(a: &Lock<()>, b: &Lock<()>, pause: impl FnOnce()) {
    if a.name() <= b.name() {
        take_both(a, b, pause)
    } else {
        take_both(b, a, pause)
    }
}
