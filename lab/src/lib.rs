//! The course's equipment: what the lessons use but do not teach. A chapter's own code is its
//! lesson; what it needs to run the lesson and to see it lives here, with tests of its own.
//!
//! - [`bank`]: the bank demo's workload (six accounts, five threads of 9,999 random transfers, a
//!   check of the total after each), the [`Bank`] a chapter implements, and the driver that runs
//!   it and reports what the checks saw (chapters 8 to 10, the benchmark and the proofs).
//! - [`lock`]: the deadlock watch's lock, [`Lock`], a mutex that notes in a shared [`Watch`] who
//!   holds it and who waits for it, and the wait-for cycle read off those notes (chapters 7, 10).
//! - [`watchdog`]: a [`Group`] of threads watched for progress, which `main` can wait for with
//!   patience and leave behind when they are stuck, with the cycle if there is one.
//!
//! The watch is the course's own bookkeeping. std has no deadlock detection: a thread blocked in
//! `Mutex::lock` is just blocked. parking_lot's `deadlock_detection` feature does this job for
//! parking_lot's locks.
#![forbid(unsafe_code)]

pub mod bank;
pub mod lock;
pub mod watchdog;

pub use bank::{BALANCES, Bank, OneLockBank, Report, Workload, draw, pause, run, run_watched};
pub use lock::{Book, Event, Guard, Link, Lock, Watch};
pub use watchdog::{Group, Outcome, Progress, Stuck};
