//! The play runtime offers what std's sync types offer the chapters and exercises, with std's
//! semantics: each method here on every schedule of a small scenario (shuttle's depth-first
//! search through the play engine), where a failed `assert!` or a deadlock fails the test.
//! Built under `--cfg shuttle` only: `cargo xtask prove` runs these.
#![cfg(shuttle)]

use std::sync::atomic::{AtomicBool as Seen, AtomicUsize as Count, Ordering::SeqCst};
use std::time::Duration;

use common::sync::atomic::{self, AtomicBool, AtomicI8, AtomicPtr, AtomicU8, AtomicU64, Ordering};
use common::sync::thread::JoinHandle;
use common::sync::{Arc, Barrier, Condvar, Mutex, OnceLock, RwLock, TryLockError, mpsc};
use play::engine::{Level, join, spawn};

const HOUR: Duration = Duration::from_secs(3600);

/// Every schedule of `scenario`: on none does a thread panic (an `assert!` of it failed) or do
/// the threads deadlock, and the search saw them all; how many there were.
fn on_every_schedule(id: &'static str, scenario: fn()) -> usize {
    let level = Level {
        id,
        chapter: "common",
        title: id,
        goal: "break std's contract",
        hint: "",
        deadlock: None,
        fixed: Some("std's contract holds"),
        note: None,
        scenario,
    };
    let s = play::search::explore(&level, 50_000);
    assert!(s.failed.is_none(), "{id}: {:?}", s.failed);
    assert!(s.won.is_none(), "{id}: {:?}", s.won);
    assert!(s.complete, "{id}: {} schedules, not all seen", s.executions);
    s.executions
}

/// A count in a lock, and a condvar told at each change.
type Counted = Arc<(Mutex<usize>, Condvar)>;

/// A count, and `workers` threads that each add one and notify (all, or one).
fn counted(workers: usize, all: bool) -> (Counted, Vec<JoinHandle<()>>) {
    let shared = Arc::new((Mutex::new(0), Condvar::new()));
    let threads = (0..workers)
        .map(|w| {
            let shared = Arc::clone(&shared);
            spawn(&format!("Worker {w}"), "adds one", move || {
                *shared.0.lock().unwrap() += 1;
                if all {
                    shared.1.notify_all();
                } else {
                    shared.1.notify_one();
                }
            })
        })
        .collect();
    (shared, threads)
}

#[test]
fn wait_while_returns_once_its_condition_is_false_and_at_once_if_it_already_is() {
    on_every_schedule("wait_while", || {
        let (shared, mut threads) = counted(2, false);
        threads.push(spawn("Waiter", "wait_while", move || {
            let (lock, cv) = &*shared;
            let n = cv.wait_while(lock.lock().unwrap(), |n| *n < 2).unwrap();
            assert_eq!(*n, 2);
            drop(n);
            // Already false: no wait, so no notify is needed (one would deadlock here).
            let n = cv.wait_while(lock.lock().unwrap(), |n| *n < 2).unwrap();
            assert_eq!(*n, 2);
        }));
        join(threads);
    });
}

#[test]
fn wait_timeout_while_returns_not_timed_out_once_its_condition_is_false() {
    on_every_schedule("wait_timeout_while", || {
        let (shared, mut threads) = counted(2, false);
        threads.push(spawn("Waiter", "wait_timeout_while", move || {
            let (lock, cv) = &*shared;
            let (n, r) = cv
                .wait_timeout_while(lock.lock().unwrap(), HOUR, |n| *n < 2)
                .unwrap();
            assert_eq!((*n, r.timed_out()), (2, false));
        }));
        join(threads);
    });
}

#[test]
fn wait_timeout_returns_not_timed_out_when_notified() {
    on_every_schedule("wait_timeout", || {
        let (shared, mut threads) = counted(1, false);
        threads.push(spawn("Waiter", "wait_timeout", move || {
            let (lock, cv) = &*shared;
            let mut n = lock.lock().unwrap();
            while *n == 0 {
                let (again, r) = cv.wait_timeout(n, HOUR).unwrap();
                assert!(!r.timed_out());
                n = again;
            }
        }));
        join(threads);
    });
}

