#![forbid(unsafe_code)]

use common::sync::Mutex;
use common::sync::thread;
use std::cell::RefCell;

use ch06_rlock::{mutex, pass_mut, reentrant};

#[test]
fn the_mutex_helper_works_on_its_own() {
    let db = Mutex::new(0);
    assert_eq!(mutex::add_one(&db), Ok(()));
    assert_eq!(*db.lock().unwrap(), 1);
}

#[test]
fn the_mutex_helper_under_its_caller_would_block() {
    let db = Mutex::new(0);
    assert_eq!(mutex::update_twice(&db), Err("WouldBlock"));
    assert_eq!(*db.lock().unwrap(), 0, "nothing was added");
}

#[test]
fn the_reentrant_lock_opens_only_when_the_last_guard_drops() {
    let db = reentrant::Db::new(RefCell::new(0));
    let held = reentrant::update_twice(&db, || {});
    assert_eq!(
        held,
        reentrant::Held {
            after_helpers: true,
            after_release: false
        }
    );
    assert_eq!(*db.lock().borrow(), 2);
}

#[test]
fn the_reentrant_lock_still_keeps_other_threads_out() {
    for _ in 0..20 {
        let db = reentrant::Db::new(RefCell::new(0));
        thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| reentrant::update_twice(&db, thread::yield_now));
            }
        });
        assert_eq!(*db.lock().borrow(), 8);
    }
}

#[test]
fn passing_mut_loses_nothing_across_threads() {
    for _ in 0..20 {
        let db = Mutex::new(0);
        thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| pass_mut::update_twice(&db, thread::yield_now));
                s.spawn(|| pass_mut::add_one(&db, thread::yield_now));
            }
        });
        assert_eq!(*db.lock().unwrap(), 12);
    }
}
