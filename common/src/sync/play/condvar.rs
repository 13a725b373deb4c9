//! std's `Condvar`, as shuttle schedules it.

use std::fmt;
use std::panic::Location;
use std::sync::{LockResult, PoisonError};
use std::time::Duration;

use shuttle::sync as sh;

use super::MutexGuard;
use super::book::{self, before, did, observing};

/// std's `Condvar`, as shuttle schedules it: a wait lets go of the lock and sleeps in one step.
pub struct Condvar {
    id: usize,
    cv: sh::Condvar,
}

pub use std::sync::WaitTimeoutResult;

impl Default for Condvar {
    fn default() -> Self {
        Condvar::new()
    }
}

impl fmt::Debug for Condvar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Condvar({})", self.id)
    }
}

impl Condvar {
    pub fn new() -> Self {
        let id = book::with(|b| {
            b.condvars += 1;
            b.condvars - 1
        });
        Condvar {
            id,
            cv: sh::Condvar::new(),
        }
    }

    #[track_caller]
    pub fn wait<'a, T: ?Sized>(&self, guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
        self.wait_at(guard, Location::caller())
    }

    /// One wait, a step: let go of the lock and sleep, until a notify; then take the lock back.
    fn wait_at<'a, T: ?Sized>(
        &self,
        mut guard: MutexGuard<'a, T>,
        at: &'static Location<'static>,
    ) -> LockResult<MutexGuard<'a, T>> {
        assert!(!observing(), "the engine never waits");
        let lock = guard.lock;
        let name = lock.name();
        // The lock is the one it takes back when woken (so the screen can say who holds it).
        before(
            at,
            format!("wait: let go of {name} and sleep"),
            Some(lock.id),
        );
        let me = book::me();
        // The data first, then the gate, which shuttle's wait releases and takes again.
        guard.hold.data = None;
        let gate = guard.hold.gate.take().expect("a guard holds its gate");
        drop(guard);
        // Still its holder in the book: shuttle's wait lets go of the gate after a scheduling
        // point of its own, and the book marks it free once the thread is seen asleep
        // (`book::saw`).
        book::with(|b| b.lane(me).sleeping = Some(self.id));
        let gate = self.cv.wait(gate).unwrap_or_else(PoisonError::into_inner);
        book::with(|b| {
            let lane = b.lane(me);
            lane.sleeping = None;
            lane.woke = false;
        });
        did(format!("took {name} back: wait returns"));
        lock.enter(gate, at)
    }

    /// std's `wait_while`: while `condition` holds of the data, wait (each wait a step, as
    /// [`wait`](Self::wait)); the condition is looked at under the lock, so a condition already
    /// false returns at once, with no step.
    #[track_caller]
    pub fn wait_while<'a, T: ?Sized, F: FnMut(&mut T) -> bool>(
        &self,
        mut guard: MutexGuard<'a, T>,
        mut condition: F,
    ) -> LockResult<MutexGuard<'a, T>> {
        let at = Location::caller();
        while condition(&mut *guard) {
            guard = self.wait_at(guard, at)?;
        }
        Ok(guard)
    }

    /// std's `wait_timeout`, in the model's time. Time does not pass in the model: a step takes
    /// none, so no limit ever runs out, and a timed wait ends as `wait` does, by a notify, and
    /// says it did not time out. std allows that ending (a notify that comes before the limit),
    /// so every schedule searched is one std allows; the schedules on which a limit runs out
    /// first are not searched (the run checks those), and a thread that only its limit would
    /// wake sleeps for ever here (shuttle reports a deadlock).
    #[track_caller]
    pub fn wait_timeout<'a, T: ?Sized>(
        &self,
        guard: MutexGuard<'a, T>,
        _limit: Duration,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        untimed(self.wait_at(guard, Location::caller()))
    }

    /// std's `wait_timeout_while`, in the model's time (see [`wait_timeout`](Self::wait_timeout)):
    /// [`wait_while`](Self::wait_while), whose limit never runs out, so it returns once the
    /// condition is false, not timed out.
    #[track_caller]
    pub fn wait_timeout_while<'a, T: ?Sized, F: FnMut(&mut T) -> bool>(
        &self,
        mut guard: MutexGuard<'a, T>,
        _limit: Duration,
        mut condition: F,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        let at = Location::caller();
        while condition(&mut *guard) {
            guard = untimed(self.wait_at(guard, at))?.0;
        }
        untimed(Ok(guard))
    }

    /// Who is asleep in this condvar's wait now: it let go of its lock, was seen blocked since,
    /// and has not taken a notify yet. (A thread still on its way into `wait` is not: a notify
    /// now does not wake it.)
    fn sleepers(&self) -> Vec<String> {
        book::with(|b| {
            b.lanes
                .iter()
                .filter(|l| l.sleeping == Some(self.id) && l.was_blocked && !l.woke)
                .map(|l| l.name.clone())
                .collect()
        })
    }

    /// What a notify did, in words: whom it woke.
    fn woken(how: &str, asleep: &[String]) -> String {
        match asleep {
            [] => format!("{how}: nobody was asleep in wait, so it woke nobody"),
            [one] => format!("{how}: wakes {one}"),
            _ if how == "notify_all" => format!("{how}: wakes {}", asleep.join(" and ")),
            _ => format!(
                "{how}: wakes one of {}, whichever runs first",
                asleep.join(" and ")
            ),
        }
    }

    #[track_caller]
    pub fn notify_one(&self) {
        if observing() {
            return;
        }
        before(Location::caller(), "notify_one".into(), None);
        // Who slept is read after shuttle's notify, which first lets the scheduler run others
        // (one may fall asleep meanwhile): the lanes as they were when the notify came.
        self.cv.notify_one();
        let asleep = self.sleepers();
        did(Self::woken("notify_one", &asleep));
    }

    #[track_caller]
    pub fn notify_all(&self) {
        if observing() {
            return;
        }
        before(Location::caller(), "notify_all".into(), None);
        // Who slept is read after shuttle's notify, which first lets the scheduler run others
        // (one may fall asleep meanwhile): the lanes as they were when the notify came.
        self.cv.notify_all();
        let asleep = self.sleepers();
        did(Self::woken("notify_all", &asleep));
    }
}

/// A wait's result with std's "not timed out" beside its guard.
fn untimed<G>(r: LockResult<G>) -> LockResult<(G, WaitTimeoutResult)> {
    let not_timed_out = crate::sync::not_timed_out();
    match r {
        Ok(g) => Ok((g, not_timed_out)),
        Err(p) => Err(PoisonError::new((p.into_inner(), not_timed_out))),
    }
}
