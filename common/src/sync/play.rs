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
//! interleavings, not weak memory, so `Relaxed` behaves here as `SeqCst`), and its `Condvar`
//! never wakes spuriously and its `wait_timeout` (and a channel's `recv_timeout`) never times
//! out. Its `RwLock` has a policy of its own, not std's (std leaves it to the platform): a
//! reader may join the readers in while a writer waits, and a thread's second read lock on a
//! lock it reads already panics ("deadlock!") where std's may be granted.
//!
//! The data of a lock lives in a std lock beside shuttle's, which a thread takes only while it
//! holds shuttle's: so the play engine can look at it between steps ([`book::observe`]) when no
//! thread holds it, without taking a step of its own.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::panic::Location;

pub use std::sync::{Arc, LockResult, PoisonError, TryLockError, TryLockResult, Weak};

use shuttle::sync as sh;

// What the play runtime takes from shuttle as it is.
pub use shuttle::sync::BarrierWaitResult;

/// The `threadpool` crate's pool, on std's threads: shuttle cannot schedule it. Here so that an
/// exercise's program (chapter 4's pool) compiles beside its model, which spawns its own threads.
pub use threadpool::ThreadPool;

/// shuttle's threads: each a task that its scheduler runs one step at a time.
pub mod thread {
    pub use shuttle::thread::*;

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

/// What the play engine reads between steps: each thread's next operation and what it did,
/// who holds each lock, and the lesson's state as the scenario's probes see it.
pub mod book {
    use super::*;

    /// An operation a thread is about to do: where in the chapter's code, and what.
    #[derive(Clone, Debug)]
    pub struct Op {
        pub at: &'static Location<'static>,
        pub what: String,
        /// The lock it needs, if it is a lock (so a blocked thread shows whom it waits for).
        pub lock: Option<usize>,
        /// What it waits for if it cannot run here, when that is not a lock (a channel's send
        /// or recv).
        pub waits: Option<String>,
    }

    /// One thread (shuttle's task, by its number; task 0 is the scenario's main).
    #[derive(Clone, Debug, Default)]
    pub struct Lane {
        pub name: String,
        pub next: Option<Op>,
        pub did: Vec<String>,
        /// Asleep in a condvar's wait, since the wait let go of its lock.
        pub sleeping: Option<usize>,
        /// It has been blocked since it began its current operation (so it was woken).
        pub was_blocked: bool,
        /// Asleep in a condvar's wait, it has taken the notify that woke it: what is left of
        /// the wait is taking its lock back.
        pub woke: bool,
        pub finished: bool,
    }

    #[derive(Clone, Debug, Default)]
    pub struct LockNote {
        pub name: String,
        /// Who holds it: a `Mutex`, or an `RwLock`'s write lock.
        pub holder: Option<usize>,
        /// Who holds an `RwLock`'s read lock.
        pub readers: Vec<usize>,
        /// A read lock was taken while a writer waited for this `RwLock`: who got in ahead of whom.
        pub overtaken: Option<(usize, usize)>,
    }

    /// A channel: its name, its bound (`None`: no bound) and how many messages are in it.
    #[derive(Clone, Debug, Default)]
    pub struct ChannelNote {
        pub name: String,
        pub bound: Option<usize>,
        pub queued: usize,
        /// The most messages it has held at once.
        pub most: usize,
        /// A bounded send returned with its message beyond the bound and no recv to take it.
        pub ahead: bool,
    }

    type Probe = Box<dyn Fn() -> String>;

    #[derive(Default)]
    pub struct Book {
        pub lanes: Vec<Lane>,
        pub locks: Vec<LockNote>,
        pub channels: Vec<ChannelNote>,
        pub condvars: usize,
        /// The lesson's state, as the probes last saw it: (label, value).
        pub state: Vec<(String, String)>,
        /// The scenario's goal was reached, with the words that say so.
        pub won: Option<String>,
        probes: Vec<(String, Probe)>,
        goal: Option<Box<dyn Fn() -> Option<String>>>,
    }

    impl Book {
        pub fn lane(&mut self, task: usize) -> &mut Lane {
            if self.lanes.len() <= task {
                self.lanes.resize_with(task + 1, Lane::default);
            }
            &mut self.lanes[task]
        }

        pub fn lock_name(&self, lock: usize) -> String {
            self.locks
                .get(lock)
                .map_or_else(|| format!("lock {}", lock + 1), |l| l.name.clone())
        }
    }

    thread_local! {
        static BOOK: RefCell<Book> = RefCell::new(Book::default());
        static OBSERVING: Cell<bool> = const { Cell::new(false) };
    }

    /// A clean book, for a new run of a scenario.
    pub fn reset() {
        BOOK.with(|b| *b.borrow_mut() = Book::default());
    }

    pub fn with<R>(f: impl FnOnce(&mut Book) -> R) -> R {
        BOOK.with(|b| f(&mut b.borrow_mut()))
    }

    /// Show `label` with the value `probe` reads, refreshed at every step.
    pub fn show(label: &str, probe: impl Fn() -> String + 'static) {
        with(|b| b.probes.push((label.to_string(), Box::new(probe))));
    }

    /// The scenario's goal: `Some(words)` once it is reached.
    pub fn goal(goal: impl Fn() -> Option<String> + 'static) {
        with(|b| b.goal = Some(Box::new(goal)));
    }

    /// Name the locks in the order they were made.
    pub fn name_locks(names: &[&str]) {
        with(|b| {
            for (lock, name) in b.locks.iter_mut().zip(names) {
                lock.name = (*name).to_string();
            }
        });
    }

    /// Name the channels in the order they were made.
    pub fn name_channels(names: &[&str]) {
        with(|b| {
            for (c, name) in b.channels.iter_mut().zip(names) {
                c.name = (*name).to_string();
            }
        });
    }

