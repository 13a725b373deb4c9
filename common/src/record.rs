//! The recorder behind `cargo xtask run --timeline`: what each thread did and when, written to
//! a file the runner names in [`ENV`]. Off unless the runner asks, and then it leaves the lesson
//! as it is: it only notes times around what the chapter does anyway (its sleeps, its log lines,
//! the watched locks of the `lab` crate) and never makes a thread wait for another.
//!
//! Each thread keeps its own lane (a thread-local, so recording costs a clock read and an
//! uncontended lock). Locks taken and given back within [`BRIEF`] are counted, not kept one by
//! one, so a bank's tens of thousands of transfers stay a few lines. The file is rewritten after
//! every log line (so a chapter that hangs and is killed still leaves its story up to its last
//! line) and once more when `main` ends, when the thread-locals of the main thread are dropped.
//!
//! The format, one record a line, fields apart by tabs, times in microseconds of lesson time,
//! `-` for "not yet": `lane ID START END NAME`, `sleep ID FROM TO`, `wait ID FROM TO LOCK`,
//! `hold ID FROM TO LOCK`, `brief ID FROM TO COUNT WAITED`, `log ID AT TEXT`, `lock N NAME`,
//! `end AT`, and `complete` when `main` got to its end.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::{self, ThreadId};

/// The variable that names the file to record into. Unset: no recording.
pub const ENV: &str = "COURSE_TIMELINE";

/// Locks held (with their wait) for less than this, in lesson microseconds, are counted, not
/// kept one by one.
pub const BRIEF: u64 = 1_000;

struct Recorder {
    path: PathBuf,
    main: ThreadId,
    lanes: Mutex<Vec<Arc<Mutex<Lane>>>>,
    locks: Mutex<Vec<String>>,
}

#[derive(Default)]
struct Lane {
    id: usize,
    name: Option<String>,
    start: u64,
    end: Option<u64>,
    /// Finished records, as lines of the file.
    done: String,
    sleeping: Option<u64>,
    /// The lock it waits for, since when.
    waiting: Option<(u32, u64)>,
    /// Locks held: which, since when, and since when it waited for it.
    holds: Vec<(u32, u64, u64)>,
    /// Brief locks being counted: from, to, how many, how long they waited in all.
    brief: Option<(u64, u64, u64, u64)>,
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
    with_lane(|l, t| l.sleeping = Some(t));
}

pub(crate) fn sleep_ends() {
    with_lane(|l, t| {
        if let Some(from) = l.sleeping.take() {
            let _ = writeln!(l.done, "sleep\t{}\t{from}\t{t}", l.id);
        }
    });
}

/// A log line, as the logger wrote it; the file is brought up to date.
pub(crate) fn log(text: &str) {
    if let Some(r) = RECORDER.get() {
        with_lane(|l, t| {
            let text = text.replace(['\t', '\n'], " ");
            let _ = writeln!(l.done, "log\t{}\t{t}\t{text}", l.id);
        });
        write(r, false);
    }
}

/// A watched lock is made: its number for the calls below (0 when recording is off).
pub fn new_lock(name: &str) -> u32 {
    match RECORDER.get() {
        None => 0,
        Some(r) => {
            let mut locks = lock(&r.locks);
            locks.push(name.replace(['\t', '\n'], " "));
            locks.len() as u32
        }
    }
}

/// This thread is about to wait for lock `n`.
pub fn lock_waits(n: u32) {
    with_lane(|l, t| l.waiting = Some((n, t)));
}

/// This thread has lock `n`.
pub fn lock_taken(n: u32) {
    with_lane(|l, t| {
        let mut since = l.waiting.take().map_or(t, |w| w.1);
        if t - since >= BRIEF {
            // A long wait is kept whatever the hold turns out to be.
            let _ = writeln!(l.done, "wait\t{}\t{since}\t{t}\t{n}", l.id);
            since = t;
        }
        l.holds.push((n, t, since));
    });
}

/// This thread gave lock `n` back.
pub fn lock_released(n: u32) {
    with_lane(|l, t| {
        let Some(i) = l.holds.iter().rposition(|h| h.0 == n) else {
            return;
        };
        let (_, taken, since) = l.holds.remove(i);
        if t - since < BRIEF {
            l.brief = Some(match l.brief {
                // Close enough to the last ones: one more of them.
                Some((from, to, count, waited)) if since <= to + BRIEF => (
                    from.min(since),
                    to.max(t),
                    count + 1,
                    waited + (taken - since),
                ),
                other => {
                    if let Some((from, to, count, waited)) = other {
                        let _ =
                            writeln!(l.done, "brief\t{}\t{from}\t{to}\t{count}\t{waited}", l.id);
                    }
                    (since, t, 1, taken - since)
                }
            });
        } else {
            if taken - since >= BRIEF / 10 {
                let _ = writeln!(l.done, "wait\t{}\t{since}\t{taken}\t{n}", l.id);
            }
            let _ = writeln!(l.done, "hold\t{}\t{taken}\t{t}\t{n}", l.id);
        }
    });
}

/// `main` has ended. Threads that are on their way out (a pool's workers, told to stop when the
/// pool was dropped) get a moment to end, so that they are not drawn as left behind; threads
/// asleep or waiting for a lock are not waited for. The chapter's output is all out by now.
fn settle(r: &Recorder) {
    let give_up = std::time::Instant::now() + std::time::Duration::from_millis(20);
    while std::time::Instant::now() < give_up {
        let busy = lock(&r.lanes).iter().any(|l| {
            let l = lock(l);
            l.end.is_none() && l.sleeping.is_none() && l.waiting.is_none()
        });
        if !busy {
            return;
        }
        thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// Write the whole file again: everything finished, and what is still going on as open spans.
/// Into a file beside it first, then renamed, so that the runner never reads half a file.
fn write(r: &Recorder, complete: bool) {
    let lanes = lock(&r.lanes);
    let mut out = String::from("timeline 1\n");
    for (i, name) in lock(&r.locks).iter().enumerate() {
        let _ = writeln!(out, "lock\t{}\t{name}", i + 1);
    }
    for lane in lanes.iter() {
        let l = lock(lane);
        let id = l.id;
        let end = l.end.map_or("-".into(), |e| e.to_string());
        let name = l.name.as_deref().unwrap_or("-").replace(['\t', '\n'], " ");
        let _ = writeln!(out, "lane\t{id}\t{}\t{end}\t{name}", l.start);
        out += &l.done;
        if let Some(from) = l.sleeping {
            let _ = writeln!(out, "sleep\t{id}\t{from}\t-");
        }
        if let Some((from, to, count, waited)) = l.brief {
            let _ = writeln!(out, "brief\t{id}\t{from}\t{to}\t{count}\t{waited}");
        }
        for &(n, taken, since) in &l.holds {
            if taken - since >= BRIEF / 10 {
                let _ = writeln!(out, "wait\t{id}\t{since}\t{taken}\t{n}");
            }
            let _ = writeln!(out, "hold\t{id}\t{taken}\t-\t{n}");
        }
        if let Some((n, from)) = l.waiting {
            let _ = writeln!(out, "wait\t{id}\t{from}\t-\t{n}");
        }
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
