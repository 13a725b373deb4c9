//! The watchdog: threads that `main` waits for with patience, instead of `join`, which waits for
//! ever.
//!
//! A [`Group`] counts the progress its threads report and the threads that finish. When nothing
//! changes for the patience given to [`Group::wait`], the group is stuck: the watchdog says how
//! many threads wait in a watched lock and reads the wait-for cycle off the [`Watch`], if there
//! is one. Stuck threads are left where they are, never joined: they end when `main` returns.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::lock::{Link, Watch};

/// How often the watchdog looks. Far below any patience, far above the cost of looking.
const POLL: Duration = Duration::from_millis(5);

/// What a thread of a [`Group`] reports its progress with.
#[derive(Clone, Debug, Default)]
pub struct Progress(Arc<AtomicUsize>);

impl Progress {
    /// One more step done (a transfer, say).
    pub fn tick(&self) {
        // A count, read only to see whether it moved: no other memory hangs on it.
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    fn get(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}

/// How a group stands when `wait` returns.
#[derive(Debug)]
pub enum Outcome<R> {
    /// Every thread finished; what each returned, in the order they were spawned.
    Finished(R),
    /// Nothing changed for the whole patience.
    Stuck(Stuck),
}

/// A group that stopped making progress.
#[derive(Debug, PartialEq, Eq)]
pub struct Stuck {
    /// Steps the threads reported before it stopped.
    pub done: usize,
    /// Threads that have not finished.
    pub unfinished: usize,
    /// Threads waiting in `lock()` of a watched lock.
    pub waiting: usize,
    /// The wait-for cycle among the watched locks, when there is one: a deadlock. Without one
    /// the threads may be blocked elsewhere (a channel, a join, a lock that is not watched), or
    /// only slow.
    pub cycle: Option<Vec<Link>>,
}

/// Threads started together and watched together.
pub struct Group<R> {
    watch: Option<Arc<Watch>>,
    progress: Progress,
    threads: Vec<JoinHandle<R>>,
    started: usize,
}

impl<R: Send + 'static> Default for Group<R> {
    fn default() -> Self {
        Self::new()
    }
}

impl<R: Send + 'static> Group<R> {
    /// A group whose locks are not watched: the watchdog sees that it is stuck, not why.
    pub fn new() -> Self {
        Group {
            watch: None,
            progress: Progress::default(),
            threads: Vec::new(),
            started: 0,
        }
    }

    /// A group whose threads take locks noted in `watch`.
    pub fn watching(watch: &Arc<Watch>) -> Self {
        Group {
            watch: Some(Arc::clone(watch)),
            ..Group::new()
        }
    }

    /// How many threads were started.
    pub fn len(&self) -> usize {
        self.started
    }

    pub fn is_empty(&self) -> bool {
        self.started == 0
    }

    /// Start a thread with this name (the name the watch knows it by).
    pub fn spawn(&mut self, name: &str, work: impl FnOnce(&Progress) -> R + Send + 'static) {
        let progress = self.progress.clone();
        let handle = thread::Builder::new()
            .name(name.to_string())
            .spawn(move || work(&progress))
            .expect("the system could not start a thread");
        self.threads.push(handle);
        self.started += 1;
    }