    /// The engine is looking (a probe runs): no step is taken, nothing is noted.
    pub fn observing() -> bool {
        OBSERVING.get()
    }

    /// The marker a lock panics with when the engine looks at it while a thread holds it.
    pub struct Held;

    /// Run `f` (a probe, which may call the chapter's code) without taking any step: the locks
    /// are looked into, not taken. `None` if it needed a lock that a thread holds now.
    pub fn observe<R>(f: impl FnOnce() -> R) -> Option<R> {
        // The look's panic is caught here and says nothing: a hook of ours, set once and
        // around shuttle's (which is set before the first look, as the first run starts), keeps
        // quiet for a thread that is looking and passes every other panic on.
        static QUIET: std::sync::Once = std::sync::Once::new();
        QUIET.call_once(|| {
            let theirs = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !OBSERVING.get() {
                    theirs(info);
                }
            }));
        });
        let was = OBSERVING.replace(true);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        OBSERVING.set(was);
        result.ok()
    }

    /// Read every probe and the goal again.
    pub fn refresh() {
        if observing() {
            return;
        }
        let (probes, goal) = with(|b| (std::mem::take(&mut b.probes), b.goal.take()));
        let state: Vec<(String, String)> = probes
            .iter()
            .map(|(label, probe)| {
                let value = observe(probe).unwrap_or_else(|| "(locked: cannot look)".into());
                (label.clone(), value)
            })
            .collect();
        let won = goal.as_ref().and_then(|g| observe(g).flatten());
        with(|b| {
            b.probes = probes;
            b.goal = goal;
            b.state = state;
            if b.won.is_none() {
                b.won = won;
            }
        });
    }

    /// The current thread's lane (shuttle's task number).
    pub fn me() -> usize {
        shuttle::current::me().into()
    }

    /// The current thread will do `what` at `at` next: note it, and look at the state.
    pub(super) fn before(at: &'static Location<'static>, what: String, lock: Option<usize>) {
        note_next(Op {
            at,
            what,
            lock,
            waits: None,
        });
    }

    /// As [`before`], for an operation that may wait for something other than a lock.
    pub(super) fn before_waiting(at: &'static Location<'static>, what: String, waits: String) {
        note_next(Op {
            at,
            what,
            lock: None,
            waits: Some(waits),
        });
    }

    fn note_next(op: Op) {
        let me = me();
        with(|b| {
            let lane = b.lane(me);
            lane.next = Some(op);
            lane.was_blocked = false;
        });
        refresh();
    }

    /// The current thread did `what`.
    pub fn did(what: String) {
        if observing() {
            return;
        }
        let me = me();
        with(|b| {
            let lane = b.lane(me);
            lane.next = None;
            lane.did.push(what);
        });
    }

    pub(super) fn new_lock() -> usize {
        with(|b| {
            let n = b.locks.len();
            b.locks.push(LockNote {
                name: format!("lock {}", n + 1),
                ..LockNote::default()
            });
            n
        })
    }
}

use book::{Held, before, before_waiting, did, observing};

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

// ---- atomics ----

pub mod atomic {
    //! The atomics: std's, each operation a scheduling point (and sequentially consistent,
    //! whatever ordering the code asks for: see the module's docs).
    use super::{Location, before, did, observing, point};
    use std::sync::atomic as std_atomic;
    pub use std::sync::atomic::Ordering;

    macro_rules! atomic_int {
        ($name:ident, $t:ty) => {
            #[derive(Default)]
            pub struct $name(std_atomic::$name);

            impl std::fmt::Debug for $name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    self.0.fmt(f)
                }
            }

            impl $name {
                pub const fn new(v: $t) -> Self {
                    Self(std_atomic::$name::new(v))
                }

                #[track_caller]
                fn step<R: std::fmt::Debug>(&self, what: String, op: impl FnOnce() -> R) -> R {
                    if observing() {
                        return op();
                    }
                    before(Location::caller(), what.clone(), None);
                    point();
                    let r = op();
                    did(format!("{what} -> {r:?}"));
                    r
                }

                #[track_caller]
                pub fn load(&self, o: Ordering) -> $t {
                    self.step(format!("load ({o:?})"), || self.0.load(o))
                }

                #[track_caller]
                pub fn store(&self, v: $t, o: Ordering) {
                    self.step(format!("store {v:?} ({o:?})"), || self.0.store(v, o))
                }

                #[track_caller]
                pub fn swap(&self, v: $t, o: Ordering) -> $t {
                    self.step(format!("swap {v:?} ({o:?})"), || self.0.swap(v, o))
                }

                #[track_caller]
                pub fn fetch_add(&self, v: $t, o: Ordering) -> $t {
                    self.step(format!("fetch_add {v:?} ({o:?})"), || {
                        self.0.fetch_add(v, o)
                    })
                }

                #[track_caller]
                pub fn fetch_sub(&self, v: $t, o: Ordering) -> $t {
                    self.step(format!("fetch_sub {v:?} ({o:?})"), || {
                        self.0.fetch_sub(v, o)
                    })
                }

                #[track_caller]
                pub fn fetch_max(&self, v: $t, o: Ordering) -> $t {
                    self.step(format!("fetch_max {v:?} ({o:?})"), || {
                        self.0.fetch_max(v, o)
                    })
                }

                #[track_caller]
                pub fn fetch_min(&self, v: $t, o: Ordering) -> $t {
                    self.step(format!("fetch_min {v:?} ({o:?})"), || {
                        self.0.fetch_min(v, o)
                    })
                }

