//! # Atomics: a counter without a lock
//!
//! An atomic is a value that threads may share and change without a lock, one indivisible step at a
//! time, like chapter 4's `AtomicU64`. Here four threads add one to chapter 4's counter 100,000
//! times each. First they do it the chapter 4 way, an atomic load and an atomic store with a gap
//! between, and additions are lost. Then they use `fetch_add`, which reads, adds and writes in one
//! indivisible step, and none is lost, with no lock.
//!
//! Every atomic access names an ordering. `Relaxed`, `Acquire` and `Release` say what *other*
//! memory a thread sees along with the atomic's value. `SeqCst` also puts every `SeqCst` access,
//! on any atomic, in one order that all threads agree on. The rule for the two uses here is short.
//!
//! - A counter that speaks for no other data needs only `Ordering::Relaxed`.
//! - A flag that hands data to another thread needs at least `Release` on its store and `Acquire`
//!   on its load. The second part of the chapter shows one.
//!
//! ## What to look for
//! `Load, add, store` ends short of 400000, and says how many additions it lost. `fetch_add` ends
//! at exactly 400000, with 0 lost. Both figures are computed from the counter.
//!
//! A `Barrier` (chapter 16) in the gap of each thread's first addition makes the loss certain. All
//! four threads load 0 before any of them stores, and then all four store 1. Each thread hands back
//! what its first load returned, and the log prints the four values, `0, 0, 0, 0`. At least three
//! additions are then lost, on any machine, idle or busy. That rests on std's `Barrier` as it is
//! built today, which orders every thread's first load before the others' stores (chapter 16). The
//! log says so only when the four first loads returned 0 and the count shows it.
//!
//! In part 2, Worker adds up 1 to 1000 (nanoseconds of work), works a second more (a sleep), and
//! stores the sum. Then it raises a flag with `Release`. `main` polls the flag with `Acquire`, and
//! reads the sum at 00:00:01, without a `join`. The orderings in the log are the very values the
//! two calls were passed (their `{:?}`), so a changed ordering changes the log.
//!
//! ## Why Relaxed is enough for the counter
//! Every atomic has one order of changes that all threads agree on. A `fetch_add` is one step in
//! that order, whatever its ordering. No ordering changes that order. The counter speaks for no
//! other memory, so it needs no more than `Relaxed`.
//!
//! `main` reads the total after `join`. A `join` makes everything the thread did *happen before*
//! what follows it, so the code after the `join` sees all the thread wrote. So even a `Relaxed`
//! load sees all 400000. Chapter 4's `main` read its value after `pool.join()`. threadpool's docs
//! promise only that `join` waits for the jobs. As the crate is written today, its own atomics and
//! lock also order the workers' writes before that read.
//!
//! ## Why a flag needs Release and Acquire
//! A flag is different, because it speaks for other data. With `Relaxed`, a thread can see the flag
//! up and still read the old data, since nothing orders the two stores for another thread. A
//! `Release` store of the flag, read by an `Acquire` load, makes every write before the store
//! visible after the load.
//!
//! ## Why a run may not show it
//! A run hardly ever shows the difference. On x86, loads and stores already behave as acquire and
//! release in the hardware, so only the compiler could reorder the `Relaxed` accesses. With both
//! made `Relaxed`, 20 of 20 runs here read 500500 (x86-64,
//! `./target/debug/ch11_atomics --clock lesson --speed 50` in a loop).
//!
//! ARM hardware may reorder them, but a run there would rarely catch it either. The sum is computed
//! a second early, yet stored only after the sleep, right before the flag. So the two stores are
//! nanoseconds apart, and `main`, polling every millisecond, almost never looks between them.
//!
//! loom shows it on any machine. loom is a tool that runs a test many times, trying each order of
//! its threads' steps that could change the outcome (every one, unless the test bounds the search).
//! It also lets a `Relaxed` load return an older value where the memory model allows it (in most
//! such cases, not all). `cargo xtask prove` runs `proofs/tests/loom_ch11.rs`, which finds a
//! schedule in which a `Relaxed` flag hands over a 0. It models the lesson's own orderings,
//! `FLAG_STORE` and `FLAG_LOAD` in `chapters/ch11_atomics/src/lib.rs`, which `main` passes and
//! prints.
//!
//! ## Why three losses are certain
//! Each store writes one more than a value a load returned. The counter ends at some V, stored as
//! one more than V - 1, which was stored as one more than V - 2, and so on back to the 0 it began
//! at. That is a chain of V stores, and only one of them stored 1. The four first additions all
//! stored 1, so at most one of them counts, and at least three are lost.
//!
//! How many more are lost is up to the timing. In 20 runs on this shared 2-core machine (load 2.6;
//! `./target/debug/ch11_atomics --clock lesson --speed 50` in a loop), the four first loads
//! returned 0 every time. The counter ended at 100000 twice, and between 77369 and 311551 in the
//! others. It can end below 100000 too, since a thread that loaded long ago can overwrite many
//! additions at once.
//!
//! Without the barrier, in 20 runs (load 2.5), the first loads never all returned 0. One thread's
//! first load returned 0, and the others' what had been added by then (`0, 16567, 18587, 39155`,
//! say). Additions were lost in all 20, the counter ending between 133982 and 358856, but by the
//! timing alone, which nothing holds. The race is always there, and the timing decides what it
//! shows.
//!
//! ## A flag as a lock
//! A flag can also be a lock, and the same gap opens there. `FlagLock` in
//! `chapters/ch11_atomics/src/lib.rs` is the lock of "Boolean Flags Are Enough For Everyone". That
//! is the first level of the "Unsynchronized Code" part of The Deadlock Empire
//! (https://deadlockempire.github.io), a game in the browser where you play the scheduler against
//! flawed C# code. This run does not use it.
//!
//! A thread waits for the flag to be down, then raises it and goes in. Taken with a `load` and then
//! a `store`, two threads can both find the flag down before either raises it, and both go in.
//! Taken with `compare_exchange(false, true)`, the look and the raise are one step, and only one
//! thread can win it. While the flag is up, a thread looks again and again (it spins). It gives way
//! between looks with `thread::yield_now`, which tells the OS it may run another thread; it is a
//! hint, and the OS may run the same thread again at once.
//!
//! ## In the code
//! `count` takes the addition as a closure,
//! `add: impl Fn(&Counter, u64) -> u64 + Send + Sync + 'static`. `impl Fn(...)` means any closure
//! that can be called with those arguments (the Rust Book's chapter 13). `Send + Sync + 'static`
//! are chapter 12's bounds. They say the closure may go to threads that outlive `count`, and be
//! shared by them, as each thread holds it through an `Arc`.
//!
//! ## Python original
//! Real Python's `FakeDatabase` again; Python has no atomic integer.
//! "Race Conditions" in Real Python's "An Intro to Threading in Python"
//! (https://realpython.com/intro-to-python-threading/; its code is `racecond.py` in
//! https://github.com/realpython/materials, folder `intro-to-threading`) loses an update and fixes
//! it with a `threading.Lock`. Its `FakeDatabase.update` copies the value, sleeps 0.1 s, then
//! writes the copy plus one back. The sleep, like this chapter's barrier, holds every thread in the
//! gap.
//!
//! Without the sleep, the global interpreter lock mostly hides the race. CPython hands that lock to
//! another thread only at certain points between bytecodes. On CPython 3.11 here, a bare
//! `counter += 1`, 100,000 times in each of 4 threads, lost nothing in 20 of 20 runs. The
//! free-threaded build (3.13t, PEP 703) can run without that lock. The standard library has no
//! atomic integer, so the Python fix is a lock.
//!
//! ## If it differs
//! - `Load, add, store: the first loads of threads 0 to 3 returned [..]` came: the four first loads
//!   did not all return 0. A thread stored before another had made its first load, so the barrier
//!   no longer holds every thread between its first load and its first store (its `wait()` is gone,
//!   or it waits elsewhere).
//! - `Load, add, store: additions lost: none[..]` came: no addition was lost. The load and the
//!   store became one step (a `fetch_add`, or a lock held across both), or the barrier no longer
//!   holds every thread between its first load and its first store.
//! - `Load, add, store: additions lost: [..], but the first[..]` came: additions were lost, but by
//!   the timing alone. Without the four first loads of 0 that the barrier makes, nothing makes
//!   three losses certain.
//! - `Load, add, store: additions lost: only [..]` came: fewer than three were lost, though the
//!   four first loads returned 0. The counter's stores did not all build on a value loaded.
//! - `fetch_add (Relaxed): ends at 400000: 0 of 400000 additions lost` is missing: additions were
//!   lost without the gap. The add is no longer one `fetch_add`.
//! - `Main    : 2. Worker publishes a sum: stores it, then raises ready ([..])` came: the flag is
//!   stored with another ordering than `Release` (`FLAG_STORE`). With `Relaxed` the run still reads
//!   500500 on x86, where the hardware keeps the two stores in order, but nothing in Rust's memory
//!   model does. `cargo xtask prove` finds the schedule that reads 0.
//! - `Main    : saw ready ([..]); the sum reads [..]` came: the flag is loaded with another
//!   ordering than `Acquire` (`FLAG_LOAD`), or `main` read the data before the worker stored it
//!   (the sum reads 0). A `Relaxed` load still reads 500500 in a run on x86. Only the model
//!   (`proofs/tests/loom_ch11.rs`) shows the 0 it may read.
//! - `Main    : saw ready (Acquire); the sum reads [..]` came at another time: `main` read the data
//!   without waiting for the worker's second of work. The flag loop is gone, or the flag is raised
//!   before the work.
//!
//! ## Try this
//! - In `chapters/ch11_atomics/src/main.rs`, take out the `first_loads.wait()`, and run
//!   `cargo xtask run ch11 --repeat 10`. The first loads no longer all return 0, and every run
//!   fails, though additions may still be lost. A race condition depends on timing; the barrier
//!   made the loss certain.
//! - In `chapters/ch11_atomics/src/lib.rs`, make `FLAG_STORE` or `FLAG_LOAD` `Ordering::Relaxed`.
//!   On x86 the sum still reads 500500, which is how such a bug survives testing. The log names the
//!   ordering, so `cargo xtask run ch11` fails. `cargo xtask prove` runs
//!   `proofs/tests/loom_ch11.rs`, where loom models the lesson's own orderings and finds the
//!   schedule in which the flag hands over a 0.
//! - In `chapters/ch11_atomics/src/lib.rs`, make `Mailbox::receive` read the data without the
//!   `while` loop. `main` now reads 0 at 00:00:00, and `cargo xtask run ch11` says so.
//! - Run `cargo xtask play ch11-flag`, and choose the threads' steps until both are inside the
//!   lock made of a flag. Then run `cargo xtask play ch11-flag-exchange`, the same lock taken
//!   with `compare_exchange`. There, no schedule the model runs lets both in: it runs every
//!   schedule with at most 8 preemptions, and says so. (A thread that spins may look again
//!   without end, so every schedule is more than any search can run.)
#![forbid(unsafe_code)]

