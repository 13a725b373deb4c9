//! # Atomics: a counter without a lock
//!
//! Chapter 4's counter, with four threads adding one to it 100,000 times each. First the
//! chapter 4 way, an atomic load and an atomic store with a gap between: additions are lost.
//! Then `fetch_add`, which reads, adds and writes in one indivisible step: none is lost, with
//! no lock. The counter needs only `Ordering::Relaxed`; a flag that hands data to another
//! thread needs `Release` on its store and `Acquire` on its load, and the second part shows one.
//!
//! Why `Relaxed` is enough for the counter: every atomic has one order of changes that all
//! threads agree on, and a `fetch_add` is one step in it, whatever the ordering; the ordering
//! only says what *other* memory a thread sees, and the counter needs none. `main` reads the total
//! after `join`, and `join` makes everything the thread did happen before what follows it, so
//! even a `Relaxed` load sees all 400000. A flag is different: it speaks for other data. With
//! `Relaxed`, a thread can see the flag up and still read the old data: nothing orders the two
//! stores for another thread. A `Release` store of the flag, read by an `Acquire` load, makes
//! every write before the store visible after the load. A run hardly ever shows the difference.
//! On x86 loads and stores already behave as acquire and release in hardware, so only the
//! compiler could reorder the `Relaxed` accesses: with both made `Relaxed`, 20 of 20 runs here
//! (x86-64, `./target/debug/ch11_atomics --clock lesson --speed 50` in a loop) read 500500. ARM
//! hardware may reorder them, but here the sum is stored a second before `main`, polling every
//! millisecond, could look, so a run there would rarely catch it either. loom shows it on any
//! machine: `proofs/tests/loom_ch11.rs` finds a schedule in which a `Relaxed` flag hands over a
//! 0.
//!
//! ## What to look for
//! `Load, add, store` ends short of 400000, and says how many additions it lost; `fetch_add` ends
//! at exactly 400000, 0 lost. Both are computed from the counter. What makes the loss certain is a
//! `Barrier` in the gap of each thread's first addition: all four load 0 before any stores, and
//! all four then store 1. The counter ends at some V, stored as one more than a value loaded, that
//! value likewise, back to the 0 it began at: a chain of V stores, and only one of them stored 1,
//! so at most one of the four first additions counts. At least three are lost, on any machine,
//! idle or busy, and the log says so only when the count shows it. How many more are lost is
//! up to the timing: in 20 runs on this shared 2-core machine (load 16;
//! `./target/debug/ch11_atomics --clock lesson --speed 50` in a loop) the counter ended at
//! 100000 twice, and between 102595 and 264832 in the others. Without the barrier it ended at
//! 400000, nothing lost, in 14 of 20 runs (load 16), and between 143547 and 333136 in the other
//! 6: the race was always there; the timing mostly hid it.
//!
//! In part 2, Worker adds up 1 to 1000 (nanoseconds of work), works a second more (a sleep),
//! stores the sum, then raises a flag with `Release`; `main` polls the flag with `Acquire` and
//! reads the sum at 00:00:01, without a `join`.
//!
//! ## Python original
//! Real Python's `FakeDatabase` again; Python has no atomic integer.
//! "Race Conditions" in Real Python's "An Intro to Threading in Python"
//! (https://realpython.com/intro-to-python-threading/; its code is `racecond.py` in
//! https://github.com/realpython/materials, folder `intro-to-threading`) loses an update and
//! fixes it with a `threading.Lock`. Its `FakeDatabase.update` copies the value, sleeps 0.1 s,
//! then writes the copy plus one back: the sleep, like this chapter's barrier, holds every thread
//! in the gap. Without it the global interpreter lock mostly hides the race: CPython hands the
//! lock to another thread only at certain points between bytecodes, and on CPython 3.11 here a
//! bare `counter += 1`, 100,000 times in each of 4 threads, lost nothing in 20 of 20 runs. The
//! free-threaded build (3.13t, PEP 703) can run without that lock. The standard library has no
//! atomic integer, so the Python fix is a lock.
//!
//! ## If it differs
//! - `Load, add, store: additions lost: none[..]` came: no addition was lost: the load and the
//!   store became one step (a `fetch_add`, or a lock held across both), or the barrier no longer
//!   holds every thread between its first load and its first store.
//! - `Load, add, store: additions lost: only [..]` came: fewer than three were lost: the barrier
//!   no longer holds every thread's first addition between its load and its store.
//! - `fetch_add (Relaxed): ends at 400000: 0 of 400000 additions lost` is missing: additions
//!   were lost without the gap: the add is no longer one `fetch_add`.
//! - `Main    : saw ready (Acquire); the sum reads 0[..]` came: `main` read the data before the
//!   worker stored it: it did not wait for the flag.
//! - `Main    : saw ready (Acquire); the sum reads [..]` came at another time: `main` read the
//!   data without waiting for the worker's second of work: the flag loop is gone, or the flag is
//!   raised before the work.
//!
//! ## Try this
//! - In `chapters/ch11_atomics/src/main.rs`, take out the `first_loads.wait()`, and run
//!   `cargo xtask run ch11 --repeat 10`: the race now often loses nothing, and the check fails
//!   with `additions lost: none`. A race condition depends on timing.
//! - In `chapters/ch11_atomics/src/main.rs`, publish with `Ordering::Relaxed` and receive with
//!   `Ordering::Relaxed`: on x86 the run still passes, which is how such a bug survives testing.
//!   `cargo xtask prove` runs `proofs/tests/loom_ch11.rs`, where loom finds the schedule in
//!   which a `Relaxed` flag hands over a 0, and none with `Release` and `Acquire`.
//! - In `chapters/ch11_atomics/src/lib.rs`, make `Mailbox::receive` read the data without the
//!   `while` loop: `main` now reads 0 at 00:00:00, and `cargo xtask run ch11` says so.
#![forbid(unsafe_code)]