                /// One step here: std's loop of a load and compare-exchanges ends in one
                /// read-modify-write that no other thread comes into, as this step does.
                #[track_caller]
                pub fn fetch_update<F>(
                    &self,
                    set: Ordering,
                    fetch: Ordering,
                    f: F,
                ) -> Result<$t, $t>
                where
                    F: FnMut($t) -> Option<$t>,
                {
                    self.step(format!("fetch_update ({set:?})"), || {
                        self.0.fetch_update(set, fetch, f)
                    })
                }

                #[track_caller]
                pub fn compare_exchange(
                    &self,
                    current: $t,
                    new: $t,
                    success: Ordering,
                    failure: Ordering,
                ) -> Result<$t, $t> {
                    self.step(format!("compare_exchange {current:?} -> {new:?}"), || {
                        self.0.compare_exchange(current, new, success, failure)
                    })
                }

                #[track_caller]
                pub fn compare_exchange_weak(
                    &self,
                    current: $t,
                    new: $t,
                    success: Ordering,
                    failure: Ordering,
                ) -> Result<$t, $t> {
                    self.compare_exchange(current, new, success, failure)
                }

                pub fn get_mut(&mut self) -> &mut $t {
                    self.0.get_mut()
                }

                pub fn into_inner(self) -> $t {
                    self.0.into_inner()
                }
            }
        };
    }

    atomic_int!(AtomicU32, u32);
    atomic_int!(AtomicU64, u64);
    atomic_int!(AtomicI32, i32);
    atomic_int!(AtomicI64, i64);
    atomic_int!(AtomicUsize, usize);
    atomic_int!(AtomicIsize, isize);

    #[derive(Default)]
    pub struct AtomicBool(std_atomic::AtomicBool);

    impl std::fmt::Debug for AtomicBool {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.fmt(f)
        }
    }

    impl AtomicBool {
        pub const fn new(v: bool) -> Self {
            Self(std_atomic::AtomicBool::new(v))
        }

        #[track_caller]
        fn step<R: std::fmt::Debug>(&self, what: String, op: impl FnOnce() -> R) -> R {
            if observing() {
                return op();
            }
            before(Location::caller(), what.clone(), None);
            point();
            let r = op();
            did(format!("{what} -> {r:?}"));
            r
        }

        #[track_caller]
        pub fn load(&self, o: Ordering) -> bool {
            self.step(format!("load ({o:?})"), || self.0.load(o))
        }

        #[track_caller]
        pub fn store(&self, v: bool, o: Ordering) {
            self.step(format!("store {v} ({o:?})"), || self.0.store(v, o))
        }

        #[track_caller]
        pub fn swap(&self, v: bool, o: Ordering) -> bool {
            self.step(format!("swap {v} ({o:?})"), || self.0.swap(v, o))
        }

        #[track_caller]
        pub fn compare_exchange(
            &self,
            current: bool,
            new: bool,
            success: Ordering,
            failure: Ordering,
        ) -> Result<bool, bool> {
            self.step(format!("compare_exchange {current} -> {new}"), || {
                self.0.compare_exchange(current, new, success, failure)
            })
        }

        pub fn into_inner(self) -> bool {
            self.0.into_inner()
        }
    }
}

// ---- Mutex ----

/// std's `Mutex`, as shuttle schedules it; its data in a std mutex the engine can look into.
pub struct Mutex<T: ?Sized> {
    id: usize,
    gate: sh::Mutex<()>,
    data: std::sync::Mutex<T>,
}

/// Holding a [`Mutex`]. Dropping it releases the lock: a scheduling point.
pub struct MutexGuard<'a, T: ?Sized> {
    lock: &'a Mutex<T>,
    taken_at: &'static Location<'static>,
    // Both `None` after a condvar's wait took them; `gate` is `None` for the engine's look.
    data: Option<std::sync::MutexGuard<'a, T>>,
    gate: Option<sh::MutexGuard<'a, ()>>,
}

impl<T> Mutex<T> {
    pub fn new(value: T) -> Self {
        Mutex {
            id: book::new_lock(),
            gate: sh::Mutex::new(()),
            data: std::sync::Mutex::new(value),
        }
    }

    pub fn into_inner(self) -> LockResult<T> {
        self.data.into_inner()
    }
}

impl<T: Default> Default for Mutex<T> {
    fn default() -> Self {
        Mutex::new(T::default())
    }
}

impl<T: ?Sized> fmt::Debug for Mutex<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mutex({})", self.id)
    }
}

fn poisoned<G>(guard: G, poisoned: bool) -> LockResult<G> {
    if poisoned {
        Err(PoisonError::new(guard))
    } else {
        Ok(guard)
    }
}

impl<T: ?Sized> Mutex<T> {
    fn name(&self) -> String {
        book::with(|b| b.lock_name(self.id))
    }