use common::sync::thread;
use common::sync::{Arc, Barrier};
use std::time::Duration;

use ch11_atomics::{Counter, FLAG_LOAD, FLAG_STORE, Mailbox};
use log::info;

const THREADS: u64 = 4;
const ADDS: u64 = 100_000;
/// How long the worker of part 2 works before it publishes.
const WORK: Duration = Duration::from_secs(1);
/// How long `main` idles between looks at the flag.
const POLL: Duration = Duration::from_millis(1);

/// `THREADS` threads each call `add` `ADDS` times, with the index of the addition; `add`
/// returns the value it read. The counter's value after the joins, and what each thread's
/// first addition read, in the threads' order.
fn count(add: impl Fn(&Counter, u64) -> u64 + Send + Sync + 'static) -> (u64, Vec<u64>) {
    let counter = Arc::new(Counter::new());
    let add = Arc::new(add);
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let (counter, add) = (Arc::clone(&counter), Arc::clone(&add));
            thread::spawn(move || {
                let first = add(&counter, 0);
                (1..ADDS).for_each(|i| {
                    add(&counter, i);
                });
                first
            })
        })
        .collect();
    let firsts = threads
        .into_iter()
        .map(|t| t.join().expect("a counting thread panicked"))
        .collect();
    // After the joins: every addition happened before this load.
    (counter.value(), firsts)
}

