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

pub use format::{HEADER, Micros, Object, Record};

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

/// The variable that names the file to record into. Unset: no recording.
pub const ENV: &str = "COURSE_TIMELINE";

/// Locks held (with their wait) for less than this, in lesson microseconds, are counted, not
/// kept one by one; other waits shorter than this are not kept.
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

/// What one thread did: finished records as lines of the file, and what is still going on.
#[derive(Default)]
struct Lane {
    id: usize,
    name: Option<String>,
    start: u64,
    end: Option<u64>,
    done: String,
    sleeping: Option<u64>,
    /// What it waits for, since when.
    waiting: Option<(u32, u64)>,
    /// The wait is a pool worker's for its next job: it may end at any moment.
    idle: bool,
    /// Locks held: which, since when, and since when it waited for it.
    holds: Vec<(u32, u64, u64)>,
    /// Brief locks being counted: from, to, how many, how long they waited in all.
    brief: Option<(u64, u64, u64, u64)>,
    /// The last value this thread gave each value's track.
    values: Vec<(String, i64)>,
}

impl Lane {
    fn push(&mut self, r: Record) {
        let _ = writeln!(self.done, "{r}");
    }

    fn sleep_starts(&mut self, t: u64) {
        self.sleeping = Some(t);
    }

    fn sleep_ends(&mut self, t: u64) {
        if let Some(from) = self.sleeping.take() {
            let lane = self.id;
            self.push(Record::Sleep {
                lane,
                from,
                to: Some(t),
            });
        }
    }

    fn log(&mut self, t: u64, text: &str) {
        self.push(Record::Log {
            lane: self.id,
            at: t,
            text: text.to_string(),
        });
    }

    fn waits(&mut self, n: u32, t: u64) {
        self.waiting = Some((n, t));
        self.idle = false;
    }

    fn wait(&self, from: u64, to: Option<u64>, on: u32) -> Record {
        Record::Wait {
            lane: self.id,
            from,
            to,
            on,
            timed_out: false,
        }
    }

    /// Who let this thread go on from its wait on `on` that ended at `t`, if they did it
    /// during the wait.
    fn woken(&mut self, by: Option<Stamp>, since: u64, t: u64, on: u32) {
        if let Some(by) = by.filter(|b| b.at >= since && b.lane != self.id) {
            self.push(Record::Wake {
                by: by.lane,
                at: by.at.min(t),
                woke: self.id,
                until: t,
                on,
            });
        }
    }

    fn takes(&mut self, n: u32, t: u64, by: Option<Stamp>) {
        let mut since = self.waiting.take().map_or(t, |w| w.1);
        if t - since >= BRIEF {
            // A long wait is kept whatever the hold turns out to be.
            let r = self.wait(since, Some(t), n);
            self.push(r);
            self.woken(by, since, t, n);
            since = t;
        }
        self.holds.push((n, t, since));
    }

    fn releases(&mut self, n: u32, t: u64) {
        let Some(i) = self.holds.iter().rposition(|h| h.0 == n) else {
            return;
        };
        let lane = self.id;
        let (_, taken, since) = self.holds.remove(i);
        if t - since >= BRIEF {
            if taken - since >= BRIEF / 10 {
                let r = self.wait(since, Some(taken), n);
                self.push(r);
            }
            self.push(Record::Hold {
                lane,
                from: taken,
                to: Some(t),
                lock: n,
            });
            return;
        }
        let waited = taken - since;
        self.brief = Some(match self.brief {
            // Close enough to the last ones: one more of them.
            Some((from, to, count, w)) if since <= to + BRIEF => {
                (from.min(since), to.max(t), count + 1, w + waited)
            }
            other => {
                if let Some((from, to, count, waited)) = other {
                    self.push(Record::Brief {
                        lane,
                        from,
                        to,
                        count,
                        waited,
                    });
                }
                (since, t, 1, waited)
            }
        });
    }

    /// A wait that is not for a lock ended at `t`: kept if it lasted [`BRIEF`] or more.
    fn wait_ends(&mut self, t: u64, by: Option<Stamp>, timed_out: bool) {
        let Some((on, since)) = self.waiting.take() else {
            return;
        };
        if t - since >= BRIEF {
            self.push(Record::Wait {
                lane: self.id,
                from: since,
                to: Some(t),
                on,
                timed_out,
            });
            if !timed_out {
                self.woken(by, since, t, on);
            }
        }
    }

