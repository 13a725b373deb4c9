//! The recorder behind `cargo xtask run --timeline`: what each thread did and when, written to
//! a file the runner names in [`ENV`]. Off unless the runner asks, and then it leaves the lesson
//! as it is: it only notes times around what the chapter does anyway (its sleeps, its log lines,
//! the watched locks of the `lab` crate) and never makes a thread wait for another.
//!
//! Each thread keeps its own lane (a thread-local, so recording costs a clock read and an
//! uncontended lock). Locks taken and given back within [`BRIEF`] are counted, not kept one by
//! one, so a bank's thousands of transfers stay a few lines. The file is rewritten after every
//! log line (so a chapter that hangs and is killed still leaves its story up to its last line)
//! and once more when `main` ends, when the thread-locals of the main thread are dropped.
//!
//! The format, one record a line, fields apart by tabs, times in microseconds of lesson time,
//! `-` for "not yet": `lane ID START END NAME`, `sleep ID FROM TO`, `wait ID FROM TO LOCK`,
//! `hold ID FROM TO LOCK`, `brief ID FROM TO COUNT WAITED`, `log ID AT TEXT`, `lock N NAME`,
//! `end AT`, and `complete` when `main` got to its end.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

/// The variable that names the file to record into. Unset: no recording.
pub const ENV: &str = "COURSE_TIMELINE";

/// Locks held (with their wait) for less than this, in lesson microseconds, are counted, not
/// kept one by one.
pub const BRIEF: u64 = 1_000;

struct Recorder {
    path: PathBuf,
    main: ThreadId,
    lanes: Mutex<Vec<Arc<Mutex<Lane>>>>,
    locks: Mutex<Locks>,
}

/// Lock names by number, and the numbers by (watch, name): names are unique in one watch.
#[derive(Default)]
struct Locks {
    names: Vec<String>,
    numbers: HashMap<usize, HashMap<String, u32>>,
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
            locks: Mutex::default(),
        });
        // The main thread's lane exists from the start, and its end writes the file.
        with_lane(|_, _| {});
    }
}

/// Whether this run is recorded.
pub fn enabled() -> bool {
    RECORDER.get().is_some()
}

fn now() -> u64 {
    crate::elapsed().as_micros() as u64
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
    /// The lock it waits for, since when.
    waiting: Option<(u32, u64)>,
    /// Locks held: which, since when, and since when it waited for it.
    holds: Vec<(u32, u64, u64)>,
    /// Brief locks being counted: from, to, how many, how long they waited in all.
    brief: Option<(u64, u64, u64, u64)>,
}

impl Lane {
    fn sleep_starts(&mut self, t: u64) {
        self.sleeping = Some(t);
    }

    fn sleep_ends(&mut self, t: u64) {
        if let Some(from) = self.sleeping.take() {
            let _ = writeln!(self.done, "sleep\t{}\t{from}\t{t}", self.id);
        }
    }

    fn log(&mut self, t: u64, text: &str) {
        let text = text.replace(['\t', '\n'], " ");
        let _ = writeln!(self.done, "log\t{}\t{t}\t{text}", self.id);
    }

    fn waits(&mut self, n: u32, t: u64) {
        self.waiting = Some((n, t));
    }

    fn takes(&mut self, n: u32, t: u64) {
        let mut since = self.waiting.take().map_or(t, |w| w.1);
        if t - since >= BRIEF {
            // A long wait is kept whatever the hold turns out to be.
            let _ = writeln!(self.done, "wait\t{}\t{since}\t{t}\t{n}", self.id);
            since = t;
        }
        self.holds.push((n, t, since));
    }

    fn releases(&mut self, n: u32, t: u64) {
        let Some(i) = self.holds.iter().rposition(|h| h.0 == n) else {
            return;
        };
        let (_, taken, since) = self.holds.remove(i);
        if t - since >= BRIEF {
            if taken - since >= BRIEF / 10 {
                let _ = writeln!(self.done, "wait\t{}\t{since}\t{taken}\t{n}", self.id);
            }
            let _ = writeln!(self.done, "hold\t{}\t{taken}\t{t}\t{n}", self.id);
            return;
        }
        let waited = taken - since;
        self.brief = Some(match self.brief {
            // Close enough to the last ones: one more of them.
            Some((from, to, count, w)) if since <= to + BRIEF => {
                (from.min(since), to.max(t), count + 1, w + waited)
            }
            other => {
                if let Some((from, to, count, w)) = other {
                    let _ = writeln!(self.done, "brief\t{}\t{from}\t{to}\t{count}\t{w}", self.id);
                }
                (since, t, 1, waited)
            }
        });
    }

