//! # Scoped threads, and what a thread may take with it
//!
//! `thread::spawn` starts a thread that may outlive the function that started it. So its closure
//! must be `'static`: it may borrow nothing that function owns. `thread::scope` starts threads that
//! cannot outlive the scope, because the scope joins every one of them before it returns. So scoped
//! threads may borrow `main`'s data, even mutably, one part each, with no `Arc` and no lock. Where
//! threads must outlive their starter, `move` and an `Arc` make each thread one of the data's
//! owners instead.
//!
//! Two more rules hold for every thread, scoped or not. They are traits, marks that the compiler
//! checks on a type (the Rust Book teaches traits in its chapter 10).
//!
//! - `Send`: a value of the type may move to another thread. Most types are `Send`, but an `Rc`
//!   (below) and a `MutexGuard`, the guard `lock()` returns (chapter 5), are not.
//! - `Sync`: a `&T` may be shared with another thread. std defines `T` as `Sync` exactly when `&T`
//!   is `Send`.
//!
//! A closure passed to either kind of `spawn` must be `Send`. A closure that holds a `&T` is `Send`
//! only when `T` is `Sync`. A scope lifts `'static`, but never `Send` or `Sync`.
//!
//! ## What to look for
//! The three scoped threads borrow main's vector as `&mut`, a third each, and work 1, 2 and 1 s. (A
//! `&mut [u64]` may go to another thread, since `u64` is `Send`.) `the scope returned after 2 s`
//! comes at 00:00:02, when its slowest thread ended, not before. Then the vector is main's again,
//! changed in place.
//!
//! Part 2 hands the same vector to two `thread::spawn` threads in an `Arc`. Each thread owns a
//! clone, moved into its closure, so there are `3 owners` while they run and `1 owner` after the
//! joins. Both counts are read from `Arc::strong_count`. The `Arc` may go to those threads because
//! `Vec<u64>` is `Send` and `Sync`.
//!
//! What does not compile is the other half of the lesson. `proofs/src/ch12.rs` holds the programs
//! Rust refuses, each with the fix that compiles. They are a borrow with `thread::spawn` (E0373), a
//! `move` of a borrow (E0521), an `Rc` shared between threads (E0277), a `MutexGuard` sent to
//! another thread (E0277), and a `Cell` shared by scoped threads (E0277).
//!
//! ## Send and Sync in std's types
//! The refused programs use two std types that are not `Sync`.
//!
//! - A `Cell<T>` lets code change its value through a shared `&`, with `get` and `set`, and no
//!   lock. Two threads sharing one could both change it, with nothing to order the changes. That is
//!   a data race (chapter 4), so `Cell` is not `Sync`. One thread may still own it and send it to
//!   another, so `Cell<u64>` is `Send`.
//! - An `Rc<T>` is chapter 4's `Arc` without the atomics. It is a pointer with many owners, and its
//!   count of owners is a plain integer. Owners on two threads could change the count with nothing
//!   to order the changes. That is a data race, so `Rc` is neither `Send` nor `Sync`.
//!
//! When threads must change what they share, the usual shape is `Arc<Mutex<T>>`. The `Arc` gives
//! each thread an owner (inside a scope, a plain `&Mutex<T>` does). The `Mutex` lets one thread at
//! a time reach the `T`.
//!
//! `Mutex<T>` is `Sync` when `T` is only `Send`. Through a shared `&Mutex<T>`, only the thread that
//! holds the lock reaches the `T`, one thread at a time. That is like handing the `T` from thread
//! to thread, so the `T` need only be safe to send. `Arc<T>` is `Send` and `Sync` only when `T` is
//! both. So an `Arc<Cell<u64>>` is neither, and an `Arc<Mutex<Cell<u64>>>` is both.
//!
//! ## Python original
//! `threading.Thread(args=(data,))`: any Python thread may touch any object; nothing checks it.
//! Real Python's "An Intro to Threading in Python"
//! (https://realpython.com/intro-to-python-threading/) passes shared objects to its threads freely,
//! the `FakeDatabase` among them. Python objects are shared by reference, and whether two threads
//! may change one at once is left to the programmer. CPython keeps its own reference counts safe
//! for you. Rust's `Rc` has no such guard, so the compiler keeps it on one thread. The nearest
//! Python has to a scope is the `with ThreadPoolExecutor() as executor:` block of chapter 3, whose
//! end waits for its jobs. It waits, but it checks no borrow.
//!
//! ## If it differs
//! - `Main    : the scope returned after [..]` came: the scope returned at another time than
//!   its slowest thread's end. The threads' work changed, or the machine held them up. A
//!   scope cannot return before its threads, because it joins every one.
//! - `Thread [..]: doubled its part[..]` is missing: a scoped thread never finished, because it
//!   panicked. The scope still waited for the others, then panicked in `main` ("a scoped thread
//!   panicked").
//! - `Main    : [..] owners of the Arc while the threads run` came: the count of owners differs. A
//!   thread ended before `main` counted (the machine held `main` up for a second), or the threads
//!   got the vector another way than one `Arc` clone each.
//!
//! ## Try this
//! - In `chapters/ch12_scoped_threads/src/main.rs`, replace the scope's `s.spawn` with
//!   `thread::spawn`. `cargo build -p ch12_scoped_threads` refuses it
//!   (``error[E0597]: `values` does not live long enough``), since such a thread could outlive
//!   `values`. `cargo test -p proofs --doc ch12` runs the refused programs of `proofs/src/ch12.rs`.
//! - Make Thread 1 panic before it doubles its part. The scope waits for Threads 0 and 2, then
//!   panics in `main`, and `cargo xtask run ch12` shows the panic and the lines that never came.
//! - In part 2, write `Rc` for `Arc` (`use std::rc::Rc;`). `Rc<Vec<u64>>` cannot be sent between
//!   threads safely (`error[E0277]`).
//! - In part 1, have the scoped threads count themselves done in a `Cell` they share. Put
//!   `let done = std::cell::Cell::new(0);` before the scope, `let done = &done;` before `s.spawn`,
//!   and `done.set(done.get() + 1);` after the doubling. `cargo build -p ch12_scoped_threads`
//!   refuses it with ``error[E0277]: `Cell<i32>` cannot be shared between threads safely``. Make it
//!   `std::sync::Mutex::new(0)` and `*done.lock().unwrap() += 1;`, and it builds, because
//!   `Mutex<i32>` is `Sync` when `i32` is `Send`.
#![forbid(unsafe_code)]

