//! The recorder behind `cargo xtask run --timeline`: what each thread did and when, written to
//! a file the runner names in [`ENV`]. Off unless the runner asks, and then it leaves the lesson
//! as it is: it only notes times around what the chapter does anyway and never makes a thread
//! wait for another (each thread writes its own lane, under a lock no other thread takes but the
//! writer of the file; a sync object keeps who last released or notified it in an atomic).
//!
//! Each thread keeps its own lane (a thread-local, so recording costs a clock read and an
//! uncontended lock). Locks taken and given back within [`BRIEF`] are counted, not kept one by
//! one, so a bank's thousands of transfers stay a few lines. The file is rewritten after every
//! log line (so a chapter that hangs and is killed still leaves its story up to its last line)
//! and once more when `main` ends, when the thread-locals of the main thread are dropped.
//!
//! What it sees: the sleeps and log lines of `common`, and every blocking step of the sync
//! types of `common::sync` (a lock of a `Mutex` or `RwLock`, a `Condvar` wait, a `Barrier`, a
//! `OnceLock` being initialised by another thread, a channel's blocking `send` and `recv`, a
//! `join`), each with who let it go on: the release, notify, send, receive, last arrival or end
//! of a thread that ended the wait. The file's format is [`Record`], one a line.

// Under `--cfg loom` or `--cfg shuttle` the sync types are the model's, and what only std's
// wrappers call goes unused.
#![cfg_attr(any(loom, shuttle), allow(dead_code))]

mod format;
mod lane;

pub use format::{BadRecord, HEADER, Micros, Object, Record};

use lane::Lane;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

/// The variable that names the file to record into. Unset: no recording.
pub const ENV: &str = "COURSE_TIMELINE";

/// Locks held (with their wait) for less than this, in lesson microseconds, are counted, not
/// kept one by one; other waits shorter than this are not kept, but for a barrier's early
/// arrivals (its lesson's synchronisation, however short).
pub const BRIEF: u64 = 1_000;

struct Recorder {
    path: PathBuf,
    main: ThreadId,
    lanes: Mutex<Vec<Arc<Mutex<Lane>>>>,
    /// The objects by number less one: their kind and name.
    objects: Mutex<Vec<(Object, String)>>,
}

static RECORDER: OnceLock<Recorder> = OnceLock::new();

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // The recorder never panics while it holds one of its locks.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Start recording if the runner asked for it. Called once, when the lesson starts.
pub(crate) fn init() {
    if let Some(path) = std::env::var_os(ENV).filter(|p| !p.is_empty()) {
        let _ = RECORDER.set(Recorder {
            path: path.into(),
            main: thread::current().id(),
            lanes: Mutex::default(),
            objects: Mutex::default(),
        });
        // The main thread's lane exists from the start, and its end writes the file.
        with_lane(|_, _| {});
    }
}

/// Whether this run is recorded: the one check every sync type of `common::sync` makes when
/// nothing is (an atomic load).
#[inline]
pub fn enabled() -> bool {
    RECORDER.get().is_some()
}

fn now() -> u64 {
    crate::elapsed().as_micros() as u64
}

/// A moment of one thread: its lane and the time. What a sync object keeps of who last let
/// others go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub lane: usize,
    pub at: Micros,
}

/// A thread's handle on its lane. Dropped when the thread ends: then the lane ends too, and on
/// the main thread the file is written for the last time.
struct Handle(Option<Arc<Mutex<Lane>>>);

impl Drop for Handle {
    fn drop(&mut self) {
        let (Some(lane), Some(r)) = (&self.0, RECORDER.get()) else {
            return;
        };
        lock(lane).ends(now());
        if thread::current().id() == r.main {
            settle(r);
            write(r, true);
        }
    }
}

thread_local! {
    static LANE: Handle = Handle(RECORDER.get().map(|r| {
        let mut lanes = lock(&r.lanes);
        let name = thread::current().name().map(String::from);
        let lane = Arc::new(Mutex::new(Lane::new(lanes.len(), name, now())));
        lanes.push(Arc::clone(&lane));
        lane
    }));
}

/// Run `f` on this thread's lane, with the time; nothing when recording is off.
fn with_lane<R>(f: impl FnOnce(&mut Lane, u64) -> R) -> Option<R> {
    RECORDER.get()?;
    // A thread that is ending has no lane any more: what it does then goes unrecorded.
    LANE.try_with(|h| {
        h.0.as_ref().map(|lane| {
            let mut lane = lock(lane);
            let t = now();
            f(&mut lane, t)
        })
    })
    .ok()
    .flatten()
}

/// Around `common::sleep`.
pub(crate) fn sleep_starts() {
    with_lane(Lane::sleep_starts);
}

