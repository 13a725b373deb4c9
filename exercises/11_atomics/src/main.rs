//! # Exercise 11: a counter without a lock
//!
//! Chapter 11's counter, where four threads add one to it 10,000 times each, 40,000 additions.
//! `add` loads the value, then stores what it loaded plus one. Each of the two steps is atomic, but
//! another thread can store between them, and then one addition overwrites the other.
//!
//! To make that all but certain, the threads start together, and each one's first addition pauses
//! 0.5 s between its load and its store. All four load 0 before any stores (unless the machine
//! holds a thread up for the whole pause), and three of those four additions are lost.
//!
//! ## Your task
//! In `src/lib.rs`, make `Counter::add` lose nothing, however the threads interleave, so that the
//! counter ends at 40000. The addition must become one step that no other thread can get into, and
//! `gap` must still be called once in each `add`. Keep the sync types of the `use` at the top (the
//! model swaps them for its own).
//!
//! `cargo xtask check 11` runs the program, then a model of two threads adding twice each (on the
//! play runtime, as `cargo xtask play` runs them). It runs every schedule with at most 3
//! preemptions, where a preemption is the model switching away from a thread that could go on,
//! or letting a thread that has just given way with `yield_now` go on while another could run.
//! Losing an addition takes one. A schedule that loses an addition is drawn, a lane per thread,
//! each step with its line.
//!
//! ## Hint
//! An atomic has read-modify-write operations, which do the load, the change and the store as one
//! step. `fetch_add` is the one for a counter. Which `Ordering`? The counter is the only memory it
//! speaks for, and `main` reads it after `join`, which already orders everything the threads did
//! before the read. So `Relaxed` is enough. (A `Mutex<u64>` held from the read to the write is
//! right too, only heavier. Chapter 11's lesson says why a flag that hands over *other* data needs
//! `Release` and `Acquire`.)
//!
//! ## If it differs
//! - `Main    : the counter ends at 40000: 0 of 40000 additions lost` is missing: additions were
//!   lost (the line that came says how many). A thread stored a value it had loaded before another
//!   thread's store, so the load and the store are still two steps. If no such line came, a
//!   counting thread never finished, because it panicked (see the stderr above).
#![forbid(unsafe_code)]

use common::sync::thread;
use common::sync::{Arc, Barrier};
use std::time::Duration;

use ex11_atomics::Counter;
use log::info;

const THREADS: u64 = 4;
const ADDS: u64 = 10_000;
/// The pause in each thread's first addition, between its load and its store.
const GAP: Duration = Duration::from_millis(500);

fn main() {
    common::start();
    let total = THREADS * ADDS;
    info!("Main    : {THREADS} threads add 1 to a counter {ADDS} times each: {total} additions");

    let counter = Arc::new(Counter::new());
    // The threads start their additions together, so that their first ones meet in the gap.
    let start = Arc::new(Barrier::new(THREADS as usize));
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let (counter, start) = (Arc::clone(&counter), Arc::clone(&start));
            thread::spawn(move || {
                start.wait();
                for i in 0..ADDS {
                    counter.add(|| {
                        if i == 0 {
                            common::sleep(GAP);
                        }
                    });
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("a counting thread panicked");
    }
    // After the joins: every addition happened before this load.
    let ended = counter.value();
    let lost = total.saturating_sub(ended);
    info!("Main    : the counter ends at {ended}: {lost} of {total} additions lost");
}