    /// The engine's look: the data if no thread holds it, else the `Held` panic.
    fn look(&self, at: &'static Location<'static>) -> LockResult<MutexGuard<'_, T>> {
        let (data, bad) = match self.data.try_lock() {
            Ok(g) => (g, false),
            Err(TryLockError::Poisoned(p)) => (p.into_inner(), true),
            Err(TryLockError::WouldBlock) => std::panic::panic_any(Held),
        };
        let guard = MutexGuard {
            lock: self,
            taken_at: at,
            data: Some(data),
            gate: None,
        };
        poisoned(guard, bad)
    }

    /// Having taken the gate: the data, which no other thread can hold now.
    fn enter<'a>(
        &'a self,
        gate: sh::MutexGuard<'a, ()>,
        at: &'static Location<'static>,
    ) -> LockResult<MutexGuard<'a, T>> {
        let me = book::me();
        book::with(|b| b.locks[self.id].holder = Some(me));
        let (data, bad) = match self.data.try_lock() {
            Ok(g) => (g, false),
            Err(TryLockError::Poisoned(p)) => (p.into_inner(), true),
            Err(TryLockError::WouldBlock) => unreachable!("the data is held only with the gate"),
        };
        let guard = MutexGuard {
            lock: self,
            taken_at: at,
            data: Some(data),
            gate: Some(gate),
        };
        poisoned(guard, bad)
    }

    #[track_caller]
    pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {
        let at = Location::caller();
        if observing() {
            return self.look(at);
        }
        let name = self.name();
        before(at, format!("lock {name}"), Some(self.id));
        if book::with(|b| b.locks[self.id].holder) == Some(book::me()) {
            wait_for_ever();
        }
        let gate = self.gate.lock().unwrap_or_else(PoisonError::into_inner);
        did(format!("took {name}"));
        self.enter(gate, at)
    }

    #[track_caller]
    pub fn try_lock(&self) -> TryLockResult<MutexGuard<'_, T>> {
        let at = Location::caller();
        if observing() {
            return self.look(at).map_err(TryLockError::from);
        }
        let name = self.name();
        before(at, format!("try_lock {name}"), None);
        match self.gate.try_lock() {
            Ok(gate) => {
                did(format!("try_lock took {name}"));
                self.enter(gate, at).map_err(TryLockError::from)
            }
            Err(TryLockError::Poisoned(p)) => {
                did(format!("try_lock took {name} (poisoned)"));
                self.enter(p.into_inner(), at).map_err(TryLockError::from)
            }
            Err(TryLockError::WouldBlock) => {
                did(format!("try_lock {name}: WouldBlock"));
                Err(TryLockError::WouldBlock)
            }
        }
    }

    pub fn is_poisoned(&self) -> bool {
        self.data.is_poisoned()
    }

    pub fn clear_poison(&self) {
        self.data.clear_poison();
    }

    pub fn get_mut(&mut self) -> LockResult<&mut T> {
        self.data.get_mut()
    }
}

/// A thread that locks a lock it holds itself: with std's `Mutex` that `lock()` never returns
/// (std's docs: it may deadlock or panic), and shuttle's would panic at once, before the screen
/// saw the step. Here the lock is a step of its own, and then the thread sleeps where nothing
/// wakes it, holding its lock: once every other thread is blocked or done, shuttle reports the
/// deadlock.
fn wait_for_ever() -> ! {
    point();
    // A future that is never ready and never wakes its task: shuttle puts the task to sleep, and
    // nothing makes it runnable again.
    match shuttle_engine::future::block_on(std::future::pending::<std::convert::Infallible>()) {}
}

impl<T: ?Sized> MutexGuard<'_, T> {
    /// Let go of the data and the gate (the gate's release is a scheduling point).
    fn release(&mut self) {
        let Some(gate) = self.gate.take() else {
            // The engine's look, or a guard a condvar took.
            let panicking = std::thread::panicking();
            if self.data.take().is_some() && panicking {
                // The look's panic unwinds through the guard: that is no panic in the lesson.
                self.lock.data.clear_poison();
            }
            return;
        };
        let name = self.lock.name();
        before(
            self.taken_at,
            format!("release {name} (the guard taken here drops)"),
            None,
        );
        self.data = None;
        drop(gate);
        book::with(|b| b.locks[self.lock.id].holder = None);
        did(format!("released {name}"));
    }
}

impl<T: ?Sized> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        self.release();
    }
}

impl<T: ?Sized> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.data.as_ref().expect("a guard holds its data")
    }
}

impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.data.as_mut().expect("a guard holds its data")
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for MutexGuard<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

// ---- Barrier ----

/// std's `Barrier`, as shuttle schedules it: `wait` is a step, and returns when `n` have come.
pub struct Barrier {
    n: usize,
    inner: sh::Barrier,
}

impl fmt::Debug for Barrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Barrier({})", self.n)
    }
}

impl Barrier {
    pub fn new(n: usize) -> Barrier {
        Barrier {
            n,
            inner: sh::Barrier::new(n),
        }
    }

    #[track_caller]
    pub fn wait(&self) -> BarrierWaitResult {
        before(
            Location::caller(),
            format!("wait at the barrier (it opens for {})", self.n),
            None,
        );
        let r = self.inner.wait();
        did(if r.is_leader() {
            "passed the barrier, told it is the leader".into()
        } else {
            "passed the barrier".into()
        });
        r
    }
}

// ---- OnceLock ----

/// std's `OnceLock`, as its contract says it behaves: one thread runs the initialiser, every
/// other that asks meanwhile waits in `get_or_init` until it is done, and all get the one value.
/// Built here from a lock of the play runtime around std's cell (std's own rests on a `Once`
/// that shuttle cannot schedule): a look into the cell is a step, and so is taking its lock.
pub struct OnceLock<T> {
    gate: Mutex<()>,
    cell: std::sync::OnceLock<T>,
}

impl<T> Default for OnceLock<T> {
    fn default() -> Self {
        OnceLock::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for OnceLock<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.cell.fmt(f)
    }
}

impl<T> OnceLock<T> {
    pub fn new() -> Self {
        let gate = Mutex::new(());
        name(&gate, "the cell's lock");
        OnceLock {
            gate,
            cell: std::sync::OnceLock::new(),
        }
    }

    #[track_caller]
    pub fn get(&self) -> Option<&T> {
        if !observing() {
            before(Location::caller(), "look into the cell".into(), None);
            point();
            let full = self.cell.get().is_some();
            did(format!(
                "looked: the cell is {}",
                if full { "full" } else { "empty" }
            ));
        }
        self.cell.get()
    }

    #[track_caller]
    pub fn set(&self, value: T) -> Result<(), T> {
        let _gate = self.gate.lock().unwrap_or_else(PoisonError::into_inner);
        let r = self.cell.set(value);
        did(if r.is_ok() {
            "set the cell".into()
        } else {
            "set: the cell was full, the value is handed back".into()
        });
        r
    }