pub(crate) fn sleep_ends() {
    with_lane(Lane::sleep_ends);
}

/// A log line, as the logger wrote it, with its thread and time; the file is brought up to
/// date.
pub(crate) fn log(text: &str) {
    if let Some(r) = RECORDER.get() {
        with_lane(|l, t| l.log(t, text));
        write(r, false);
    }
}

/// Give this thread a lane from now, though it has not slept, logged or locked yet: what a
/// thread started through `common::sync::thread` does first.
pub fn thread_starts() {
    with_lane(|_, _| {});
}

/// Give this thread a lane from now, called `name` in the picture: for a thread std could not
/// name (one of a scope spawned without a `Builder`), named the way its lesson's log calls it.
pub fn thread_named(name: &str) {
    with_lane(|l, _| l.name = Some(name.to_string()));
}

/// The value the lesson is about, `name` (`permits free`), is `value` now: a track of its own
/// in the timeline, kept when it changes. One check of a flag when nothing is recorded.
pub fn value(name: &str, value: i64) {
    // Kept in the thread's own lane, as it changes there: no lock shared between threads.
    with_lane(|l, t| {
        match l.values.iter_mut().find(|v| v.0 == name) {
            Some(v) if v.1 == value => return,
            Some(v) => v.1 = value,
            None => l.values.push((name.to_string(), value)),
        }
        l.push(Record::Value {
            at: t,
            value,
            name: name.to_string(),
        });
    });
}

/// A wait that the sync types of `common::sync` do not see (the deadlock watch's patient wait
/// for its threads, which polls): drawn as a wait from now until it is dropped.
#[must_use = "the wait lasts until this is dropped"]
pub struct Waiting(Option<Site>);

pub fn waiting(name: &str) -> Waiting {
    if !enabled() {
        return Waiting(None);
    }
    let site = Site::new();
    site.name(Object::Thread, name);
    site.wait_starts(Object::Thread);
    Waiting(Some(site))
}

impl Drop for Waiting {
    fn drop(&mut self) {
        if let Some(site) = &self.0 {
            site.wait_ends(None, false);
        }
    }
}

/// This thread's work is done (its closure returned): its lane ends now. What it is
/// remembered by, for the thread that joins it.
pub(crate) fn thread_ends() -> Option<Stamp> {
    with_lane(|l, t| {
        l.end = Some(t);
        Stamp { lane: l.id, at: t }
    })
}

/// This thread, now: what a sync object keeps of who released, notified or sent last.
pub(crate) fn stamp_now() -> Option<Stamp> {
    with_lane(|l, t| Stamp { lane: l.id, at: t })
}

/// A new object of `kind`, called `name` (or `kind N`, the Nth of its kind): its number.
fn register(kind: Object, name: Option<&str>) -> u32 {
    let Some(r) = RECORDER.get() else { return 0 };
    let mut objects = lock(&r.objects);
    let name = name.map_or_else(
        || {
            let n = objects.iter().filter(|o| o.0 == kind).count() + 1;
            format!("{} {n}", kind.word())
        },
        String::from,
    );
    objects.push((kind, name));
    objects.len() as u32
}

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};

/// What each sync object of `common::sync` carries for the recorder: its number (given when it
/// is first recorded) and who last let others go on through it. Untouched when recording is
/// off.
#[derive(Debug, Default)]
pub(crate) struct Site {
    id: AtomicU32,
    /// Who last let others go on: [`Stamp::pack`]ed, 0 for nobody yet.
    last: AtomicU64,
}

impl Stamp {
    /// In one word, for an atomic: the lane (plus one: 0 is nobody) in the top 16 bits, the
    /// time in the other 48 (nine years of microseconds).
    fn pack(self) -> u64 {
        ((self.lane as u64 + 1) << 48) | (self.at & ((1 << 48) - 1))
    }

    fn unpack(word: u64) -> Option<Stamp> {
        (word != 0).then(|| Stamp {
            lane: (word >> 48) as usize - 1,
            at: word & ((1 << 48) - 1),
        })
    }
}

impl Site {
    pub(crate) const fn new() -> Site {
        Site {
            id: AtomicU32::new(0),
            last: AtomicU64::new(0),
        }
    }

    /// Its number, registered as an object of `kind` the first time.
    pub(crate) fn id(&self, kind: Object) -> u32 {
        match self.id.load(Relaxed) {
            0 => {
                let n = register(kind, None);
                // Two threads that race to register it: the first number is kept.
                match self.id.compare_exchange(0, n, Relaxed, Relaxed) {
                    Ok(_) => n,
                    Err(first) => first,
                }
            }
            n => n,
        }
    }