    /// Wait until every thread has finished, or until no step was reported and no thread
    /// finished for `patience` (lesson time: `--speed` shortens it). Can be called again on a
    /// stuck group.
    pub fn wait(&mut self, patience: Duration) -> Outcome<Vec<R>> {
        let patience = common::scaled(patience);
        let finished =
            |threads: &[JoinHandle<R>]| threads.iter().filter(|t| t.is_finished()).count();
        let mut seen = (self.progress.get(), finished(&self.threads));
        let mut since = Instant::now();
        // It polls, with std's sleep: the timeline draws the whole of it as a wait.
        let _waiting = common::record::waiting("the group's threads");
        while seen.1 < self.threads.len() {
            thread::sleep(POLL);
            let now = (self.progress.get(), finished(&self.threads));
            if now != seen {
                (seen, since) = (now, Instant::now());
            } else if since.elapsed() >= patience {
                return Outcome::Stuck(Stuck {
                    done: now.0,
                    unfinished: self.threads.len() - now.1,
                    waiting: self.watch.as_ref().map_or(0, |w| w.waiting()),
                    cycle: self.watch.as_ref().and_then(|w| w.cycle()),
                });
            }
        }
        Outcome::Finished(
            self.threads
                .drain(..)
                .map(|t| t.join().expect("a watched thread panicked"))
                .collect(),
        )
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use crate::lock::Lock;
    use std::sync::Barrier;

    /// Long enough that a busy machine does not make a live thread look stuck.
    const PATIENCE: Duration = Duration::from_secs(1);

    /// For threads that are blocked for good: any patience finds them stuck, so a short one
    /// (a patience that runs out before they block is waited again: `stuck_in_a_cycle`).
    const BLOCKED: Duration = Duration::from_millis(200);

    /// Wait until the group is stuck with a cycle of waits: a thread may still be on its way to
    /// the lock when the first patience runs out.
    fn stuck_in_a_cycle(group: &mut Group<()>) -> Stuck {
        for _ in 0..50 {
            match group.wait(BLOCKED) {
                Outcome::Stuck(s) if s.cycle.is_some() => return s,
                Outcome::Stuck(_) => continue,
                Outcome::Finished(_) => panic!("the threads finished: no deadlock"),
            }
        }
        panic!("no cycle of waits within 50 patiences");
    }

    #[test]
    fn threads_that_finish_are_joined_with_their_results() {
        let mut group = Group::new();
        for i in 0..3 {
            group.spawn(&format!("t{i}"), move |p| {
                p.tick();
                i * 10
            });
        }
        match group.wait(PATIENCE) {
            Outcome::Finished(r) => assert_eq!(r, vec![0, 10, 20]),
            Outcome::Stuck(s) => panic!("stuck: {s:?}"),
        }
        assert_eq!(group.len(), 3);
    }

    #[test]
    fn slow_threads_that_keep_reporting_are_not_stuck() {
        let mut group = Group::new();
        group.spawn("slow", |p| {
            // Longer than the patience in all, but never silent for that long.
            for _ in 0..8 {
                thread::sleep(PATIENCE / 5);
                p.tick();
            }
        });
        assert!(matches!(group.wait(PATIENCE), Outcome::Finished(_)));
    }

    #[test]
    fn a_lock_taken_twice_by_one_thread_is_a_cycle_of_one() {
        let watch = Watch::new();
        let lock = Lock::watched(&watch, "lock 0", ());
        let mut group = Group::watching(&watch);
        // The thread stays blocked; it ends with the test process.
        group.spawn("Thread 0", move |_| {
            let _first = lock.lock();
            let _second = lock.lock();
        });
        let stuck = stuck_in_a_cycle(&mut group);
        assert_eq!(stuck.unfinished, 1);
        assert_eq!(stuck.waiting, 1);
        let cycle = stuck.cycle.expect("a cycle");
        assert_eq!(cycle.len(), 1);
        assert_eq!(
            (cycle[0].thread.as_str(), cycle[0].holds.as_str()),
            ("Thread 0", "lock 0")
        );
    }

    #[test]
    fn opposite_orders_are_found_as_a_cycle_of_two() {
        let watch = Watch::new();
        let (a, b) = (
            Arc::new(Lock::watched(&watch, "lock 1", ())),
            Arc::new(Lock::watched(&watch, "lock 2", ())),
        );
        let both = Arc::new(Barrier::new(2));
        let mut group = Group::watching(&watch);
        for (name, first, second) in [("A", &a, &b), ("B", &b, &a)] {
            let (first, second, both) = (Arc::clone(first), Arc::clone(second), Arc::clone(&both));
            group.spawn(name, move |p| {
                let _one = first.lock();
                both.wait();
                p.tick();
                let _two = second.lock();
            });
        }
        let stuck = stuck_in_a_cycle(&mut group);
        assert_eq!((stuck.done, stuck.unfinished, stuck.waiting), (2, 2, 2));
        let cycle = stuck.cycle.expect("a cycle");
        let threads: Vec<&str> = cycle.iter().map(|l| l.thread.as_str()).collect();
        assert_eq!(threads, ["A", "B"]);
        assert_eq!(cycle[0].waits_for, "lock 2");
        // Waiting again changes nothing: they are still stuck.
        assert!(matches!(group.wait(BLOCKED), Outcome::Stuck(_)));
    }

    #[test]
    fn a_thread_blocked_elsewhere_is_stuck_without_a_cycle() {
        let (_keep, rx) = std::sync::mpsc::channel::<()>();
        let mut group = Group::watching(&Watch::new());
        group.spawn("waits on a channel", move |_| {
            let _ = rx.recv();
        });
        match group.wait(BLOCKED) {
            Outcome::Stuck(s) => assert_eq!((s.waiting, s.cycle), (0, None)),
            Outcome::Finished(_) => panic!("finished"),
        }
    }
}