use common::sync::atomic::Ordering;
use common::sync::thread;
use common::sync::{Arc, Barrier};
use std::time::Duration;

use ch11_atomics::{Counter, Mailbox};
use log::info;

const THREADS: u64 = 4;
const ADDS: u64 = 100_000;
/// How long the worker of part 2 works before it publishes.
const WORK: Duration = Duration::from_secs(1);
/// How long `main` idles between looks at the flag.
const POLL: Duration = Duration::from_millis(1);

/// `THREADS` threads each call `add` `ADDS` times, with the index of the addition.
fn count(add: impl Fn(&Counter, u64) + Send + Sync + 'static) -> u64 {
    let counter = Arc::new(Counter::new());
    let add = Arc::new(add);
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let (counter, add) = (Arc::clone(&counter), Arc::clone(&add));
            thread::spawn(move || (0..ADDS).for_each(|i| add(&counter, i)))
        })
        .collect();
    for t in threads {
        t.join().expect("a counting thread panicked");
    }
    // After the joins: every addition happened before this load.
    counter.value()
}

fn main() {
    common::start();
    let total = THREADS * ADDS;
    info!("Main    : 1. {THREADS} threads add 1 to a counter {ADDS} times each: {total} additions");

    // Every thread's first addition waits in its gap until all have loaded: they all load 0.
    let first_loads = Arc::new(Barrier::new(THREADS as usize));
    let ended = count(move |c, i| {
        c.add_load_store(|| {
            if i == 0 {
                first_loads.wait();
            }
        })
    });
    let lost = total - ended;
    info!("Load, add, store: ends at {ended}: {lost} of {total} additions lost");
    // The barrier makes THREADS - 1 losses certain: the first additions all store 1.
    let certain = THREADS - 1;
    info!(
        "Load, add, store: additions lost: {}",
        if lost >= certain {
            format!("yes, at least {certain}: the {THREADS} first additions all loaded 0")
        } else if lost > 0 {
            format!("only {lost}, fewer than the {certain} the barrier makes certain")
        } else {
            "none, every store came after the other threads' stores it needed".to_string()
        }
    );

    let ended = count(|c, _| c.add_fetch());
    let lost = total - ended;
    info!("fetch_add (Relaxed): ends at {ended}: {lost} of {total} additions lost");

    info!("Main    : 2. Worker publishes a sum: stores it, then raises ready (Release)");
    let mailbox = Arc::new(Mailbox::new());
    let worker = {
        let mailbox = Arc::clone(&mailbox);
        thread::spawn(move || {
            info!(
                "Worker  : adds up 1 to 1000, then works {} s more (a sleep) before it publishes",
                WORK.as_secs()
            );
            let sum = (1..=1000).sum();
            common::sleep(WORK);
            mailbox.publish(sum, Ordering::Release);
            info!("Worker  : stored the sum, {sum}, then raised ready");
        })
    };
    // No join before the read: the flag alone must make the sum visible.
    let sum = mailbox.receive(Ordering::Acquire, || common::sleep(POLL));
    info!("Main    : saw ready (Acquire); the sum reads {sum}");
    worker.join().expect("the worker panicked");
}
