//! The deadlock watch's lock: a mutex that notes who holds it and who waits for it.
//!
//! The threads really block in the mutex's `lock()` (std's, or loom's under `--cfg loom`, through
//! `common::sync`); the [`Lock`] only notes, around that call, what a reader of the [`Watch`]
//! needs: who waits for which lock, who holds which. From those notes, the [`Book`], a wait-for
//! cycle can be read: threads each waiting for a lock that the next one holds, which no thread in
//! it can break. A lock made with [`Lock::new`] notes nothing and costs one branch more than the
//! bare mutex.
//!
//! Every note goes through one place, [`Watch::note`], in the order the threads made them. The
//! timeline (`--timeline`) needs no note: `common::sync`'s mutex records each wait, take and
//! release itself, under the lock's name.

use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, PoisonError};

use common::sync::{Mutex, MutexGuard};

/// What happened to a watched lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The thread calls `lock()` and may block.
    Waits,
    /// `lock()` returned: the thread holds the lock.
    Takes,
    /// The guard drops: the lock is free again.
    Releases,
}

/// Who holds which lock, and who waits for which: the wait-for graph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Book {
    /// Lock name to the thread that holds it.
    pub holders: BTreeMap<String, String>,
    /// Thread name to the lock it waits for.
    pub waiting: BTreeMap<String, String>,
}

/// One thread of a wait-for cycle: it holds a lock that the thread before it waits for, and
/// waits for one that the next thread holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub thread: String,
    pub holds: String,
    pub waits_for: String,
}

impl Book {
    /// The first wait-for cycle, starting at its first thread by name; `None` when no thread
    /// waits in a cycle. A cycle never breaks by itself: every thread in it waits for another
    /// one in it. (No cycle does not mean no thread is stuck: a thread can block on a channel, a
    /// join or a lock that is not watched, or wait for a guard that was leaked.)
    pub fn cycle(&self) -> Option<Vec<Link>> {
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
            let n = cycle.len();
            return Some(
                (0..n)
                    .map(|i| Link {
                        thread: cycle[i].clone(),
                        // The lock the thread before it in the cycle waits for.
                        holds: waits_for(cycle[(i + n - 1) % n]),
                        waits_for: waits_for(cycle[i]),
                    })
                    .collect(),
            );
        }
        None
    }
}

/// The book shared by a set of watched locks. Lock names must be unique within one watch.
#[derive(Debug, Default)]
pub struct Watch {
    // std's mutex even under loom: the book is the watch's, not part of any lesson's model.
    book: std::sync::Mutex<Book>,
}

impl Watch {
    pub fn new() -> Arc<Self> {
        Arc::default()
    }

    /// Note that the current thread `event`s the lock `lock`. Every change to the book comes
    /// through here.
    pub fn note(&self, lock: &str, event: Event) {
        let me = current_name();
        // Only this function writes the book, and it never panics while doing so.
        let mut book = self.book.lock().unwrap_or_else(PoisonError::into_inner);
        match event {
            Event::Waits => {
                book.waiting.insert(me, lock.to_string());
            }
            Event::Takes => {
                book.waiting.remove(&me);
                book.holders.insert(lock.to_string(), me);
            }
            Event::Releases => {
                book.holders.remove(lock);
            }
        }
    }

    /// A copy of the book as it is now.
    pub fn book(&self) -> Book {
        self.book
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The wait-for cycle in the book now, if there is one. Read it once the threads have stopped
    /// making progress: a picture of threads that still move can be out of date as it is read.
    pub fn cycle(&self) -> Option<Vec<Link>> {
        self.book().cycle()
    }

    /// How many threads wait in `lock()` of a watched lock now.
    pub fn waiting(&self) -> usize {
        self.book().waiting.len()
    }
}

fn current_name() -> String {
    let me = std::thread::current();
    match me.name() {
        Some(name) => name.to_string(),
        None => format!("{:?}", me.id()),
    }
}

/// A mutex with a name, which notes in its [`Watch`] (if it has one) who holds it and who waits.
pub struct Lock<T> {
    name: String,
    watch: Option<Arc<Watch>>,
    mutex: Mutex<T>,
}

/// Holding a [`Lock`]: derefs to the data. Dropping it releases the lock, and notes it.
pub struct Guard<'a, T> {
    lock: &'a Lock<T>,
    data: MutexGuard<'a, T>,
}

impl<T> Lock<T> {
    /// A lock that notes nothing: the bare mutex, for timed runs and models.
    pub fn new(name: impl Into<String>, value: T) -> Self {
        let lock = Lock {
            name: name.into(),
            watch: None,
            mutex: Mutex::new(value),
        };
        // The timeline (`--timeline`) calls it by its name, as the chapter does.
        common::sync::name(&lock.mutex, &lock.name);
        lock
    }

