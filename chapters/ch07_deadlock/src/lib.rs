//! Locks that say who holds them and who waits for them, and the detector that reads a deadlock
//! off that: a cycle of threads, each waiting for a lock that the next one holds.
//!
//! The threads really block in `std::sync::Mutex::lock`; the locks only write down, around that
//! call, what the detector needs. The pause between two locks is passed in, so a test or a model
//! can choose the timing.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::sync::{
    Arc, Mutex, MutexGuard, PoisonError,
    mpsc::{self, Receiver, RecvTimeoutError, Sender},
};
use std::thread;
use std::time::{Duration, Instant};

use log::info;

/// Who holds which lock, and who waits for which: the wait-for graph.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// Lock name to the thread that holds it.
    pub holders: BTreeMap<String, String>,
    /// Thread name to the lock it waits for.
    pub waiting: BTreeMap<String, String>,
}

/// One thread of a deadlock: it holds a lock that another thread of the cycle waits for, and
/// waits for one that the next thread holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub thread: String,
    pub holds: String,
    pub waits_for: String,
}

impl State {
    /// The first cycle in the graph, starting at its first thread by name; `None` when no
    /// thread waits in a cycle. A cycle never breaks by itself: every thread in it waits for
    /// another one in it.
    pub fn deadlock(&self) -> Option<Vec<Link>> {
        for start in self.waiting.keys() {
            // Follow: a thread, the lock it waits for, the thread that holds that lock, ...
            let mut path: Vec<&String> = Vec::new();
            let mut thread = start;
            let closed = loop {
                if path.contains(&thread) {
                    break true;
                }
                path.push(thread);
                match self
                    .waiting
                    .get(thread)
                    .and_then(|lock| self.holders.get(lock))
                {
                    Some(next) => thread = next,
                    // It waits for nothing, or for a free lock: this path ends.
                    None => break false,
                }
            };
            if !closed {
                continue;
            }
            // The cycle is the part of the path from the thread it came back to.
            let at = path.iter().position(|t| *t == thread).unwrap_or(0);
            let mut cycle: Vec<&String> = path[at..].to_vec();
            let first = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
            cycle.rotate_left(first);
            let waits_for = |t: &String| self.waiting[t].clone();
            return Some(
                (0..cycle.len())
                    .map(|i| Link {
                        thread: cycle[i].clone(),
                        // The lock the thread before it in the cycle waits for.
                        holds: waits_for(cycle[(i + cycle.len() - 1) % cycle.len()]),
                        waits_for: waits_for(cycle[i]),
                    })
                    .collect(),
            );
        }
        None
    }
}

/// The graph shared by a set of locks.
#[derive(Debug, Default)]
pub struct WaitGraph {
    state: Mutex<State>,
}

impl WaitGraph {
    pub fn new() -> Arc<Self> {
        Arc::default()
    }

    /// A copy of the graph as it is now.
    pub fn snapshot(&self) -> State {
        self.state().clone()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // Only this file writes the graph, and never panics while doing so.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A lock with a number and a name, `lock 1`, that writes down who holds it and who waits.
/// It guards no data (`Mutex<()>`): this chapter is about the order of locking only.
#[derive(Debug)]
pub struct Lock {
    pub number: u32,
    pub name: String,
    mutex: Mutex<()>,
    graph: Arc<WaitGraph>,
}

/// Holding a [`Lock`]. Dropping it releases the lock, and says so in the graph.
pub struct Guard<'a> {
    lock: &'a Lock,
    _held: MutexGuard<'a, ()>,
}

impl Lock {
    pub fn new(graph: &Arc<WaitGraph>, number: u32) -> Arc<Self> {
        Arc::new(Lock {
            number,
            name: format!("lock {number}"),
            mutex: Mutex::new(()),
            graph: Arc::clone(graph),
        })
    }