    /// The lane's lines of the file: what is finished, then what is still going on, open.
    fn records(&self, out: &mut String) {
        let lane = self.id;
        let mut put = |r: Record| {
            let _ = writeln!(out, "{r}");
        };
        put(Record::Lane {
            lane,
            start: self.start,
            end: self.end,
            name: self.name.clone(),
        });
        *out += &self.done;
        let mut put = |r: Record| {
            let _ = writeln!(out, "{r}");
        };
        if let Some(from) = self.sleeping {
            put(Record::Sleep {
                lane,
                from,
                to: None,
            });
        }
        if let Some((from, to, count, waited)) = self.brief {
            put(Record::Brief {
                lane,
                from,
                to,
                count,
                waited,
            });
        }
        for &(n, taken, since) in &self.holds {
            if taken - since >= BRIEF / 10 {
                put(self.wait(since, Some(taken), n));
            }
            put(Record::Hold {
                lane,
                from: taken,
                to: None,
                lock: n,
            });
        }
        if let Some((n, from)) = self.waiting {
            put(self.wait(from, None, n));
        }
    }

    /// Still doing something the recorder cannot see the end of (not asleep, not waiting): a
    /// thread on its way out, say.
    fn busy(&self) -> bool {
        self.end.is_none() && self.sleeping.is_none() && (self.waiting.is_none() || self.idle)
    }

    /// The thread is gone: whatever it was waiting for or sleeping, it is not any more.
    fn ends(&mut self, t: u64) {
        self.end = self.end.or(Some(t));
        self.wait_ends(t, None, false);
        self.sleep_ends(t);
    }
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
        let lane = Arc::new(Mutex::new(Lane {
            id: lanes.len(),
            name: thread::current().name().map(String::from),
            start: now(),
            ..Lane::default()
        }));
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

    fn lines(l: &Lane) -> Vec<String> {
        let mut out = String::new();
        l.records(&mut out);
        out.lines().skip(1).map(String::from).collect()
    }

    #[test]
    fn sleeps_and_logs_are_kept_and_an_open_sleep_is_written_open() {
        let mut l = Lane::default();
        l.sleep_starts(10);
        l.sleep_ends(2_000_010);
        l.log(2_000_020, "Thread 0: finishing\tnow");
        l.sleep_starts(3_000_000);
        assert_eq!(
            lines(&l),
            [
                "sleep\t0\t10\t2000010",
                "log\t0\t2000020\tThread 0: finishing now",
                "sleep\t0\t3000000\t-"
            ]
        );
    }

    #[test]
    fn brief_locks_are_counted_and_long_ones_kept() {
        let mut l = Lane::default();
        // A thousand transfers of two locks, a few microseconds each, back to back.
        for i in 0..1000u64 {
            let t = 100 + i * 10;
            l.waits(1, t);
            l.takes(1, t + 1, None);
            l.waits(2, t + 2);
            l.takes(2, t + 4, None);
            l.releases(2, t + 6);
            l.releases(1, t + 7);
        }
        // Then a long hold after a long wait, and a wait that never ends.
        l.waits(1, 50_000);
        l.takes(1, 52_000, None);
        l.releases(1, 60_000);
        l.waits(2, 70_000);
        assert_eq!(
            lines(&l),
            [
                "wait\t0\t50000\t52000\t1\t-",
                "hold\t0\t52000\t60000\t1",
                "brief\t0\t100\t10097\t2000\t3000",
                "wait\t0\t70000\t-\t2\t-"
            ]
        );
    }

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

    #[test]
    fn a_gap_starts_a_new_count_and_held_locks_are_written_open() {
        let mut l = Lane::default();
        l.takes(1, 0, None);
        l.releases(1, 5);
        l.takes(1, 5_000, None);
        l.releases(1, 5_003);
        l.waits(3, 6_000);
        l.takes(3, 6_500, None);
        assert_eq!(
            lines(&l),
            [
                "brief\t0\t0\t5\t1\t0",
                "brief\t0\t5000\t5003\t1\t0",
                "wait\t0\t6000\t6500\t3\t-",
                "hold\t0\t6500\t-\t3"
            ]
        );
        assert!(l.busy());
        l.waits(4, 7_000);
        assert!(!l.busy());
    }
}