    #[track_caller]
    pub fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        if let Some(v) = self.get() {
            return v;
        }
        let gate = self.gate.lock().unwrap_or_else(PoisonError::into_inner);
        if self.cell.get().is_none() {
            did("the cell is still empty: runs the initialiser".into());
            let value = f();
            let _ = self.cell.set(value);
        } else {
            did("the cell was filled meanwhile: takes that value".into());
        }
        drop(gate);
        self.cell.get().expect("the cell was filled")
    }

    pub fn into_inner(self) -> Option<T> {
        self.cell.into_inner()
    }
}

// ---- Condvar ----

/// std's `Condvar`, as shuttle schedules it: a wait lets go of the lock and sleeps in one step.
pub struct Condvar {
    id: usize,
    cv: sh::Condvar,
}

pub use std::sync::WaitTimeoutResult;

impl Default for Condvar {
    fn default() -> Self {
        Condvar::new()
    }
}

impl fmt::Debug for Condvar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Condvar({})", self.id)
    }
}

impl Condvar {
    pub fn new() -> Self {
        let id = book::with(|b| {
            b.condvars += 1;
            b.condvars - 1
        });
        Condvar {
            id,
            cv: sh::Condvar::new(),
        }
    }

    #[track_caller]
    pub fn wait<'a, T: ?Sized>(
        &self,
        mut guard: MutexGuard<'a, T>,
    ) -> LockResult<MutexGuard<'a, T>> {
        let at = Location::caller();
        assert!(!observing(), "the engine never waits");
        let lock = guard.lock;
        let name = lock.name();
        // The lock is the one it takes back when woken (so the screen can say who holds it).
        before(
            at,
            format!("wait: let go of {name} and sleep"),
            Some(lock.id),
        );
        let me = book::me();
        // The data first, then the gate, which shuttle's wait releases and takes again.
        guard.data = None;
        let gate = guard.gate.take().expect("a guard holds its gate");
        drop(guard);
        book::with(|b| {
            b.locks[lock.id].holder = None;
            b.lane(me).sleeping = Some(self.id);
        });
        // The data is free now: the state shown while it sleeps (a deadlock's last screen too)
        // can be looked at.
        book::refresh();
        let gate = self.cv.wait(gate).unwrap_or_else(PoisonError::into_inner);
        book::with(|b| {
            let lane = b.lane(me);
            lane.sleeping = None;
            lane.woke = false;
        });
        did(format!("took {name} back: wait returns"));
        lock.enter(gate, at)
    }

    /// shuttle's `wait_timeout` never times out: this is a `wait` that says it did not.
    #[track_caller]
    pub fn wait_timeout<'a, T: ?Sized>(
        &self,
        guard: MutexGuard<'a, T>,
        _limit: std::time::Duration,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        // std's `WaitTimeoutResult` has no public constructor: take one from a real wait on a
        // lock of our own whose condition already holds, which returns at once, not timed out.
        // (A wait of no time would say it timed out.)
        let not_timed_out = {
            let m = std::sync::Mutex::new(());
            let cv = std::sync::Condvar::new();
            let g = m.lock().unwrap_or_else(PoisonError::into_inner);
            cv.wait_timeout_while(g, std::time::Duration::ZERO, |_| false)
                .unwrap_or_else(PoisonError::into_inner)
                .1
        };
        debug_assert!(!not_timed_out.timed_out());
        match self.wait(guard) {
            Ok(g) => Ok((g, not_timed_out)),
            Err(p) => Err(PoisonError::new((p.into_inner(), not_timed_out))),
        }
    }

    /// Who is asleep in this condvar's wait now: it let go of its lock, was seen blocked since,
    /// and has not taken a notify yet. (A thread still on its way into `wait` is not: a notify
    /// now does not wake it.)
    fn sleepers(&self) -> Vec<String> {
        book::with(|b| {
            b.lanes
                .iter()
                .filter(|l| l.sleeping == Some(self.id) && l.was_blocked && !l.woke)
                .map(|l| l.name.clone())
                .collect()
        })
    }

    /// What a notify did, in words: whom it woke.
    fn woken(how: &str, asleep: &[String]) -> String {
        match asleep {
            [] => format!("{how}: nobody was asleep in wait, so it woke nobody"),
            [one] => format!("{how}: wakes {one}"),
            _ if how == "notify_all" => format!("{how}: wakes {}", asleep.join(" and ")),
            _ => format!(
                "{how}: wakes one of {}, whichever runs first",
                asleep.join(" and ")
            ),
        }
    }

    #[track_caller]
    pub fn notify_one(&self) {
        if observing() {
            return;
        }
        before(Location::caller(), "notify_one".into(), None);
        // Who slept is read after shuttle's notify, which first lets the scheduler run others
        // (one may fall asleep meanwhile): the lanes as they were when the notify came.
        self.cv.notify_one();
        let asleep = self.sleepers();
        did(Self::woken("notify_one", &asleep));
    }

    #[track_caller]
    pub fn notify_all(&self) {
        if observing() {
            return;
        }
        before(Location::caller(), "notify_all".into(), None);
        // Who slept is read after shuttle's notify, which first lets the scheduler run others
        // (one may fall asleep meanwhile): the lanes as they were when the notify came.
        self.cv.notify_all();
        let asleep = self.sleepers();
        did(Self::woken("notify_all", &asleep));
    }
}

// ---- RwLock ----

/// std's `RwLock`, as shuttle schedules it: many readers or one writer; its data in a std
/// `RwLock` the engine can look into. Whom it lets in first is shuttle's policy, not std's
/// (which std leaves to the platform): a reader may join the readers in while a writer waits,
/// and the same thread's second read lock is refused (shuttle panics: "deadlock!").
pub struct RwLock<T: ?Sized> {
    id: usize,
    gate: sh::RwLock<()>,
    data: std::sync::RwLock<T>,
}

