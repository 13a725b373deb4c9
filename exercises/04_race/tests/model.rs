//! The exercise's loom model: two threads update one `FakeDatabase`, on every schedule loom
//! explores (it switches threads at each atomic, each lock and the pause). Run by
//! `cargo xtask check 4`; it needs `--cfg loom`.
#![cfg(loom)]

use std::cell::RefCell;

use ex04_race::FakeDatabase;
use loom::sync::Arc;
use loom::thread;

thread_local! {
    /// What happened in the schedule being explored (loom runs all its threads on this one).
    static TRACE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn note(line: String) {
    TRACE.with(|t| t.borrow_mut().push(line));
}

/// The exercise's own log lines go into the trace too, so a schedule reads as its story.
struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        note(format!("  {}", record.args()));
    }
    fn flush(&self) {}
}

#[test]
fn two_updates_end_at_two_on_every_schedule() {
    let _ = log::set_logger(&Capture);
    log::set_max_level(log::LevelFilter::Debug);
    loom::model(|| {
        TRACE.with(|t| t.borrow_mut().clear());
        let db = Arc::new(FakeDatabase::new());
        let threads: Vec<_> = (0..2)
            .map(|name| {
                let db = Arc::clone(&db);
                thread::spawn(move || {
                    note(format!("Thread {name}: update starts"));
                    db.update(name, || {
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
        assert!(
            value == 2,
            "an update was lost on this schedule:\n    {trace}\n    value at the end: {value}, not 2"
        );
    });
}
