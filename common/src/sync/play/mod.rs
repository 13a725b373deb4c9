//! The play runtime: std's sync types as shuttle runs them, for `cargo xtask play`.
//!
//! Built only with `--cfg shuttle` (the play engine's own build, in `target/play`). shuttle runs
//! every thread of a scenario on one OS thread and lets a scheduler choose, at each scheduling
//! point, which thread takes its next step; the play engine's scheduler asks the student. Each
//! type here is the std type's look-alike (same names, same signatures that the chapters use)
//! and does two things around each operation:
//!
//! - it makes the operation a scheduling point of shuttle's: a lock, a release, a wait, a
//!   notify, and every atomic load, store or read-modify-write;
//! - it notes in the [`book`] what the thread will do next (the chapter's source line, found
//!   with `#[track_caller]`) and what it did, and who holds which lock, so that the screen can
//!   show each thread's next line and the state of the lesson.
//!
//! What it does not model: shuttle runs every atomic as sequentially consistent (it explores
//! interleavings, not weak memory, so `Relaxed` behaves here as `SeqCst`), its `Condvar` never
//! wakes spuriously, and time does not pass: a step takes none, so no limit runs out, and a
//! timed wait (`wait_timeout`, `wait_timeout_while`, a channel's `recv_timeout`) ends only as
//! its untimed twin does. std allows each of those endings (a notify or a message that comes
//! before the limit); the schedules on which a limit runs out first are not searched. Its `RwLock` has a policy of its own, not std's (std leaves it to the platform): a
//! reader may join the readers in while a writer waits, and a thread's second read lock on a
//! lock it reads already panics ("deadlock!") where std's may be granted.
//!
//! The data of a lock lives in a std lock beside shuttle's, which a thread takes only while it
//! holds shuttle's: so the play engine can look at it between steps ([`book::observe`]) when no
//! thread holds it, without taking a step of its own. Who holds a lock is what the book says,
//! kept in step with shuttle's (a condvar's wait lets go of its lock only once the thread is
//! seen asleep, [`book::saw`]), and a value behind a held lock reads as locked whoever holds it
//! ([`book::refresh`] says the rule).

//! One module a primitive, as shuttle's own `sync` is; [`book`] is the record they all write,
//! and `guard` what the guards of `Mutex` and `RwLock` share.

use std::panic::Location;

pub use std::sync::{Arc, LockResult, PoisonError, TryLockError, TryLockResult, Weak};

pub mod atomic;
mod barrier;
pub mod book;
mod condvar;
mod guard;
pub mod mpsc;
mod mutex;
mod once;
mod rwlock;

pub use barrier::{Barrier, BarrierWaitResult};
pub use condvar::{Condvar, WaitTimeoutResult};
pub use mutex::{Mutex, MutexGuard};
pub use once::OnceLock;
pub use rwlock::{RwLock, RwLockReadGuard, RwLockWriteGuard};

/// The `threadpool` crate's pool, on std's threads: shuttle cannot schedule it. Here so that an
/// exercise's program (chapter 4's pool) compiles beside its model, which spawns its own threads.
pub use threadpool::ThreadPool;

/// shuttle's threads: each a task that its scheduler runs one step at a time.
pub mod thread {
    pub use shuttle::thread::*;
    /// The machine's, as std's says: shuttle runs every thread on one, whatever it says.
    pub use std::thread::available_parallelism;

    /// shuttle's `yield_now`, noted on the screen: the thread gives way (a spin lock's wait
    /// between looks), and the play engine's searches do not choose it again while another
    /// thread can run (`play/src/search.rs`).
    #[track_caller]
    pub fn yield_now() {
        let what = "yield_now: give way to another thread";
        super::before(std::panic::Location::caller(), what.into(), None);
        shuttle::thread::yield_now();
        super::did("gave way (yield_now)".into());
    }
}

/// Give a lock its name, as the screen and the timeline call it (`account 3`).
pub fn name<T: ?Sized>(m: &Mutex<T>, name: &str) {
    book::with(|b| b.locks[m.id].name = name.to_string());
}

use book::{before, did};

/// A scheduling point of shuttle's: the scheduler chooses who runs next.
fn point() {
    shuttle_engine::runtime::thread::switch();
}

/// One step of a scenario's own (a job's work, say): a scheduling point, shown as `what`.
#[track_caller]
pub fn step(what: &str) {
    before(Location::caller(), what.to_string(), None);
    point();
    did(what.to_string());
}
