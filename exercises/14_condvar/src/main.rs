//! # Exercise 14: wait for the condition, not for a notify
//!
//! Chapter 14's lesson on a `Latch` (`src/lib.rs`). A latch is a count of workers not ready yet, in
//! a `Mutex<usize>`, and a `Condvar` that `count_down` notifies each time the count drops. Three
//! workers get ready after 1, 2 and 3 s, and `main` waits until all three are, for at most 5 s.
//! Then Waiter B comes, after they are all ready, and waits on the same latch. Last, Waiter C waits
//! on a latch of two for at most 2 s, and only one worker ever gets ready.
//!
//! As given, `wait_timeout` sleeps until the first notify and returns, whatever the count. So
//! `main` goes on at 00:00:01 with two workers not ready, which is the bug a condition variable
//! invites.
//!
//! ## Your task
//! In `src/lib.rs`, write `Latch::wait_timeout`. It returns `true` as soon as the count is 0 (at
//! once, if it already is). It returns `false` when the limit has passed with the count still above
//! 0, never earlier and never later, however many notifies come before. Then `main` goes on at
//! 00:00:03, Waiter B returns at once, and Waiter C gives up at its limit, 00:00:05.
//!
//! `cargo xtask check 14` runs the program, then a model in which two workers count down while Main
//! waits, on every schedule of their steps (on the play runtime, as `cargo xtask play` runs them).
//! A schedule on which the wait goes on too early, or sleeps for ever, is drawn, a lane per thread,
//! each step with its line.
//!
//! ## Hint
//! The count, not the waking, says whether to go on. Look at it under the lock, and sleep on the
//! `Condvar` in a `while` loop until it is 0. A notify may come for a count that is not 0 yet, and
//! std allows a wait to return with no notify at all (a spurious wake-up). `wait_timeout` takes a
//! duration. After a wake-up, sleep again only for what is left until the deadline, not for the
//! whole limit again. std's `Condvar::wait_timeout_while` is this same loop with its deadline,
//! written once. It is as right as the loop written out.
//!
//! ## If it differs
//! - `Main    : the wait returned after 1 s: 2 of 3 workers not ready` came: `main` woke at the
//!   first notify and went on although the count was not 0. The wait does not look at the count
//!   again after it wakes (an `if` where a `while` belongs, or no look at all).
//! - `Waiter B: the wait returned after 0 s: the latch was already open` is missing: Waiter B, who
//!   came when the count was already 0, slept. The wait does not look at the count before it
//!   sleeps, and waits for a notify that will never come again.
//! - `Waiter C: gave up after 2 s, 1 of 2 still not ready` is missing: Waiter C did not give up at
//!   its limit. After the notify at 00:00:04 it slept the whole limit again instead of what was
//!   left of it, or it went on with the count not 0.
//! - `Main    : the wait returned after [..]` came at another time: `main` did not wake when the
//!   last worker got ready. It looks at the count now and then instead of sleeping on the
//!   `Condvar`, or it gave up.
#![forbid(unsafe_code)]

use common::sync::Arc;
use common::sync::thread;
use std::time::Duration;

use ex14_condvar::Latch;
use log::info;

const SECOND: Duration = Duration::from_secs(1);

/// Start `name`, which gets ready after `secs` seconds and counts `latch` down.
fn worker(name: &'static str, latch: &Arc<Latch>, secs: u64) -> thread::JoinHandle<()> {
    let latch = Arc::clone(latch);
    thread::spawn(move || {
        common::sleep(Duration::from_secs(secs));
        info!("{name}: ready");
        latch.count_down();
    })
}

/// Wait on `latch` for at most `limit` (lesson time); the whole seconds since `since`, and
/// whether the latch opened. `since` is a lesson time read before the work the wait is for
/// began (before its workers were started): read after, it would miss the first moments of
/// their sleeps, and a wait of 3 s could read 2.99 s, which truncates to 2.
fn timed_wait(latch: &Latch, limit: Duration, since: Duration) -> (u64, bool) {
    let open = latch.wait_timeout(common::scaled(limit));
    ((common::elapsed() - since).as_secs(), open)
}

fn main() {
    common::start();

    info!(
        "Main    : 1. three workers get ready after 1, 2 and 3 s; main waits for all, at most 5 s"
    );
    let latch = Arc::new(Latch::new(3));
    let since = common::elapsed();
    let workers: Vec<_> = ["Worker 0", "Worker 1", "Worker 2"]
        .into_iter()
        .zip(1..)
        .map(|(name, secs)| worker(name, &latch, secs))
        .collect();
    let (took, open) = timed_wait(&latch, 5 * SECOND, since);
    match (open, latch.left()) {
        (true, 0) => info!("Main    : the wait returned after {took} s: all 3 workers ready"),
        (_, left) => {
            info!("Main    : the wait returned after {took} s: {left} of 3 workers not ready")
        }
    }
    for w in workers {
        w.join().expect("a worker panicked");
    }

    let b = {
        let latch = Arc::clone(&latch);
        thread::spawn(move || {
            info!("Waiter B: comes when all are ready, and waits, at most 2 s");
            match timed_wait(&latch, 2 * SECOND, common::elapsed()) {
                (took, true) => {
                    info!("Waiter B: the wait returned after {took} s: the latch was already open")
                }
                (took, false) => info!("Waiter B: gave up after {took} s"),
            }
        })
    };
    b.join().expect("Waiter B panicked");

    info!("Main    : 2. a latch of two, and only one worker; Waiter C waits at most 2 s");
    let two = Arc::new(Latch::new(2));
    let since = common::elapsed();
    let one = worker("Worker 3", &two, 1);
    match timed_wait(&two, 2 * SECOND, since) {
        (took, false) => info!(
            "Waiter C: gave up after {took} s, {} of 2 still not ready",
            two.left()
        ),
        (took, true) => info!("Waiter C: the wait returned after {took} s, the latch open"),
    }
    one.join().expect("a worker panicked");
}
