#![forbid(unsafe_code)]

use common::sync::thread;
use std::time::Duration;

use ch05_lock_fix::FakeDatabase;

/// `threads` threads each make `updates` locked updates, pausing in the gap.
fn run(threads: usize, updates: usize, pause: fn()) -> u64 {
    let db = FakeDatabase::new();
    thread::scope(|s| {
        for name in 0..threads {
            let db = &db;
            s.spawn(move || {
                for _ in 0..updates {
                    db.locked_update(name, pause);
                }
            });
        }
    });
    db.value()
}

#[test]
fn two_locked_updates_always_give_two() {
    for _ in 0..100 {
        assert_eq!(run(2, 1, || thread::sleep(Duration::from_millis(1))), 2);
    }
}

#[test]
fn many_threads_lose_no_update() {
    assert_eq!(run(8, 50, thread::yield_now), 400);
}

#[test]
fn a_panic_under_the_lock_poisons_it_for_the_next_thread() {
    let db = FakeDatabase::new();
    thread::scope(|s| {
        let first = s.spawn(|| db.locked_update(0, || panic!("failed in the gap")));
        assert!(first.join().is_err());
        // The lock is free again, but poisoned: the next update's `lock()` takes it and
        // returns the guard inside an `Err`, and its `expect` refuses the value.
        let second = s.spawn(|| db.locked_update(1, || {}));
        assert!(second.join().is_err());
    });
}
