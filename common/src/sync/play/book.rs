//! The book: what the play engine reads between steps. Each thread's lane (its next operation
//! and what it did), who holds each lock, the channels, and the lesson's state as the
//! scenario's probes see it; the runtime's types write it as they go.

use std::cell::{Cell, RefCell};
use std::panic::Location;

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
    static HUSHED: Cell<bool> = const { Cell::new(false) };
    static POISON_SEEN: Cell<bool> = const { Cell::new(false) };
}

/// While `on`, a panic prints nothing: a search that counts every schedule's end, panics and
/// deadlocks among them, says how many there were, not each one's message.
pub fn hush(on: bool) {
    HUSHED.set(on);
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
/// are looked into, not taken. `None` if it needed a lock that a thread holds now (or failed).
pub fn observe<R>(f: impl FnOnce() -> R) -> Option<R> {
    looked(f).0.ok()
}

/// A look's panic: the [`Held`] marker of a lock a thread holds, or any other.
type Panic = Box<dyn std::any::Any + Send>;

/// Run `f` as [`observe`] does: what it returned or how it panicked, and whether it read the
/// data of a lock that a panic poisoned (a look reads through the poison).
fn looked<R>(f: impl FnOnce() -> R) -> (Result<R, Panic>, bool) {
    // The look's panic is caught here and says nothing: a hook of ours, set once and
    // around shuttle's (which is set before the first look, as the first run starts), keeps
    // quiet for a thread that is looking (or hushed) and passes every other panic on.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let theirs = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !OBSERVING.get() && !HUSHED.get() {
                theirs(info);
            }
        }));
    });
    let was = OBSERVING.replace(true);
    let poison_was = POISON_SEEN.replace(false);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    OBSERVING.set(was);
    (result, POISON_SEEN.replace(poison_was))
}

/// A look read the data of a poisoned lock (the lock's `look`, which reads through the poison).
pub(super) fn saw_poison() {
    POISON_SEEN.set(true);
}

/// What a probe shows: its value, marked `(poisoned)` when it read through a lock's poison;
/// `(locked: cannot look)` while a thread holds a lock it needs; and if the look panicked any
/// other way, that, in words (no level's probe should: the state test holds them to it).
fn shown(probe: &Probe) -> String {
    match looked(probe) {
        (Ok(value), false) => value,
        (Ok(value), true) => format!("{value} (poisoned)"),
        (Err(p), _) if p.is::<Held>() => "(locked: cannot look)".into(),
        (Err(p), _) => {
            let words = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            format!("(the look failed: {words})")
        }
    }
}

/// Read every probe and the goal again.
///
/// The rule a probe's value follows: a value behind a lock is read when a thread could take
/// that lock now as the probe asks for it (a `Mutex`, or an `RwLock` to write: nobody holds it;
/// an `RwLock` to read: no writer holds it), and is shown as `(locked: cannot look)` while one
/// holds it, whoever that is. "Holds" is what the book says, the record the screen's lock lines
/// show ([`look`]), so the state and the locks shown never disagree. (A look cannot read a value
/// a holder is changing: its guard has the data.) A lock a panic poisoned is free: the look reads
/// through the poison, and the value is shown with `(poisoned)` after it.
pub fn refresh() {
    if observing() {
        return;
    }
    let (probes, goal) = with(|b| (std::mem::take(&mut b.probes), b.goal.take()));
    let state: Vec<(String, String)> = probes
        .iter()
        .map(|(label, probe)| (label.clone(), shown(probe)))
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

/// The engine's look into the data of lock `lock`, to write (or a `Mutex`) or to read: given up
/// with the [`Held`] panic while a thread holds the lock in a way that shuts the look out, as
/// the book says (see [`refresh`]).
pub(super) fn look(lock: usize, to_write: bool) {
    let shut = with(|b| {
        let note = &b.locks[lock];
        note.holder.is_some() || (to_write && !note.readers.is_empty())
    });
    if shut {
        std::panic::panic_any(Held);
    }
}

/// The scheduler sees who can run (`runnable`, by lane): every other thread is blocked. One that
/// went into a condvar's wait and is blocked now is asleep in it, and has let go of its lock:
/// shuttle's wait releases the lock after a scheduling point of its own, so the book marks the
/// lock free here, once it is, and not as the wait begins. The state behind it is looked at
/// again.
pub fn saw(runnable: &[usize]) {
    let fell_asleep = with(|b| {
        let mut any = false;
        for i in 0..b.lanes.len() {
            if runnable.contains(&i) {
                continue;
            }
            let lane = &b.lanes[i];
            if lane.sleeping.is_some() && !lane.was_blocked && !lane.woke {
                // The step that went into `wait` ended asleep in it.
                let lock = lane.next.as_ref().and_then(|o| o.lock);
                let name = lock.map_or("its lock".into(), |l| {
                    b.locks.get(l).map_or("its lock".into(), |n| n.name.clone())
                });
                if let Some(note) = lock.and_then(|l| b.locks.get_mut(l))
                    && note.holder == Some(i)
                {
                    note.holder = None;
                }
                b.lanes[i]
                    .did
                    .push(format!("wait: let go of {name}, asleep"));
                any = true;
            }
            b.lanes[i].was_blocked = true;
        }
        any
    });
    if fell_asleep {
        refresh();
    }
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
