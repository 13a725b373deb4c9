//! # A semaphore: at most N at once
//!
//! Six jobs of one second each, all started at once, share a semaphore of two permits. A job must
//! hold a permit to work, so at most two work at any moment, and the others wait their turn.
//!
//! std has no semaphore, so `chapters/ch15_semaphore/src/lib.rs` builds one. It is a
//! `Mutex<usize>`, the count of free permits, and a `Condvar` to wait on while the count is zero.
//! That is chapter 14's pattern: the condition lives in the data, and the wait sits in a loop.
//! `acquire` returns a guard, and dropping the guard gives the permit back, as leaving Python's
//! `with sem:` block calls `release()`.
//!
//! ## What to look for
//! All six jobs wait at 00:00:00, and two get a permit at once. The jobs finish two by two, at
//! 00:00:01, 00:00:02 and 00:00:03, and each permit that comes back lets one waiting job in. Which
//! jobs go first is up to the scheduler, so the log leaves their numbers open.
//!
//! The last lines are computed. The six jobs took 3 s, and at most 2 were ever inside at once (a
//! counter each job raises after `acquire` and lowers before its permit goes back). Both permits
//! are free again at the end.
//!
//! A run shows one schedule. `cargo xtask prove` runs the same semaphore under loom
//! (`proofs/tests/loom_ch15.rs`; chapter 11 says what loom is). Among the schedules it runs, loom
//! finds none with more jobs inside than permits. It finds one as soon as the `while` that waits
//! for a permit is an `if`.
//!
//! ## Python original
//! "Semaphore" in Real Python's "An Intro to Threading in Python".
//! The article (https://realpython.com/intro-to-python-threading/) describes `threading.Semaphore`,
//! a counter that `acquire()` lowers and `release()` raises, and that blocks `acquire()` at zero.
//! It guards a resource of limited size, like a pool of connections. Here it would be
//! `sem = threading.Semaphore(2)`, and `with sem:` around each job.
//!
//! A Python thread may call `release()` more often than `acquire()`, which silently adds a permit.
//! A `BoundedSemaphore` does not stop that. Python's docs say it "checks to make sure its current
//! value doesn't exceed its initial value", and it raises `ValueError` only then. An extra
//! `release()` while other jobs hold their permits stays under that bound, and goes through.
//!
//! The twin's Try this shows it (`python/ch15_semaphore.py`, with one extra `release()` after each
//! job and a `BoundedSemaphore(2)`; `python3 python/ch15_semaphore.py --clock lesson`, 3 runs). The
//! first two jobs' extra releases passed at 00:00:01, and 4 jobs were inside at once. The first
//! `ValueError` came at 00:00:02, from a release that would have made 3 of 2.
//!
//! Here a permit goes back only when its guard is dropped, once per `acquire`. So there can never
//! be more permits than at the start, and none is given back that was not taken.
//!
//! ## If it differs
//! - `Main    : at most [..] jobs were inside at once` came: another number of jobs worked at once
//!   than the semaphore's two permits. A permit went back before its job's work was done
//!   (`let _ = semaphore.acquire()` drops the guard at once), or the semaphore has more permits.
//! - `Job [..]: got a permit, working` came at another time: a job waited longer or shorter than
//!   the lesson says. With N permits, six jobs of 1 s finish N at a time, at 1 s, 2 s, and so on.
//! - `Job [..]: done, gives its permit back` is missing: a job never finished. It waited for a
//!   permit that went back without waking it (`notify_one` left out), until the runner killed the
//!   chapter. Or it panicked.
//!
//! ## Try this
//! - In `chapters/ch15_semaphore/src/main.rs`, write `let _ = semaphore.acquire();` instead of
//!   `let _permit = ...`. `_` is no name, so the guard is dropped at once and gives the permit
//!   back. All six jobs work at once, and `cargo xtask run ch15` says at most 6 were inside.
//! - Run `cargo run -p ch15_semaphore -- --permits 3`. The jobs finish three by three, and the run
//!   takes 2 s.
//! - In `Permit::drop` (`chapters/ch15_semaphore/src/lib.rs`), leave out `notify_one`. The count
//!   goes up, but nobody wakes the four waiting jobs, and they wait until the runner kills the
//!   chapter after 20 s.
#![forbid(unsafe_code)]

use common::sync::atomic::{AtomicUsize, Ordering};
use common::sync::thread;
use std::time::Duration;

use ch15_semaphore::Semaphore;
use log::info;

const JOBS: usize = 6;
const WORK: Duration = Duration::from_secs(1);

fn main() {
    let lesson = common::Flags::new()
        .opt("permits", "N", "how many jobs may work at once (default 2)")
        .start();
    let permits: usize = lesson.value("permits", 2);

    info!(
        "Main    : {JOBS} jobs of {} s, one semaphore of {permits} permits",
        WORK.as_secs()
    );
    let semaphore = Semaphore::new(permits);
    // How many jobs are inside now, and the most there ever were. Relaxed is enough: the
    // semaphore's lock already orders one job's leaving before the next one's entering.
    let (inside, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let start = common::elapsed();
    thread::scope(|s| {
        for job in 0..JOBS {
            let (semaphore, inside, most) = (&semaphore, &inside, &most);
            s.spawn(move || {
                info!("Job {job}: waiting for a permit");
                let _permit = semaphore.acquire();
                let now = inside.fetch_add(1, Ordering::Relaxed) + 1;
                most.fetch_max(now, Ordering::Relaxed);
                info!("Job {job}: got a permit, working");
                common::sleep(WORK);
                inside.fetch_sub(1, Ordering::Relaxed);
                info!("Job {job}: done, gives its permit back");
                // `_permit` drops here: the permit goes back and wakes one waiting job.
            });
        }
    });
    let took = (common::elapsed() - start).as_secs();

    info!("Main    : the {JOBS} jobs took {took} s");
    info!(
        "Main    : at most {} jobs were inside at once",
        most.into_inner()
    );
    info!(
        "Main    : permits free at the end: {} of {permits}",
        semaphore.available()
    );
}