/// Holding an [`RwLock`] to read. Dropping it lets go: a scheduling point.
pub struct RwLockReadGuard<'a, T: ?Sized> {
    lock: &'a RwLock<T>,
    taken_at: &'static Location<'static>,
    // `gate` is `None` for the engine's look.
    data: Option<std::sync::RwLockReadGuard<'a, T>>,
    gate: Option<sh::RwLockReadGuard<'a, ()>>,
}

/// Holding an [`RwLock`] to write. Dropping it lets go: a scheduling point.
pub struct RwLockWriteGuard<'a, T: ?Sized> {
    lock: &'a RwLock<T>,
    taken_at: &'static Location<'static>,
    data: Option<std::sync::RwLockWriteGuard<'a, T>>,
    gate: Option<sh::RwLockWriteGuard<'a, ()>>,
}

impl<T> RwLock<T> {
    pub fn new(value: T) -> Self {
        RwLock {
            id: book::new_lock(),
            gate: sh::RwLock::new(()),
            data: std::sync::RwLock::new(value),
        }
    }

    pub fn into_inner(self) -> LockResult<T> {
        self.data.into_inner()
    }
}

impl<T: Default> Default for RwLock<T> {
    fn default() -> Self {
        RwLock::new(T::default())
    }
}

impl<T: ?Sized> fmt::Debug for RwLock<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RwLock({})", self.id)
    }
}

/// The data of a std lock taken with `try`: it is free whenever the gate is had, so only the
/// engine's look can find it held (and then it gives up: the `Held` panic).
fn taken<G>(r: Result<G, TryLockError<G>>) -> (G, bool) {
    match r {
        Ok(g) => (g, false),
        Err(TryLockError::Poisoned(p)) => (p.into_inner(), true),
        Err(TryLockError::WouldBlock) => std::panic::panic_any(Held),
    }
}

impl<T: ?Sized> RwLock<T> {
    fn name(&self) -> String {
        book::with(|b| b.lock_name(self.id))
    }

    /// Having taken the gate to read: note it (and a writer it got ahead of), and the data.
    fn enter_read<'a>(
        &'a self,
        gate: Option<sh::RwLockReadGuard<'a, ()>>,
        at: &'static Location<'static>,
        how: String,
    ) -> LockResult<RwLockReadGuard<'a, T>> {
        if gate.is_some() {
            let me = book::me();
            let ahead = book::with(|b| {
                // A writer waits: it tried this lock's write lock and has been blocked since.
                let waiting = b.lanes.iter().position(|l| {
                    !l.finished
                        && l.was_blocked
                        && l.next.as_ref().is_some_and(|o| {
                            o.lock == Some(self.id) && o.what.starts_with("write-lock")
                        })
                });
                let note = &mut b.locks[self.id];
                // Ahead of the writer only when it joins readers already in, so that the writer
                // is still shut out (a writer whose wait just ended, the lock free, is not
                // overtaken by whoever takes the free lock first).
                let waiting = waiting.filter(|_| !note.readers.is_empty());
                note.readers.push(me);
                if let Some(w) = waiting {
                    note.overtaken.get_or_insert((me, w));
                }
                waiting.map(|w| b.lanes[w].name.clone())
            });
            did(match ahead {
                Some(w) => format!("{how}, ahead of {w}, who waits to write"),
                None => how,
            });
        }
        let (data, bad) = taken(self.data.try_read());
        let guard = RwLockReadGuard {
            lock: self,
            taken_at: at,
            data: Some(data),
            gate,
        };
        poisoned(guard, bad)
    }

    fn enter_write<'a>(
        &'a self,
        gate: Option<sh::RwLockWriteGuard<'a, ()>>,
        at: &'static Location<'static>,
        how: String,
    ) -> LockResult<RwLockWriteGuard<'a, T>> {
        if gate.is_some() {
            let me = book::me();
            book::with(|b| b.locks[self.id].holder = Some(me));
            did(how);
        }
        let (data, bad) = taken(self.data.try_write());
        let guard = RwLockWriteGuard {
            lock: self,
            taken_at: at,
            data: Some(data),
            gate,
        };
        poisoned(guard, bad)
    }

    #[track_caller]
    pub fn read(&self) -> LockResult<RwLockReadGuard<'_, T>> {
        let at = Location::caller();
        if observing() {
            return self.enter_read(None, at, String::new());
        }
        let name = self.name();
        before(at, format!("read-lock {name}"), Some(self.id));
        let gate = self.gate.read().unwrap_or_else(PoisonError::into_inner);
        self.enter_read(Some(gate), at, format!("took {name} to read"))
    }

    #[track_caller]
    pub fn write(&self) -> LockResult<RwLockWriteGuard<'_, T>> {
        let at = Location::caller();
        if observing() {
            return self.enter_write(None, at, String::new());
        }
        let name = self.name();
        before(at, format!("write-lock {name}"), Some(self.id));
        let gate = self.gate.write().unwrap_or_else(PoisonError::into_inner);
        self.enter_write(Some(gate), at, format!("took {name} to write"))
    }

    #[track_caller]
    pub fn try_read(&self) -> TryLockResult<RwLockReadGuard<'_, T>> {
        let at = Location::caller();
        if observing() {
            return self
                .enter_read(None, at, String::new())
                .map_err(TryLockError::from);
        }
        let name = self.name();
        before(at, format!("try_read {name}"), None);
        let gate = match self.gate.try_read() {
            Ok(g) => g,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            Err(TryLockError::WouldBlock) => {
                did(format!("try_read {name}: WouldBlock"));
                return Err(TryLockError::WouldBlock);
            }
        };
        self.enter_read(Some(gate), at, format!("try_read took {name} to read"))
            .map_err(TryLockError::from)
    }

    #[track_caller]
    pub fn try_write(&self) -> TryLockResult<RwLockWriteGuard<'_, T>> {
        let at = Location::caller();
        if observing() {
            return self
                .enter_write(None, at, String::new())
                .map_err(TryLockError::from);
        }
        let name = self.name();
        before(at, format!("try_write {name}"), None);
        let gate = match self.gate.try_write() {
            Ok(g) => g,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            Err(TryLockError::WouldBlock) => {
                did(format!("try_write {name}: WouldBlock"));
                return Err(TryLockError::WouldBlock);
            }
        };
        self.enter_write(Some(gate), at, format!("try_write took {name} to write"))
            .map_err(TryLockError::from)
    }

    pub fn is_poisoned(&self) -> bool {
        self.data.is_poisoned()
    }

    pub fn clear_poison(&self) {
        self.data.clear_poison();
    }

    pub fn get_mut(&mut self) -> LockResult<&mut T> {
        self.data.get_mut()
    }
}