/// Two sleepers, one change told once: `notify_all` wakes both on every schedule, and
/// `notify_one` leaves one asleep on some (the search finds that deadlock).
#[test]
fn notify_all_wakes_every_waiter_and_notify_one_only_one() {
    fn two_sleepers(all: bool) {
        let (shared, mut threads) = counted(1, all);
        for w in 0..2 {
            let shared = Arc::clone(&shared);
            threads.push(spawn(&format!("Waiter {w}"), "wait_while", move || {
                let (lock, cv) = &*shared;
                drop(cv.wait_while(lock.lock().unwrap(), |n| *n == 0).unwrap());
            }));
        }
        join(threads);
    }
    on_every_schedule("notify_all", || two_sleepers(true));
    let level = Level {
        id: "notify_one",
        chapter: "common",
        title: "notify_one",
        goal: "leave a waiter asleep",
        hint: "",
        deadlock: Some("a waiter sleeps for ever"),
        fixed: None,
        note: None,
        scenario: || two_sleepers(false),
    };
    assert!(play::search::explore(&level, 50_000).won.is_some());
}

#[test]
fn a_mutex_try_lock_would_block_while_held_and_poison_is_std_s() {
    static WOULD_BLOCK: Seen = Seen::new(false);
    on_every_schedule("try_lock", || {
        let m = Arc::new(Mutex::from(1));
        let holder = Arc::clone(&m);
        let a = spawn("Holder", "holds the lock a step", move || {
            let mut g = holder.lock().unwrap();
            *g += 1;
            common::sync::step("holds it");
            assert_eq!(g.to_string(), "2", "a guard shows its data");
        });
        let b = spawn("Trier", "try_lock", move || match m.try_lock() {
            Ok(g) => assert!(*g == 1 || *g == 2),
            Err(TryLockError::WouldBlock) => WOULD_BLOCK.store(true, SeqCst),
            Err(TryLockError::Poisoned(_)) => panic!("not poisoned"),
        });
        join(vec![a, b]);
    });
    assert!(WOULD_BLOCK.load(SeqCst), "no schedule found the lock held");
    on_every_schedule("poison", || {
        let m = Arc::new(Mutex::new(0));
        let t = Arc::clone(&m);
        let a = spawn("Panics", "panics holding the lock", move || {
            let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let _g = t.lock().unwrap();
                panic!("on purpose");
            }));
            assert!(caught.is_err());
        });
        join(vec![a]);
        assert!(m.is_poisoned());
        assert!(m.lock().is_err());
        m.clear_poison();
        let mut m = Arc::into_inner(m).unwrap();
        *m.get_mut().unwrap() += 5;
        assert_eq!(m.into_inner().unwrap(), 5);
    });
}

#[test]
fn an_rwlock_lets_readers_share_and_try_write_would_block_behind_one() {
    static WOULD_BLOCK: Seen = Seen::new(false);
    on_every_schedule("rwlock", || {
        let l = Arc::new(RwLock::from(String::from("a")));
        let reader = Arc::clone(&l);
        let a = spawn("Reader", "reads a step", move || {
            let g = reader.read().unwrap();
            let seen = g.to_string();
            common::sync::step("reads");
            // No writer comes in while it reads.
            assert_eq!(g.to_string(), seen);
        });
        let w = Arc::clone(&l);
        let b = spawn("Writer", "try_write, try_read", move || {
            match w.try_write() {
                Ok(mut g) => g.push('b'),
                Err(TryLockError::WouldBlock) => WOULD_BLOCK.store(true, SeqCst),
                Err(TryLockError::Poisoned(_)) => panic!("not poisoned"),
            }
            // No writer holds it now: a read always gets in.
            assert!(w.try_read().is_ok());
        });
        join(vec![a, b]);
        let mut l = Arc::into_inner(l).unwrap();
        l.get_mut().unwrap().push('!');
        let s = l.into_inner().unwrap();
        assert!(s == "a!" || s == "ab!", "{s}");
    });
    assert!(WOULD_BLOCK.load(SeqCst), "no schedule found the reader in");
}