    /// A lock that notes who holds it and who waits for it in `watch`.
    pub fn watched(watch: &Arc<Watch>, name: impl Into<String>, value: T) -> Self {
        Lock {
            watch: Some(Arc::clone(watch)),
            ..Lock::new(name, value)
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Take the lock, blocking as long as another thread holds it. On the thread that already
    /// holds it, std's `Mutex::lock` will not return: it may deadlock or panic.
    ///
    /// Panics if a thread panicked while holding it (the data may be half changed).
    /// (`#[track_caller]`: under `cargo xtask play` the screen shows the caller's line.)
    #[track_caller]
    pub fn lock(&self) -> Guard<'_, T> {
        self.note(Event::Waits);
        let data = self
            .mutex
            .lock()
            .expect("a thread panicked holding this lock");
        self.note(Event::Takes);
        Guard { lock: self, data }
    }

    fn note(&self, event: Event) {
        if let Some(watch) = &self.watch {
            watch.note(&self.name, event);
        }
    }
}

impl<T> Deref for Guard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.data
    }
}

impl<T> DerefMut for Guard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.data
    }
}

impl<T> Drop for Guard<'_, T> {
    fn drop(&mut self) {
        // Runs before the field `data` drops: the book never shows a free lock as held.
        self.lock.note(Event::Releases);
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    fn book(holders: &[(&str, &str)], waiting: &[(&str, &str)]) -> Book {
        let own = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        Book {
            holders: own(holders),
            waiting: own(waiting),
        }
    }

    fn link(thread: &str, holds: &str, waits_for: &str) -> Link {
        Link {
            thread: thread.into(),
            holds: holds.into(),
            waits_for: waits_for.into(),
        }
    }

    #[test]
    fn two_threads_waiting_for_each_other_are_a_cycle() {
        let b = book(
            &[("lock 1", "Thread A"), ("lock 2", "Thread B")],
            &[("Thread B", "lock 1"), ("Thread A", "lock 2")],
        );
        assert_eq!(
            b.cycle(),
            Some(vec![
                link("Thread A", "lock 1", "lock 2"),
                link("Thread B", "lock 2", "lock 1"),
            ])
        );
    }

    #[test]
    fn a_thread_waiting_for_a_lock_it_holds_is_a_cycle() {
        let b = book(&[("lock 0", "Thread 0")], &[("Thread 0", "lock 0")]);
        assert_eq!(b.cycle(), Some(vec![link("Thread 0", "lock 0", "lock 0")]));
    }

    #[test]
    fn a_chain_of_waits_is_not_a_cycle() {
        // A waits for B, B waits for a lock nobody holds: B will get it, then A.
        let b = book(
            &[("lock 2", "Thread B")],
            &[("Thread A", "lock 2"), ("Thread B", "lock 3")],
        );
        assert_eq!(b.cycle(), None);
        assert_eq!(Book::default().cycle(), None);
    }

    #[test]
    fn a_thread_waiting_on_a_cycle_is_stuck_but_not_part_of_it() {
        // Thread 0 waits for lock 1, held by A, which is in a cycle of three with B and C.
        let b = book(
            &[
                ("lock 1", "Thread A"),
                ("lock 2", "Thread B"),
                ("lock 3", "Thread C"),
            ],
            &[
                ("Thread 0", "lock 1"),
                ("Thread A", "lock 2"),
                ("Thread B", "lock 3"),
                ("Thread C", "lock 1"),
            ],
        );
        assert_eq!(
            b.cycle(),
            Some(vec![
                link("Thread A", "lock 1", "lock 2"),
                link("Thread B", "lock 2", "lock 3"),
                link("Thread C", "lock 3", "lock 1"),
            ])
        );
    }

    #[test]
    fn a_watched_lock_notes_its_holder_and_forgets_it_on_release() {
        let watch = Watch::new();
        let lock = Lock::watched(&watch, "account 0", 5);
        let t = std::thread::Builder::new()
            .name("thread 0".into())
            .spawn(move || {
                let mut g = lock.lock();
                *g += 1;
                let held = watch.book();
                drop(g);
                (held, watch.book(), *lock.lock())
            })
            .unwrap();
        let (held, after, value) = t.join().unwrap();
        assert_eq!(held, book(&[("account 0", "thread 0")], &[]));
        assert_eq!(after, Book::default());
        assert_eq!(value, 6);
    }

    #[test]
    fn an_unwatched_lock_is_a_plain_mutex() {
        let lock = Lock::new("lock", vec![1]);
        lock.lock().push(2);
        assert_eq!(*lock.lock(), vec![1, 2]);
        assert_eq!(lock.name(), "lock");
    }
}
