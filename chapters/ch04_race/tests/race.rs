#![forbid(unsafe_code)]

use common::sync::Barrier;
use common::sync::thread;

use ch04_race::FakeDatabase;

#[test]
fn one_update_is_lost_when_both_read_before_either_writes() {
    // The barrier is the worst case of the gap: neither thread writes until both have read.
    for _ in 0..20 {
        let db = FakeDatabase::new();
        let both_read = Barrier::new(2);
        thread::scope(|s| {
            for name in 0..2 {
                let (db, both_read) = (&db, &both_read);
                s.spawn(move || {
                    db.update(name, || {
                        both_read.wait();
                    })
                });
            }
        });
        assert_eq!(db.value(), 1);
    }
}

#[test]
fn updates_one_after_another_lose_nothing() {
    let db = FakeDatabase::new();
    db.update(0, || {});
    db.update(1, || {});
    assert_eq!(db.value(), 2);
}