/// Let go of a read or write guard: the data, then the gate (its release is a scheduling
/// point); `None` for the engine's look, which takes no step.
macro_rules! rw_release {
    ($guard:ident, $kind:literal, $forget:expr) => {
        impl<T: ?Sized> Drop for $guard<'_, T> {
            fn drop(&mut self) {
                let Some(gate) = self.gate.take() else {
                    if self.data.take().is_some() && std::thread::panicking() {
                        // The look's panic unwinds through the guard: no panic in the lesson.
                        self.lock.data.clear_poison();
                    }
                    return;
                };
                let name = self.lock.name();
                before(
                    self.taken_at,
                    format!("release {name} ({} guard taken here)", $kind),
                    None,
                );
                self.data = None;
                drop(gate);
                let me = book::me();
                book::with(|b| $forget(&mut b.locks[self.lock.id], me));
                did(format!("released {name}"));
            }
        }

        impl<T: ?Sized + fmt::Debug> fmt::Debug for $guard<'_, T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                (**self).fmt(f)
            }
        }

        impl<T: ?Sized> Deref for $guard<'_, T> {
            type Target = T;
            fn deref(&self) -> &T {
                self.data.as_ref().expect("a guard holds its data")
            }
        }
    };
}

rw_release!(RwLockReadGuard, "read", |n: &mut book::LockNote, me| n
    .readers
    .retain(|r| *r != me));
rw_release!(RwLockWriteGuard, "write", |n: &mut book::LockNote, _| n
    .holder =
    None);

impl<T: ?Sized> DerefMut for RwLockWriteGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.data.as_mut().expect("a guard holds its data")
    }
}

// ---- channels ----

pub mod mpsc {
    //! std's channels, as shuttle schedules them: a `send` and a `recv` are each a step, and
    //! one that must wait (a full queue, an empty one) sleeps until the other side lets it go
    //! on. shuttle's `recv_timeout` never times out.
    use super::{Location, before, before_waiting, book, did};
    use shuttle::sync::mpsc as sm;
    use std::fmt;
    use std::time::Duration;

    pub use std::sync::mpsc::{RecvError, RecvTimeoutError, SendError, TryRecvError, TrySendError};

    fn new_channel(bound: Option<usize>) -> usize {
        book::with(|b| {
            b.channels.push(book::ChannelNote {
                name: "the channel".into(),
                bound,
                ..book::ChannelNote::default()
            });
            b.channels.len() - 1
        })
    }

    fn name(id: usize) -> String {
        book::with(|b| b.channels[id].name.clone())
    }

    /// A message went in (`+1`) or came out (`-1`): what the channel holds now, in words. A
    /// send that returns with more messages in the channel than its bound and the receivers
    /// waiting in `recv` to take them is noted (`ahead`): a bounded send must not.
    fn count(id: usize, by: isize) -> String {
        book::with(|b| {
            let c = &mut b.channels[id];
            c.queued = c.queued.saturating_add_signed(by);
            c.most = c.most.max(c.queued);
            let recv = format!("recv from {}", c.name);
            let waiting = b
                .lanes
                .iter()
                .filter(|l| {
                    !l.finished && l.was_blocked && l.next.as_ref().is_some_and(|o| o.what == recv)
                })
                .count();
            // Only a rendezvous hands a message to a waiting `recv` past its room (of none).
            if let Some(bound) = c.bound
                && by > 0
                && c.queued > if bound == 0 { waiting } else { bound }
            {
                c.ahead = true;
            }
            match c.bound {
                Some(0) if by > 0 && waiting > 0 => "handed to the recv that waits".into(),
                Some(bound) if bound > 0 => format!("{} holds {} of {bound}", c.name, c.queued),
                _ => format!("{} holds {}", c.name, c.queued),
            }
        })
    }

    pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
        let id = new_channel(None);
        let (tx, rx) = sm::channel();
        (Sender { id, inner: tx }, Receiver { id, inner: rx })
    }

    pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
        let id = new_channel(Some(bound));
        let (tx, rx) = sm::sync_channel(bound);
        (
            SyncSender {
                id,
                bound,
                inner: tx,
            },
            Receiver { id, inner: rx },
        )
    }

    /// std's `Sender`: a send never waits.
    pub struct Sender<T> {
        id: usize,
        inner: sm::Sender<T>,
    }

    impl<T> Clone for Sender<T> {
        fn clone(&self) -> Self {
            Sender {
                id: self.id,
                inner: self.inner.clone(),
            }
        }
    }

    impl<T> fmt::Debug for Sender<T> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "Sender({})", self.id)
        }
    }

    impl<T> Sender<T> {
        #[track_caller]
        pub fn send(&self, t: T) -> Result<(), SendError<T>> {
            before(
                Location::caller(),
                format!("send into {}", name(self.id)),
                None,
            );
            let r = self.inner.send(t);
            did(match &r {
                Ok(()) => format!("sent: {}", count(self.id, 1)),
                Err(_) => "send failed: the receiver is gone".into(),
            });
            r
        }
    }

    /// std's `SyncSender`: a send waits while the queue is full (with a bound of 0, until a
    /// `recv` takes the message).
    pub struct SyncSender<T> {
        id: usize,
        bound: usize,
        inner: sm::SyncSender<T>,
    }

    impl<T> Clone for SyncSender<T> {
        fn clone(&self) -> Self {
            SyncSender {
                id: self.id,
                bound: self.bound,
                inner: self.inner.clone(),
            }
        }
    }

    impl<T> fmt::Debug for SyncSender<T> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "SyncSender({})", self.id)
        }
    }

    impl<T> SyncSender<T> {
        #[track_caller]
        pub fn send(&self, t: T) -> Result<(), SendError<T>> {
            let name = name(self.id);
            let (what, waits) = if self.bound == 0 {
                (
                    "send: hand the message to a recv".to_string(),
                    "waits for a recv to take its message: there is no queue".to_string(),
                )
            } else {
                (
                    format!("send into {name}"),
                    format!("waits for a recv to make room: {name} is full"),
                )
            };
            before_waiting(Location::caller(), what, waits);
            let r = self.inner.send(t);
            did(match &r {
                Ok(()) => format!("sent: {}", count(self.id, 1)),
                Err(_) => "send failed: the receiver is gone".into(),
            });
            r
        }

        #[track_caller]
        pub fn try_send(&self, t: T) -> Result<(), TrySendError<T>> {
            let name = name(self.id);
            before(Location::caller(), format!("try_send into {name}"), None);
            let r = self.inner.try_send(t);
            did(match &r {
                Ok(()) => format!("try_send: sent: {}", count(self.id, 1)),
                Err(TrySendError::Full(_)) => {
                    format!("try_send: {name} is full: Full, the message comes back")
                }
                Err(TrySendError::Disconnected(_)) => "try_send: the receiver is gone".into(),
            });
            r
        }
    }

    /// std's `Receiver`.
    pub struct Receiver<T> {
        id: usize,
        inner: sm::Receiver<T>,
    }

    impl<T> fmt::Debug for Receiver<T> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "Receiver({})", self.id)
        }
    }

    impl<T> Receiver<T> {
        fn recv_at(&self, at: &'static Location<'static>) -> Result<T, RecvError> {
            let name = name(self.id);
            before_waiting(
                at,
                format!("recv from {name}"),
                format!("waits for a message: {name} is empty"),
            );
            let r = self.inner.recv();
            did(match &r {
                Ok(_) => format!("took a message: {}", count(self.id, -1)),
                Err(_) => format!("recv: {name} is empty and every sender is gone: Err"),
            });
            r
        }

        #[track_caller]
        pub fn recv(&self) -> Result<T, RecvError> {
            self.recv_at(Location::caller())
        }

        /// shuttle's never times out: a `recv` that gives the same error when every sender is
        /// gone.
        #[track_caller]
        pub fn recv_timeout(&self, _timeout: Duration) -> Result<T, RecvTimeoutError> {
            self.recv_at(Location::caller())
                .map_err(|_| RecvTimeoutError::Disconnected)
        }

        #[track_caller]
        pub fn try_recv(&self) -> Result<T, TryRecvError> {
            let name = name(self.id);
            before(Location::caller(), format!("try_recv from {name}"), None);
            let r = self.inner.try_recv();
            did(match &r {
                Ok(_) => format!("try_recv took a message: {}", count(self.id, -1)),
                Err(TryRecvError::Empty) => format!("try_recv: {name} is empty: Empty"),
                Err(TryRecvError::Disconnected) => {
                    format!("try_recv: {name} is empty and every sender is gone")
                }
            });
            r
        }

        pub fn iter(&self) -> Iter<'_, T> {
            Iter { rx: self }
        }

        pub fn try_iter(&self) -> TryIter<'_, T> {
            TryIter { rx: self }
        }
    }

    /// std's `Iter`: messages until every sender is gone.
    pub struct Iter<'a, T: 'a> {
        rx: &'a Receiver<T>,
    }

    /// std's `TryIter`: the messages there now.
    pub struct TryIter<'a, T: 'a> {
        rx: &'a Receiver<T>,
    }

    /// std's `IntoIter`.
    pub struct IntoIter<T> {
        rx: Receiver<T>,
    }

    // `#[track_caller]` on `next`: a `for` loop's step shows the chapter's `for` line.
    impl<T> Iterator for Iter<'_, T> {
        type Item = T;
        #[track_caller]
        fn next(&mut self) -> Option<T> {
            self.rx.recv_at(Location::caller()).ok()
        }
    }

    impl<T> Iterator for TryIter<'_, T> {
        type Item = T;
        #[track_caller]
        fn next(&mut self) -> Option<T> {
            self.rx.try_recv().ok()
        }
    }

    impl<T> Iterator for IntoIter<T> {
        type Item = T;
        #[track_caller]
        fn next(&mut self) -> Option<T> {
            self.rx.recv_at(Location::caller()).ok()
        }
    }

    impl<'a, T> IntoIterator for &'a Receiver<T> {
        type Item = T;
        type IntoIter = Iter<'a, T>;
        fn into_iter(self) -> Iter<'a, T> {
            self.iter()
        }
    }

    impl<T> IntoIterator for Receiver<T> {
        type Item = T;
        type IntoIter = IntoIter<T>;
        fn into_iter(self) -> IntoIter<T> {
            IntoIter { rx: self }
        }
    }
}