    /// Give it a name of its own (`account 3`), if recording.
    pub(crate) fn name(&self, kind: Object, name: &str) {
        if enabled() {
            let n = register(kind, Some(name));
            self.id.store(n, Relaxed);
        }
    }

    /// This thread, now, let others go on through it.
    pub(crate) fn mark(&self) {
        if let Some(s) = stamp_now() {
            self.last.store(s.pack(), Relaxed);
        }
    }

    /// Mark it with `s`, kept from earlier (a thread's end).
    pub(crate) fn set(&self, s: Option<Stamp>) {
        if let Some(s) = s {
            self.last.store(s.pack(), Relaxed);
        }
    }

    pub(crate) fn last(&self) -> Option<Stamp> {
        Stamp::unpack(self.last.load(Relaxed))
    }

    /// This thread calls `lock()` of the lock it stands for and may block.
    pub(crate) fn lock_waits(&self, kind: Object) {
        let n = self.id(kind);
        with_lane(|l, t| l.waits(n, t));
    }

    /// `lock()` returned: the thread holds it (woken, if it waited, by the last release).
    pub(crate) fn lock_takes(&self, kind: Object) {
        let n = self.id(kind);
        with_lane(|l, t| l.takes(n, t, self.last()));
    }

    /// The guard is dropped: the lock is about to be free.
    pub(crate) fn lock_releases(&self, kind: Object) {
        let n = self.id(kind);
        let s = with_lane(|l, t| {
            l.releases(n, t);
            Stamp { lane: l.id, at: t }
        });
        self.set(s);
    }

    /// This thread starts to wait on it (not a lock: a condvar, a barrier, a channel...).
    pub(crate) fn wait_starts(&self, kind: Object) {
        let n = self.id(kind);
        with_lane(|l, t| l.waits(n, t));
    }

    /// A pool worker, done with a job, waits for the next.
    pub(crate) fn idle_starts(&self, kind: Object) {
        let n = self.id(kind);
        with_lane(|l, t| {
            l.waits(n, t);
            l.idle = true;
        });
    }

    /// No wait after all: this thread goes on at once (it is the one that initialises).
    pub(crate) fn wait_cancelled(&self) {
        with_lane(|l, _| l.waiting = None);
    }

    /// The wait ended: `by` let it go on, or a time limit did.
    pub(crate) fn wait_ends(&self, by: Option<Stamp>, timed_out: bool) {
        with_lane(|l, t| l.wait_ends(t, by, timed_out));
    }

    /// The wait ended, `by` let it go on: kept however short (a barrier's early arrivals, the
    /// point of their lesson, may wait only microseconds when they arrive together).
    pub(crate) fn wait_ends_kept(&self, by: Option<Stamp>) {
        with_lane(|l, t| l.wait_ends_if_longer(t, by, false, 0));
    }
}

/// `main` has ended. Threads that are on their way out (a pool's workers, told to stop when the
/// pool was dropped) get a moment to end, so that they are not drawn as left behind; threads
/// asleep or waiting are not waited for. The chapter's output is all out by now.
fn settle(r: &Recorder) {
    let give_up = Instant::now() + Duration::from_millis(20);
    while Instant::now() < give_up {
        if !lock(&r.lanes).iter().any(|l| lock(l).busy()) {
            return;
        }
        thread::sleep(Duration::from_millis(1));
    }
}

/// Write the whole file again: everything finished, and what is still going on as open spans.
/// Into a file beside it first, then renamed, so that the runner never reads half a file.
fn write(r: &Recorder, complete: bool) {
    let lanes = lock(&r.lanes);
    let mut out = format!("{HEADER}\n");
    for (i, (kind, name)) in lock(&r.objects).iter().enumerate() {
        let r = Record::Object {
            id: i as u32 + 1,
            kind: *kind,
            name: name.clone(),
        };
        let _ = writeln!(out, "{r}");
    }
    for lane in lanes.iter() {
        lock(lane).records(&mut out);
    }

    let _ = writeln!(out, "{}", Record::End { at: now() });
    if complete {
        let _ = writeln!(out, "{}", Record::Complete);
    }
    let mut part = r.path.clone().into_os_string();
    part.push(".part");
    if std::fs::write(&part, out).is_ok() {
        let _ = std::fs::rename(&part, &r.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_packs_into_one_word_and_back() {
        for s in [
            Stamp { lane: 0, at: 0 },
            Stamp {
                lane: 65_534,
                at: (1 << 48) - 1,
            },
            Stamp {
                lane: 7,
                at: 3_000_001,
            },
        ] {
            assert_eq!(Stamp::unpack(s.pack()), Some(s));
        }
        assert_eq!(Stamp::unpack(0), None);
    }
}
