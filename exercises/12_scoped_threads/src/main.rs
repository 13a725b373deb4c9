//! # Exercise 12: let the threads borrow
//!
//! Chapter 12's vector, where three threads each double one third of `main`'s vector, in place,
//! working 1, 2 and 1 s. Then `main` reads the vector again. As given, it does not compile.
//! `thread::spawn` starts a thread that may outlive `main`'s `values`, so its closure must be
//! `'static`, and a `&mut` into `values` is not
//! (``error[E0597]: `values` does not live long enough``). The compiler refuses the program before
//! it can run, and that is the lesson.
//!
//! ## Your task
//! Make it compile and run, with the three threads still working at the same time on their own
//! third of the vector. Every part is doubled, and `main` goes on at 00:00:02, when the slowest
//! thread is done, and not before. The vector is changed in place, to `[2, 4, 6, 8, 10, 12]`. Work
//! in this file, where the `TODO` is, and keep the log lines. `cargo xtask check 12` builds and
//! runs it.
//!
//! ## Hint
//! `std::thread::scope(|s| { ... s.spawn(...) ... })` starts threads that cannot outlive the scope.
//! It joins every one of them before it returns, so they may borrow `main`'s data, even mutably,
//! one part each. (Giving each thread its own part to own, and getting it back from `join`, works
//! too, but is more code.) An `Rc` cannot help, since it is not `Send`.
//!
//! ## If it differs
//! - `Main    : the threads were done after [..]` came at another time: `main` went on before its
//!   slowest thread was done, or after. It did not wait for the threads, or the threads ran one
//!   after another (a `join` right after each spawn).
//! - `Thread [..]: doubled its part[..]` is missing: a thread never finished. It panicked, or
//!   `main` returned without waiting for it.
//! - `Main    : [..] main's vector is now [2, 4, 6, 8, 10, 12]` is missing: the threads doubled
//!   copies, not `main`'s vector.
#![forbid(unsafe_code)]

use common::sync::thread;
use std::time::Duration;

use log::info;

/// How long each thread works, in seconds.
const WORK: [u64; 3] = [1, 2, 1];

fn main() {
    common::start();
    let mut values: Vec<u64> = (1..=6).collect();

    info!("Main    : three threads each double a third of main's {values:?}");
    let started = common::elapsed();
    // TODO: `thread::spawn` needs a `'static` closure, and `part` borrows `values`: this does not
    // compile. Start the threads so that they may borrow `values`, and are all done before
    // `main` reads it again.
    let mut threads = Vec::new();
    for (index, part) in values.chunks_mut(2).enumerate() {
        let work = Duration::from_secs(WORK[index]);
        threads.push(thread::spawn(move || {
            info!("Thread {index}: works on {part:?} for {} s", work.as_secs());
            common::sleep(work);
            part.iter_mut().for_each(|v| *v *= 2);
            info!("Thread {index}: doubled its part: {part:?}");
        }));
    }
    for t in threads {
        t.join().expect("a thread panicked");
    }
    let took = (common::elapsed() - started).as_secs();
    info!("Main    : the threads were done after {took} s; main's vector is now {values:?}");
}
