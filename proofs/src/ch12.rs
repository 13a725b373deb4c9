//! # Chapter 12: what a thread may take with it
//!
//! `cargo run -p ch12_scoped_threads` shows the programs that compile; these are the ones that
//! must not. Each is pinned to its error code (`cargo test -p proofs --doc ch12`) and followed by
//! a fix that compiles. The rules behind them: `thread::spawn` takes a closure that is `Send` and
//! `'static` (the thread may outlive the function that started it, so it may borrow nothing that
//! function owns); `thread::scope` lifts the `'static` rule, because the scope joins its threads
//! before it returns, but never the `Send` and `Sync` rules.
//!
//! ## 1. Borrowing a local with `thread::spawn`
//!
//! ```compile_fail,E0373
//! let names = vec!["Ada", "Grace"];
//! let t = std::thread::spawn(|| println!("{} names", names.len()));
//! t.join().unwrap();
//! ```
//!
//! `error[E0373]: closure may outlive the current function, but it borrows `names``. Nothing
//! ties the thread to this function: it could still run after `names` is dropped, and the
//! compiler does not look for the `join`. Two fixes. Give the thread the vector, with `move` (or
//! an `Arc` clone, when others need it too); or borrow inside a scope, which joins for you:
//!
//! ```
//! let names = vec!["Ada", "Grace"];
//! std::thread::scope(|s| {
//!     s.spawn(|| println!("{} names", names.len()));
//! });
//! // The scope has joined its thread: the borrow is over, and `names` is ours again.
//! drop(names);
//! ```
//!
//! ## 2. `move` does not help when what moves is a borrow
//!
//! ```compile_fail,E0521
//! fn start(names: &Vec<String>) -> std::thread::JoinHandle<usize> {
//!     std::thread::spawn(move || names.len())
//! }
//! ```
//!
//! `error[E0521]: borrowed data escapes outside of function`. The closure now owns `names`, but
//! `names` is a `&Vec<String>`: a borrow that ends when `start` returns, while the thread may
//! go on. `'static` asks for data that lives as long as the thread might: owned, or shared by an
//! `Arc`:
//!
//! ```
//! use std::sync::Arc;
//! fn start(names: &Arc<Vec<String>>) -> std::thread::JoinHandle<usize> {
//!     let names = Arc::clone(names);
//!     std::thread::spawn(move || names.len())
//! }
//! let names = Arc::new(vec!["Ada".to_string()]);
//! assert_eq!(start(&names).join().unwrap(), 1);
//! ```
//!
//! ## 3. Sharing an `Rc`, even inside a scope
//!
//! ```compile_fail,E0277
//! let count = std::rc::Rc::new(5);
//! std::thread::scope(|s| {
//!     s.spawn(|| println!("{count}"));
//! });
//! ```
//!
//! `error[E0277]: `Rc<i32>` cannot be shared between threads safely`. A scope lifts `'static`,
//! not `Sync`: the thread would hold `&Rc<i32>`, and could clone it. `Rc` counts its owners with a
//! plain integer, changed without any synchronisation; two threads cloning or dropping it at once
//! would be a data race on that count, which is undefined behaviour, not merely a miscount. So
//! `Rc` is neither `Send` nor `Sync`. `spawn` requires the closure to be `Send`, and a closure
//! holding `&Rc` is `Send` only if `Rc` is `Sync`. `Arc` counts with an atomic `fetch_add`
//! (chapter 11), and `Arc<T>` is both when `T` is `Send + Sync` (an `Arc<Cell<i32>>` is
//! neither):
//!
//! ```
//! let count = std::sync::Arc::new(5);
//! std::thread::scope(|s| {
//!     s.spawn(|| println!("{count}"));
//! });
//! ```
//!
//! ## 4. A `MutexGuard` crossing to another thread
//!
//! ```compile_fail,E0277
//! let m = std::sync::Mutex::new(0);
//! let mut guard = m.lock().unwrap();
//! std::thread::scope(|s| {
//!     s.spawn(move || *guard += 1);
//! });
//! ```
//!
//! ``error[E0277]: `std::sync::MutexGuard<'_, i32>` cannot be sent between threads safely``. The
//! guard would unlock the mutex when it drops, on the other thread; some platforms' mutexes (POSIX
//! among them) must be unlocked by the thread that locked them. So a guard is not `Send`: the lock
//! is taken and released on one thread. The fix is to lock where the data is used:
//!
//! ```
//! let m = std::sync::Mutex::new(0);
//! std::thread::scope(|s| {
//!     s.spawn(|| *m.lock().unwrap() += 1);
//! });
//! assert_eq!(m.into_inner().unwrap(), 1);
//! ```
//!
//! ## 5. A `Cell` shared by scoped threads
//!
//! ```compile_fail,E0277
//! let done = std::cell::Cell::new(0);
//! std::thread::scope(|s| {
//!     for _ in 0..3 {
//!         s.spawn(|| done.set(done.get() + 1));
//!     }
//! });
//! ```
//!
//! `error[E0277]: `Cell<i32>` cannot be shared between threads safely`. Each thread would hold a
//! `&Cell<i32>`, and `&T` is `Send` only if `T` is `Sync`; a `Cell` changes its value through a
//! shared `&` with no synchronisation, so two threads at once would race. A `Mutex<T>` is `Sync`
//! whenever `T` is `Send`, since only the thread holding its lock reaches the `T`; with `spawn`
//! instead of a scope, the same share is an `Arc<Mutex<T>>`:
//!
//! ```
//! let done = std::sync::Mutex::new(0);
//! std::thread::scope(|s| {
//!     for _ in 0..3 {
//!         s.spawn(|| *done.lock().unwrap() += 1);
//!     }
//! });
//! assert_eq!(done.into_inner().unwrap(), 3);
//! ```
