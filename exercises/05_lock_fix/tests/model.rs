//! The exercise's loom model: two threads update one `FakeDatabase`, on every schedule loom
//! explores (it switches threads at each atomic, each lock and the pause). Run by
//! `cargo xtask check 5`; it needs `--cfg loom`.
#![cfg(loom)]

use std::cell::RefCell;

use ex05_lock_fix::FakeDatabase;
use loom::sync::Arc;
use loom::thread;

thread_local! {
    /// What happened in the schedule being explored (loom runs all its threads on this one).
    static TRACE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn note(line: String) {
    TRACE.with(|t| t.borrow_mut().push(line));
}

#[test]
fn two_updates_end_at_two_on_every_schedule() {
    loom::model(|| {
        TRACE.with(|t| t.borrow_mut().clear());
        let db = Arc::new(FakeDatabase::new());
        let threads: Vec<_> = (0..2)
            .map(|name| {
                let db = Arc::clone(&db);
                thread::spawn(move || {
                    note(format!("Thread {name}: update starts"));
                    db.locked_update(name, || {
                        note(format!("Thread {name}: in the pause"));
                        thread::yield_now();
                    });
                    note(format!("Thread {name}: update returned"));
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let value = db.value();
        let trace = TRACE.with(|t| t.borrow().join("\n    "));
        assert_eq!(
            value, 2,
            "an update was lost on this schedule:\n    {trace}\n    value at the end: {value}"
        );
    });
}
