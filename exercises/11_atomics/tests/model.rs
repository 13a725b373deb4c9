//! The exercise's loom model: two threads add to one `Counter` twice each, on every schedule loom
//! explores (it switches threads at each atomic, each lock and the gap). Run by
//! `cargo xtask check 11`; it needs `--cfg loom`.
#![cfg(loom)]

use std::cell::RefCell;

use ex11_atomics::Counter;
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
fn four_additions_end_at_four_on_every_schedule() {
    loom::model(|| {
        TRACE.with(|t| t.borrow_mut().clear());
        let counter = Arc::new(Counter::new());
        let threads: Vec<_> = (0..2)
            .map(|name| {
                let counter = Arc::clone(&counter);
                thread::spawn(move || {
                    for n in 0..2 {
                        counter.add(|| {
                            note(format!("Thread {name}: in the gap of addition {n}"));
                            thread::yield_now();
                        });
                        note(format!("Thread {name}: addition {n} returned"));
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let value = counter.value();
        let trace = TRACE.with(|t| t.borrow().join("\n    "));
        assert_eq!(
            value, 4,
            "an addition was lost on this schedule:\n    {trace}\n    value at the end: {value}"
        );
    });
}