use common::sync::Arc;
use common::sync::thread::{self, JoinHandle};
use std::time::Duration;

use log::info;

/// Start a thread that works a second, then logs `what` of the shared vector, from `job`.
fn reader(
    name: &str,
    what: &str,
    shared: &Arc<Vec<u64>>,
    job: fn(&[u64]) -> u64,
) -> JoinHandle<()> {
    // The thread gets owned things only: its own `Arc` and its own copies of the names.
    let (mine, name, what) = (Arc::clone(shared), name.to_string(), what.to_string());
    // `move`: the thread owns them; its `Arc` drops when the thread ends.
    thread::spawn(move || {
        common::sleep(Duration::from_secs(1));
        info!(
            "Thread {name}: {what} of the shared vector is {}",
            job(&mine)
        );
    })
}

/// How long each scoped thread works, in seconds.
const WORK: [u64; 3] = [1, 2, 1];

fn main() {
    common::start();
    let mut values: Vec<u64> = (1..=6).collect();

    info!("Main    : 1. thread::scope: three threads borrow main's {values:?}, a third each");
    let started = common::elapsed();
    thread::scope(|s| {
        for (index, part) in values.chunks_mut(2).enumerate() {
            let work = Duration::from_secs(WORK[index]);
            // `part` is a `&mut [u64]` into main's vector: disjoint from the other threads' parts,
            // so no lock is needed, and alive only as long as the scope.
            s.spawn(move || {
                info!(
                    "Thread {index}: borrowed {part:?} mutably; works {} s",
                    work.as_secs()
                );
                common::sleep(work);
                part.iter_mut().for_each(|v| *v *= 2);
                info!("Thread {index}: doubled its part: {part:?}");
            });
        }
    }); // Every thread of the scope is joined here.
    let took = (common::elapsed() - started).as_secs();
    info!(
        "Main    : the scope returned after {took} s, when its last thread ended; the vector is \
         main's again: {values:?}"
    );

    info!("Main    : 2. thread::spawn: each thread must own what it uses, here a clone of an Arc");
    let shared = Arc::new(values);
    let threads = [
        reader("A", "the sum", &shared, |v| v.iter().sum()),
        reader("B", "the largest", &shared, |v| {
            v.iter().copied().max().unwrap_or(0)
        }),
    ];
    info!(
        "Main    : {} owners of the Arc while the threads run",
        Arc::strong_count(&shared)
    );
    for t in threads {
        t.join().expect("a thread panicked");
    }
    info!(
        "Main    : joined both: {} owner of the Arc left, main",
        Arc::strong_count(&shared)
    );
}
