//! # Waiting for a condition: Condvar, Event and Timer
//!
//! A thread that must wait until something is true should sleep, not spin. A `Condvar`, a condition
//! variable, lets it sleep until another thread notifies it. But the condition itself lives in data
//! beside it, here a `Mutex<bool>`. That pair is Python's `threading.Event`
//! (`chapters/ch14_condvar/src/lib.rs`).
//!
//! The waiter looks at the flag under the lock, and sleeps in a `while` loop until the flag is up.
//! Without the flag, a notify that comes before the wait is lost. `wait_timeout` gives a wait a
//! limit. With it comes Python's `threading.Timer`, a thread that waits for a cancel and acts if
//! none comes.
//!
//! ## What to look for
//! Waiter A falls asleep at 00:00:00 and wakes at 00:00:01, the moment `main` sets the event.
//! Waiter B comes after the set, and its `wait()` returns at once, because the flag remembers the
//! set. Waiter C waits on a bare `Condvar` that `main` notified before C came. Nothing remembers
//! that notify, and C gives up at its limit, at 00:00:02.
//!
//! Two Timers start at 00:00:02. Timer 1 waits out its 1 s and acts at 00:00:03. Timer 2 is
//! cancelled at 00:00:03 and wakes then, at the notify, not at the end of its 2 s, and does not
//! act.
//!
//! ## Why the wait sits in a loop
//! The `while` around the wait has two reasons. std's docs say `Condvar::wait` may wake spuriously,
//! with no notify. And between the notify and the waiter's taking the lock again, another thread
//! may take what the waiter was woken for. (Chapter 15's semaphore shows that: a job woken for a
//! permit can find it gone, and its loom model shows the schedule.) Either way the data, not the
//! waking, says whether to go on.
//!
//! `Condvar::wait_while` is that loop written once. Like the `while`, it waits as long as its
//! condition is true. `wait_timeout_while` is the loop with a deadline.
//!
//! ## Python original
//! `threading.Condition`, `threading.Event` and `threading.Timer`, with `cancel()`.
//! Real Python's "An Intro to Threading in Python"
//! (https://realpython.com/intro-to-python-threading/) stops its producer and consumer with an
//! `Event`, and starts a function later with a `Timer`. Python's documentation
//! (https://docs.python.org/3/library/threading.html) describes `Condition`, whose `wait` also
//! belongs in a loop. Its `wait_for(predicate)` is that loop too, but it waits until the predicate
//! is true. `wait_while` waits while its condition is true, so it takes the opposite condition.
//! CPython's `Event` is itself a `Condition` and a flag. Its `Timer` is a thread that waits on an
//! `Event` with a timeout, as here.
//!
//! ## If it differs
//! - `Waiter A: woke: the event is set` came at another time: Waiter A did not wake at the set. It
//!   looked at the flag now and then (a sleep in a loop) instead of sleeping on the `Condvar`, and
//!   its first look after the set came in a later second. (A shorter poll passes this check. It
//!   costs CPU time and latency, which a log of whole seconds cannot show.)
//! - `Waiter A: woke: the event is set` is missing: Waiter A never woke. `set` raised the flag but
//!   notified nobody (`notify_all` is gone), and the runner stopped the chapter.
//! - `Waiter B: wait() returned after 0 s: the flag was already up` is missing: Waiter B, which
//!   came after the set, did not return at once. `wait` no longer looks at the flag before it
//!   sleeps, so it waits for a notify that came before it, for ever, until the runner stops it.
//! - `Waiter C: woke before its limit[..]` came: the bare `Condvar` woke Waiter C with no notify
//!   after its wait. That is a spurious wake-up, which std allows, or a notify from elsewhere.
//! - `Timer 2: cancelled[..]` came at another time: Timer 2 did not wake at the cancel. `cancel`
//!   raised the flag without a notify, so the timer saw it only at the end of its 2 s.
//! - `Timer 2: no cancel within 2 s: acts` came: Timer 2 acted although it was cancelled. It no
//!   longer looks at the flag when its wait ends.
//!
//! ## Try this
//! - In `chapters/ch14_condvar/src/lib.rs`, replace the `while` in `Event::wait` with `if`. Every
//!   run still passes, since std's `Condvar` on Linux practically never wakes spuriously, and
//!   nothing here takes the flag down again. A run cannot show that the loop is needed, and that is
//!   why it is the rule.
//! - In `Event::wait`, drop the flag and only call `self.changed.wait(set)` once. Waiter B now
//!   sleeps for ever, and `cargo xtask run ch14` kills the chapter and says why.
//!   `cargo xtask prove` shows loom finding the same lost wake-up in `Signal`. (Chapter 11 says
//!   what loom is.)
//! - In `Event::set`, remove `notify_all`. The flag goes up, but Waiter A sleeps on, for ever, and
//!   the runner kills the chapter after 20 s.
#![forbid(unsafe_code)]

