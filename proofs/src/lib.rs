//! # What Rust refuses to compile
//!
//! A run of a chapter shows one schedule of its threads. Some mistakes never get as far as a run:
//! the compiler refuses them. Each lesson below is a program that must **not** compile, checked by
//! `cargo test -p proofs --doc` (rustdoc's `compile_fail`, pinned to the error code, so it fails
//! for the right reason), followed by the fix, which must compile. The error texts are what
//! rustc 1.95 prints; the codes stay the same as compilers change.
//!
//! ## 1. Sharing a plain counter mutably between threads
//!
//! The Python race of chapter 4 starts here: two threads that both change one plain integer.
//!
//! ```compile_fail,E0499
//! let mut counter = 0;
//! std::thread::scope(|s| {
//!     s.spawn(|| counter += 1);
//!     s.spawn(|| counter += 1);
//! });
//! ```
//!
//! `error[E0499]: cannot borrow `counter` as mutable more than once at a time`. Each closure
//! needs `&mut counter`, and there can be only one `&mut` at a time: this rule is what makes a
//! data race impossible. To share a value that changes, make the change one indivisible step (an
//! atomic) or guard it with a lock:
//!
//! ```
//! use std::sync::atomic::{AtomicU32, Ordering};
//! let counter = AtomicU32::new(0);
//! std::thread::scope(|s| {
//!     s.spawn(|| counter.fetch_add(1, Ordering::Relaxed));
//!     s.spawn(|| counter.fetch_add(1, Ordering::Relaxed));
//! });
//! assert_eq!(counter.into_inner(), 2);
//! ```
//!
//! The compiler cannot see a *race condition*, though: a `load` and a later `store` are each
//! allowed, and chapter 4 loses an update with them.
//!
//! ## 2. Reaching the data in a `Mutex` without locking it
//!
//! In Python the lock and the data are two objects, and nothing stops code that forgets the lock
//! (the bank of chapter 8). A Rust `Mutex<T>` owns its data:
//!
//! ```compile_fail,E0614
//! let balance = std::sync::Mutex::new(5000);
//! *balance += 100;
//! ```
//!
//! `error[E0614]: type `std::sync::Mutex<{integer}>` cannot be dereferenced`. The only way in is
//! `lock()`, whose guard unlocks when it drops:
//!
//! ```
//! let balance = std::sync::Mutex::new(5000);
//! *balance.lock().unwrap() += 100;
//! assert_eq!(*balance.lock().unwrap(), 5100);
//! ```
//!
//! ## 3. Sending an `Rc` to another thread
//!
//! ```compile_fail,E0277
//! let shared = std::rc::Rc::new(5);
//! std::thread::spawn(move || println!("{shared}"));
//! ```
//!
//! `error[E0277]: `Rc<i32>` cannot be sent between threads safely`. `Rc` counts its owners with
//! a plain, non-atomic integer. Two threads cloning it at once would be a *data race*: two
//! unsynchronized accesses to one place, one of them a write, which is undefined behaviour (the
//! program may do anything, not only lose a count). That is not chapter 4's lost update, a *race
//! condition* made of atomic steps, each of them defined, in an unlucky order. Safe Rust rules
//! out the first, so `Rc` is not `Send`, and the compiler checks `Send` at every `spawn`. `Arc`
//! counts with an atomic (chapter 11); [`ch12`] has more of what a thread may take with it:
//!
//! ```
//! let shared = std::sync::Arc::new(5);
//! let theirs = std::sync::Arc::clone(&shared);
//! std::thread::spawn(move || assert_eq!(*theirs, 5)).join().unwrap();
//! ```
//!
//! ## 4. Changing data through a reentrant mutex guard
//!
//! A reentrant mutex (chapter 6) lets the thread that holds it lock it again, so two guards to
//! the same data can be alive at once on one thread. If either could give out `&mut`, there would
//! be two `&mut` to one value, so its guard gives only `&T`:
//!
//! ```compile_fail,E0594
//! let count = parking_lot::ReentrantMutex::new(0);
//! let guard = count.lock();
//! *guard += 1;
//! ```
//!
//! `error[E0594]: cannot assign to data in dereference of `ReentrantMutexGuard<…, i32>``. The data
//! needs a `RefCell` (or a `Cell`) inside, which checks at run time that no two borrows overlap:
//!
//! ```
//! use std::cell::RefCell;
//! let count = parking_lot::ReentrantMutex::new(RefCell::new(0));
//! let outer = count.lock();
//! let inner = count.lock(); // the same thread again: fine, it is reentrant
//! *inner.borrow_mut() += 1;
//! drop(inner);
//! assert_eq!(*outer.borrow(), 1);
//! ```
#![forbid(unsafe_code)]

pub mod ch12;