    /// The lane's lines of the file: what is finished, then what is still going on, open.
    fn records(&self, out: &mut String) {
        let id = self.id;
        let end = self.end.map_or("-".into(), |e| e.to_string());
        let name = self
            .name
            .as_deref()
            .unwrap_or("-")
            .replace(['\t', '\n'], " ");
        let _ = writeln!(out, "lane\t{id}\t{}\t{end}\t{name}", self.start);
        *out += &self.done;
        if let Some(from) = self.sleeping {
            let _ = writeln!(out, "sleep\t{id}\t{from}\t-");
        }
        if let Some((from, to, count, waited)) = self.brief {
            let _ = writeln!(out, "brief\t{id}\t{from}\t{to}\t{count}\t{waited}");
        }
        for &(n, taken, since) in &self.holds {
            if taken - since >= BRIEF / 10 {
                let _ = writeln!(out, "wait\t{id}\t{since}\t{taken}\t{n}");
            }
            let _ = writeln!(out, "hold\t{id}\t{taken}\t-\t{n}");
        }
        if let Some((n, from)) = self.waiting {
            let _ = writeln!(out, "wait\t{id}\t{from}\t-\t{n}");
        }
    }

    /// Still doing something the recorder cannot see the end of (not asleep, not waiting for a
    /// lock): a thread on its way out, say.
    fn busy(&self) -> bool {
        self.end.is_none() && self.sleeping.is_none() && self.waiting.is_none()
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
        lock(lane).end = Some(now());
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
fn with_lane(f: impl FnOnce(&mut Lane, u64)) {
    if RECORDER.get().is_none() {
        return;
    }
    // A thread that is ending has no lane any more: what it does then goes unrecorded.
    let _ = LANE.try_with(|h| {
        if let Some(lane) = &h.0 {
            let mut lane = lock(lane);
            let t = now();
            f(&mut lane, t);
        }
    });
}

/// Around `common::sleep`.
pub(crate) fn sleep_starts() {
    with_lane(Lane::sleep_starts);
}

pub(crate) fn sleep_ends() {
    with_lane(Lane::sleep_ends);
}

/// A log line, as the logger wrote it; the file is brought up to date.
pub(crate) fn log(text: &str) {
    if let Some(r) = RECORDER.get() {
        with_lane(|l, t| l.log(t, text));
        write(r, false);
    }
}

/// Give this thread a lane from now, though it has not slept, logged or locked yet: for
/// equipment that starts threads the lesson does not name (a bank's workers).
pub fn thread_starts() {
    with_lane(|_, _| {});
}

/// What happened to a watched lock: the seam of `lab`'s deadlock watch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockEvent {
    /// The thread calls `lock()` and may block.
    Waits,
    /// `lock()` returned: the thread holds the lock.
    Takes,
    /// The guard dropped.
    Releases,
}

/// The current thread `event`s the lock called `name` in the watch `watch` (any number that
/// tells the watches apart while they live, such as their address).
pub fn lock_event(watch: usize, name: &str, event: LockEvent) {
    let Some(r) = RECORDER.get() else {
        return;
    };
    let n = {
        let mut locks = lock(&r.locks);
        // Looked up by `&str`: no allocation once a lock has its number.
        match locks.numbers.get(&watch).and_then(|m| m.get(name)) {
            Some(&n) => n,
            None => {
                locks.names.push(name.replace(['\t', '\n'], " "));
                let n = locks.names.len() as u32;
                let by_name = locks.numbers.entry(watch).or_default();
                by_name.insert(name.to_string(), n);
                n
            }
        }
    };
    with_lane(|l, t| match event {
        LockEvent::Waits => l.waits(n, t),
        LockEvent::Takes => l.takes(n, t),
        LockEvent::Releases => l.releases(n, t),
    });
}

/// `main` has ended. Threads that are on their way out (a pool's workers, told to stop when the
/// pool was dropped) get a moment to end, so that they are not drawn as left behind; threads
/// asleep or waiting for a lock are not waited for. The chapter's output is all out by now.
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
    let mut out = String::from("timeline 1\n");
    for (i, name) in lock(&r.locks).names.iter().enumerate() {
        let _ = writeln!(out, "lock\t{}\t{name}", i + 1);
    }
    for lane in lanes.iter() {
        lock(lane).records(&mut out);
    }
    let _ = writeln!(out, "end\t{}", now());
    if complete {
        out += "complete\n";
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
            l.takes(1, t + 1);
            l.waits(2, t + 2);
            l.takes(2, t + 4);
            l.releases(2, t + 6);
            l.releases(1, t + 7);
        }
        // Then a long hold after a long wait, and a wait that never ends.
        l.waits(1, 50_000);
        l.takes(1, 52_000);
        l.releases(1, 60_000);
        l.waits(2, 70_000);
        assert_eq!(
            lines(&l),
            [
                "wait\t0\t50000\t52000\t1",
                "hold\t0\t52000\t60000\t1",
                "brief\t0\t100\t10097\t2000\t3000",
                "wait\t0\t70000\t-\t2"
            ]
        );
    }

    #[test]
    fn a_gap_starts_a_new_count_and_held_locks_are_written_open() {
        let mut l = Lane::default();
        l.takes(1, 0);
        l.releases(1, 5);
        l.takes(1, 5_000);
        l.releases(1, 5_003);
        l.waits(3, 6_000);
        l.takes(3, 6_500);
        assert_eq!(
            lines(&l),
            [
                "brief\t0\t0\t5\t1\t0",
                "brief\t0\t5000\t5003\t1\t0",
                "wait\t0\t6000\t6500\t3",
                "hold\t0\t6500\t-\t3"
            ]
        );
        assert!(l.busy());
        l.waits(4, 7_000);
        assert!(!l.busy());
    }
}
