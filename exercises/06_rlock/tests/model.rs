//! The exercise's loom model: `update_twice` in one thread while another reads the value, on
//! every schedule loom explores. The reader must see 0 or 2, never the half-done 1; the value
//! ends at 2; and no thread may wait for ever (loom reports a deadlock). Run by
//! `cargo xtask check 6`; it needs `--cfg loom`.
#![cfg(loom)]

use ex06_rlock::{new_db, update_twice, value};
use loom::sync::Arc;
use loom::thread;

#[test]
fn the_two_additions_are_seen_together_or_not_at_all() {
    loom::model(|| {
        let db = Arc::new(new_db(0));
        let worker = Arc::clone(&db);
        let t = thread::spawn(move || update_twice(&worker));
        let seen = value(&db);
        t.join().unwrap();
        assert!(
            seen == 0 || seen == 2,
            "another thread read {seen} while update_twice worked: it saw the two additions \
             half done, between two locks"
        );
        assert_eq!(value(&db), 2, "update_twice did not add two");
    });
}