#[test]
fn a_channel_s_try_recv_recv_timeout_iter_and_try_iter_are_std_s() {
    on_every_schedule("channel", || {
        let (tx, rx) = mpsc::channel();
        let a = spawn("Sender", "sends 1, 2, 3", move || {
            for k in 1..=3 {
                tx.send(k).unwrap();
            }
        });
        let b = spawn("Receiver", "takes them", move || {
            // Whatever is there now, then one message (a timed recv that never times out
            // here), then the rest until the sender is gone.
            let mut got: Vec<i32> = rx.try_iter().collect();
            if got.len() < 3 {
                got.push(rx.recv_timeout(HOUR).unwrap());
            }
            got.extend(rx.iter());
            assert_eq!(got, [1, 2, 3]);
            assert_eq!(rx.try_recv(), Err(mpsc::TryRecvError::Disconnected));
            assert_eq!(
                rx.recv_timeout(HOUR),
                Err(mpsc::RecvTimeoutError::Disconnected)
            );
        });
        join(vec![a, b]);
    });
    on_every_schedule("sync_channel", || {
        let (tx, rx) = mpsc::sync_channel(1);
        assert_eq!(rx.try_recv(), Err(mpsc::TryRecvError::Empty));
        tx.try_send(1).unwrap();
        assert_eq!(tx.try_send(2), Err(mpsc::TrySendError::Full(2)));
        drop(tx);
        assert_eq!(rx.into_iter().collect::<Vec<_>>(), [1]);
    });
}

#[test]
fn a_barrier_lets_nobody_past_before_all_came_and_names_one_leader() {
    static LEADERS: Count = Count::new(0);
    on_every_schedule("barrier", || {
        LEADERS.store(0, SeqCst);
        let (barrier, came) = (Arc::new(Barrier::new(3)), Arc::new(Count::new(0)));
        let threads = (0..3)
            .map(|t| {
                let (barrier, came) = (Arc::clone(&barrier), Arc::clone(&came));
                spawn(&format!("Thread {t}"), "waits at the barrier", move || {
                    came.fetch_add(1, SeqCst);
                    if barrier.wait().is_leader() {
                        LEADERS.fetch_add(1, SeqCst);
                    }
                    assert_eq!(came.load(SeqCst), 3);
                })
            })
            .collect();
        join(threads);
        assert_eq!(LEADERS.load(SeqCst), 1);
    });
}

#[test]
fn a_once_lock_runs_its_initialiser_once_and_gives_everyone_its_value() {
    static RAN: Count = Count::new(0);
    on_every_schedule("once_lock", || {
        RAN.store(0, SeqCst);
        let cell = Arc::new(OnceLock::new());
        let threads = (0..2)
            .map(|t| {
                let cell = Arc::clone(&cell);
                spawn(&format!("Thread {t}"), "get_or_init", move || {
                    let v = cell.get_or_init(|| 10 + RAN.fetch_add(1, SeqCst));
                    assert_eq!(*v, 10);
                    assert_eq!(cell.set(99), Err(99));
                })
            })
            .collect();
        join(threads);
        assert_eq!(RAN.load(SeqCst), 1);
        let mut cell = Arc::into_inner(cell).unwrap();
        *cell.get_mut().unwrap() += 1;
        assert_eq!(cell.take(), Some(11));
        assert_eq!(OnceLock::from(3).into_inner(), Some(3));
    });
}