use common::sync::Arc;
use common::sync::thread::{self, JoinHandle};
use std::time::Duration;

use ch14_condvar::{Event, Signal};
use log::info;

const SECOND: Duration = Duration::from_secs(1);

/// Python's `threading.Timer`: a thread that waits `interval` for a cancel, and acts if none
/// came.
struct Timer {
    cancelled: Arc<Event>,
    thread: JoinHandle<()>,
}

impl Timer {
    fn start(name: &'static str, interval: Duration) -> Timer {
        let cancelled = Arc::new(Event::new());
        let started = common::elapsed();
        let thread = {
            let cancelled = Arc::clone(&cancelled);
            thread::spawn(move || {
                if cancelled.wait_timeout(common::scaled(interval)) {
                    let after = (common::elapsed() - started).as_secs();
                    info!(
                        "{name}: cancelled after {after} s, before its {} s were up: does not act",
                        interval.as_secs()
                    );
                } else {
                    info!("{name}: no cancel within {} s: acts", interval.as_secs());
                }
            })
        };
        Timer { cancelled, thread }
    }

    fn cancel(&self) {
        self.cancelled.set();
    }

    fn join(self) {
        self.thread.join().expect("a timer panicked");
    }
}

fn main() {
    common::start();

    info!("Main    : 1. An Event (Mutex<bool> and Condvar): Waiter A waits until main sets it");
    let event = Arc::new(Event::new());
    let a = {
        let event = Arc::clone(&event);
        thread::spawn(move || {
            info!("Waiter A: waiting for the event");
            event.wait();
            info!("Waiter A: woke: the event is set");
        })
    };
    common::sleep(SECOND);
    info!("Main    : set the event");
    event.set();
    let b = {
        let event = Arc::clone(&event);
        thread::spawn(move || {
            info!("Waiter B: comes after the set, and waits for the event");
            let before = common::elapsed();
            event.wait();
            let waited = (common::elapsed() - before).as_secs();
            info!("Waiter B: wait() returned after {waited} s: the flag was already up");
        })
    };
    a.join().expect("Waiter A panicked");
    b.join().expect("Waiter B panicked");

    info!("Main    : 2. No flag: a bare Condvar, notified before Waiter C comes");
    let signal = Arc::new(Signal::new());
    signal.notify();
    info!("Main    : notified, with nobody waiting yet");
    let c = {
        let signal = Arc::clone(&signal);
        thread::spawn(move || {
            info!("Waiter C: waits for a notify, for at most 1 s");
            if signal.wait_timeout(common::scaled(SECOND)) {
                info!("Waiter C: woke before its limit, with no notify since it began to wait");
            } else {
                info!("Waiter C: gave up after 1 s: the notify came before the wait and was lost");
            }
        })
    };
    c.join().expect("Waiter C panicked");

    info!("Main    : 3. Timers of 1 s and 2 s, built on Event::wait_timeout; main cancels Timer 2");
    let timer1 = Timer::start("Timer 1", SECOND);
    let timer2 = Timer::start("Timer 2", 2 * SECOND);
    common::sleep(SECOND);
    info!("Main    : cancel Timer 2");
    timer2.cancel();
    timer1.join();
    timer2.join();
}
