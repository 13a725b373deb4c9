//! Chapter 14's levels (`ch14_condvar`): condition variables: a signal and an event. Their words
//! and each breakable level's winning schedule are the table `ch14.json`, beside this file; the
//! scenarios are here.

use common::sync::Arc;
use common::sync::book;

use super::{Chapter, Scenario};
use crate::engine::{join, spawn};

fn ch14() {
    let signal = Arc::new(ch14_condvar::Signal::new());
    book::name_locks(&["the signal's lock"]);
    let s = Arc::clone(&signal);
    join(vec![
        spawn("Waiter", "Signal::wait", move || s.wait()),
        spawn("Notifier", "Signal::notify", move || signal.notify()),
    ]);
}

fn ch14_event() {
    let event = Arc::new(ch14_condvar::Event::new());
    book::name_locks(&["the event's lock"]);
    let e = Arc::clone(&event);
    book::show("flag", move || e.is_set().to_string());
    let e = Arc::clone(&event);
    join(vec![
        spawn("Waiter", "Event::wait", move || e.wait()),
        spawn("Setter", "Event::set", move || event.set()),
    ]);
}

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch14.json", include_str!("ch14.json")),
    scenarios: &[
        Scenario::new("ch14", ch14),
        Scenario::new("ch14-event", ch14_event),
    ],
    twins: &[("ch14-event", "ch14", "The waiter sleeps through the notify")],
    own_twins: &[],
};