fn main() {
    common::start();
    let total = THREADS * ADDS;
    info!("Main    : 1. {THREADS} threads add 1 to a counter {ADDS} times each: {total} additions");

    // Every thread's first addition waits in its gap until all have loaded: they all load 0.
    let first_loads = Arc::new(Barrier::new(THREADS as usize));
    let (ended, firsts) = count(move |c, i| {
        c.add_load_store(|| {
            if i == 0 {
                first_loads.wait();
            }
        })
    });
    let lost = total - ended;
    info!("Load, add, store: ends at {ended}: {lost} of {total} additions lost");
    let list: Vec<String> = firsts.iter().map(u64::to_string).collect();
    info!(
        "Load, add, store: the first loads of threads 0 to {} returned {}",
        THREADS - 1,
        list.join(", ")
    );
    // If every first load returned 0, every first addition stored 1, and the counter's chain of
    // stores back to 0 holds only one of them: THREADS - 1 losses are certain.
    let all_zero = firsts.iter().all(|&first| first == 0);
    let certain = THREADS - 1;
    info!(
        "Load, add, store: additions lost: {}",
        match (lost, all_zero) {
            (0, _) =>
                "none, every store came after the other threads' stores it needed".to_string(),
            (_, true) if lost >= certain => {
                format!("yes, at least {certain}: the {THREADS} first additions all loaded 0")
            }
            (_, true) => format!("only {lost}, though the {THREADS} first additions all loaded 0"),
            (_, false) => format!("{lost}, but the first additions did not all load 0"),
        }
    );

    let (ended, _) = count(|c, _| c.add_fetch());
    let lost = total - ended;
    info!("fetch_add (Relaxed): ends at {ended}: {lost} of {total} additions lost");

    // The orderings the flag is stored and loaded with: the very values passed, and printed.
    let (store, load) = (FLAG_STORE, FLAG_LOAD);
    info!("Main    : 2. Worker publishes a sum: stores it, then raises ready ({store:?})");
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
            mailbox.publish(sum, store);
            info!("Worker  : stored the sum, {sum}, then raised ready ({store:?})");
        })
    };
    // No join before the read: the flag alone must make the sum visible.
    let sum = mailbox.receive(load, || common::sleep(POLL));
    info!("Main    : saw ready ({load:?}); the sum reads {sum}");
    worker.join().expect("the worker panicked");
}