    /// Take the lock, blocking as long as another thread holds it; for ever if this thread does.
    pub fn lock(&self) -> Guard<'_> {
        let me = current_name();
        self.graph
            .state()
            .waiting
            .insert(me.clone(), self.name.clone());
        // The real wait. A poisoned `Mutex<()>` guards nothing that could be half changed.
        let held = self.mutex.lock().unwrap_or_else(PoisonError::into_inner);
        let mut state = self.graph.state();
        state.waiting.remove(&me);
        state.holders.insert(self.name.clone(), me);
        drop(state);
        Guard {
            lock: self,
            _held: held,
        }
    }
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        // Runs before the field `_held` drops: the graph never shows a free lock as held.
        self.lock.graph.state().holders.remove(&self.lock.name);
    }
}

fn current_name() -> String {
    thread::current().name().unwrap_or("a thread").to_string()
}

/// The notebook's cell: one thread acquires one lock twice. The second `lock()` never returns.
pub fn acquire_twice(l: &Lock) {
    let me = current_name();
    info!("{me}: before first acquire");
    let _first = l.lock();
    info!("{me}: before second acquire");
    let _second = l.lock();
    info!("{me}: acquired lock twice");
}

/// Take `first`, `pause` (the work done under it), then take `second`; release both.
pub fn take_both(first: &Lock, second: &Lock, pause: impl FnOnce()) {
    let me = current_name();
    info!("{me} about to take {}", first.name);
    let a = first.lock();
    info!("{me} has {}", first.name);
    pause();
    info!("{me} about to take {}", second.name);
    let b = second.lock();
    info!("{me} has {}", second.name);
    drop((b, a));
    info!("{me} released {} and {}", second.name, first.name);
}

/// The fix: whatever order a thread wants two locks in, it takes them in one global order, by
/// number. Two threads can then never each hold what the other waits for.
pub fn take_both_in_order(a: &Lock, b: &Lock, pause: impl FnOnce()) {
    if a.number <= b.number {
        take_both(a, b, pause)
    } else {
        take_both(b, a, pause)
    }
}

/// How a watched group of threads stands when `main` stops waiting.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every thread finished in time.
    Finished,
    /// Some have not, and these threads wait for each other in a cycle.
    Deadlock(Vec<Link>),
    /// Some have not, but no thread waits in a cycle: slow, not stuck.
    Unfinished,
}

/// Threads that say when they finish, so that `main` can wait for them with a time limit, which
/// `join` has not, and leave them behind if they never do.
pub struct Watch {
    done_tx: Sender<()>,
    done_rx: Receiver<()>,
    count: usize,
    /// How many have finished so far, kept across calls to `wait`.
    finished: std::cell::Cell<usize>,
}

impl Default for Watch {
    fn default() -> Self {
        let (done_tx, done_rx) = mpsc::channel();
        Watch {
            done_tx,
            done_rx,
            count: 0,
            finished: std::cell::Cell::new(0),
        }
    }
}

impl Watch {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many threads were started.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Start a thread with this name. Its handle is dropped: the thread is never joined.
    pub fn spawn(&mut self, name: &str, work: impl FnOnce() + Send + 'static) {
        let done = self.done_tx.clone();
        self.count += 1;
        thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                work();
                let _ = done.send(());
            })
            .expect("the system could not start a thread");
    }

    /// Wait until every thread has finished or `timeout` (real time) has passed, then say how
    /// they stand, reading a deadlock off `graph`.
    pub fn wait(&self, graph: &WaitGraph, timeout: Duration) -> Outcome {
        let deadline = Instant::now() + timeout;
        while self.finished.get() < self.count {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return match graph.snapshot().deadlock() {
                    Some(cycle) => Outcome::Deadlock(cycle),
                    None => Outcome::Unfinished,
                };
            }
            match self.done_rx.recv_timeout(left) {
                Ok(()) => self.finished.set(self.finished.get() + 1),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => unreachable!("`self` holds a sender"),
            }
        }
        Outcome::Finished
    }
}