/// Each atomic operation returns what std's does, from the same values.
#[test]
fn every_atomic_operation_returns_what_std_s_does() {
    use std::sync::atomic as std_atomic;
    on_every_schedule("atomics", || {
        let o = Ordering::SeqCst;
        let (a, s) = (AtomicU8::from(250), std_atomic::AtomicU8::new(250));
        assert_eq!(a.fetch_add(10, o), s.fetch_add(10, o));
        assert_eq!(a.fetch_sub(1, o), s.fetch_sub(1, o));
        assert_eq!(a.fetch_and(0b1100, o), s.fetch_and(0b1100, o));
        assert_eq!(a.fetch_nand(0b0110, o), s.fetch_nand(0b0110, o));
        assert_eq!(a.fetch_or(0b1, o), s.fetch_or(0b1, o));
        assert_eq!(a.fetch_xor(0b11, o), s.fetch_xor(0b11, o));
        assert_eq!(a.fetch_max(7, o), s.fetch_max(7, o));
        assert_eq!(a.fetch_min(3, o), s.fetch_min(3, o));
        assert_eq!(a.swap(9, o), s.swap(9, o));
        assert_eq!(
            a.compare_exchange(1, 2, o, o),
            s.compare_exchange(1, 2, o, o)
        );
        assert_eq!(
            a.compare_exchange(9, 2, o, o),
            s.compare_exchange(9, 2, o, o)
        );
        let up = |v: u8| v.checked_mul(100);
        assert_eq!(a.fetch_update(o, o, up), s.fetch_update(o, o, up));
        assert_eq!(a.fetch_update(o, o, up), s.fetch_update(o, o, up));
        assert_eq!(a.load(o), s.load(o));
        let i = AtomicI8::new(-128);
        assert_eq!((i.fetch_sub(1, o), i.load(o)), (-128, 127));
        let (b, sb) = (AtomicBool::default(), std_atomic::AtomicBool::default());
        assert_eq!(b.fetch_not(o), sb.fetch_not(o));
        assert_eq!(b.fetch_and(true, o), sb.fetch_and(true, o));
        assert_eq!(b.fetch_nand(true, o), sb.fetch_nand(true, o));
        assert_eq!(b.fetch_or(true, o), sb.fetch_or(true, o));
        assert_eq!(b.fetch_xor(true, o), sb.fetch_xor(true, o));
        assert_eq!(
            b.compare_exchange_weak(false, true, o, o),
            sb.compare_exchange_weak(false, true, o, o)
        );
        assert_eq!(
            b.fetch_update(o, o, |v| Some(!v)),
            sb.fetch_update(o, o, |v| Some(!v))
        );
        let mut b = b;
        *b.get_mut() = true;
        assert!(b.into_inner());
        let (mut x, mut y) = (1, 2);
        let p = AtomicPtr::new(&mut x as *mut i32);
        assert_eq!(p.swap(&mut y, o), &mut x as *mut i32);
        assert!(p.compare_exchange(&mut x, &mut x, o, o).is_err());
        assert_eq!(p.into_inner(), &mut y as *mut i32);
        atomic::fence(o);
    });
}

/// Two threads' read-modify-writes never lose one another's: each is one step.
#[test]
fn read_modify_writes_from_two_threads_lose_nothing() {
    on_every_schedule("two_threads_rmw", || {
        let v = Arc::new(AtomicU64::new(0));
        let threads = (0..2)
            .map(|t| {
                let v = Arc::clone(&v);
                spawn(
                    &format!("Thread {t}"),
                    "sets its bit, adds one",
                    move || {
                        v.fetch_or(1 << (8 + t), Ordering::Relaxed);
                        v.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| Some(n + 1))
                            .unwrap();
                        let mut seen = v.load(Ordering::Relaxed);
                        while let Err(now) = v.compare_exchange_weak(
                            seen,
                            seen + 16,
                            Ordering::SeqCst,
                            Ordering::SeqCst,
                        ) {
                            seen = now;
                        }
                    },
                )
            })
            .collect();
        join(threads);
        assert_eq!(v.load(Ordering::SeqCst), (1 << 8) + (1 << 9) + 2 + 32);
    });
}
