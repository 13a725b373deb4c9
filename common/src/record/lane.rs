//! One thread's lane of the recording: what it did, kept as lines of the file as each thing
//! ends, and what it is still doing, written open. Each thread writes only its own lane.

use std::fmt::Write as _;

use super::{BRIEF, Record, Stamp};

/// What one thread did: finished records as lines of the file, and what is still going on.
#[derive(Default)]
pub(super) struct Lane {
    pub(super) id: usize,
    pub(super) name: Option<String>,
    pub(super) start: u64,
    pub(super) end: Option<u64>,
    done: String,
    sleeping: Option<u64>,
    /// What it waits for, since when.
    pub(super) waiting: Option<(u32, u64)>,
    /// The wait is a pool worker's for its next job: it may end at any moment.
    pub(super) idle: bool,
    /// Locks held: which, since when, and since when it waited for it.
    holds: Vec<(u32, u64, u64)>,
    /// Brief locks being counted: from, to, how many, how long they waited in all.
    brief: Option<(u64, u64, u64, u64)>,
    /// The last value this thread gave each value's track.
    pub(super) values: Vec<(String, i64)>,
}

impl Lane {
    /// The lane `id` of a thread called `name` (if it has a name), from `start`.
    pub(super) fn new(id: usize, name: Option<String>, start: u64) -> Lane {
        Lane {
            id,
            name,
            start,
            ..Lane::default()
        }
    }

    pub(super) fn push(&mut self, r: Record) {
        let _ = writeln!(self.done, "{r}");
    }

    pub(super) fn sleep_starts(&mut self, t: u64) {
        self.sleeping = Some(t);
    }

    pub(super) fn sleep_ends(&mut self, t: u64) {
        if let Some(from) = self.sleeping.take() {
            let lane = self.id;
            self.push(Record::Sleep {
                lane,
                from,
                to: Some(t),
            });
        }
    }

    pub(super) fn log(&mut self, t: u64, text: &str) {
        self.push(Record::Log {
            lane: self.id,
            at: t,
            text: text.to_string(),
        });
    }

    pub(super) fn waits(&mut self, n: u32, t: u64) {
        self.waiting = Some((n, t));
        self.idle = false;
    }

    fn wait(&self, from: u64, to: Option<u64>, on: u32) -> Record {
        Record::Wait {
            lane: self.id,
            from,
            to,
            on,
            timed_out: false,
        }
    }

    /// Who let this thread go on from its wait on `on` that ended at `t`, if they did it
    /// during the wait.
    fn woken(&mut self, by: Option<Stamp>, since: u64, t: u64, on: u32) {
        if let Some(by) = by.filter(|b| b.at >= since && b.lane != self.id) {
            self.push(Record::Wake {
                by: by.lane,
                at: by.at.min(t),
                woke: self.id,
                until: t,
                on,
            });
        }
    }

    pub(super) fn takes(&mut self, n: u32, t: u64, by: Option<Stamp>) {
        let mut since = self.waiting.take().map_or(t, |w| w.1);
        if t - since >= BRIEF {
            // A long wait is kept whatever the hold turns out to be.
            let r = self.wait(since, Some(t), n);
            self.push(r);
            self.woken(by, since, t, n);
            since = t;
        }
        self.holds.push((n, t, since));
    }

    pub(super) fn releases(&mut self, n: u32, t: u64) {
        let Some(i) = self.holds.iter().rposition(|h| h.0 == n) else {
            return;
        };
        let lane = self.id;
        let (_, taken, since) = self.holds.remove(i);
        if t - since >= BRIEF {
            if taken - since >= BRIEF / 10 {
                let r = self.wait(since, Some(taken), n);
                self.push(r);
            }
            self.push(Record::Hold {
                lane,
                from: taken,
                to: Some(t),
                lock: n,
            });
            return;
        }
        let waited = taken - since;
        self.brief = Some(match self.brief {
            // Close enough to the last ones: one more of them.
            Some((from, to, count, w)) if since <= to + BRIEF => {
                (from.min(since), to.max(t), count + 1, w + waited)
            }
            other => {
                if let Some((from, to, count, waited)) = other {
                    self.push(Record::Brief {
                        lane,
                        from,
                        to,
                        count,
                        waited,
                    });
                }
                (since, t, 1, waited)
            }
        });
    }

    /// A wait that is not for a lock ended at `t`: kept if it lasted [`BRIEF`] or more.
    pub(super) fn wait_ends(&mut self, t: u64, by: Option<Stamp>, timed_out: bool) {
        self.wait_ends_if_longer(t, by, timed_out, BRIEF);
    }

    /// A wait ended at `t`: kept if it lasted `least` or more.
    pub(super) fn wait_ends_if_longer(
        &mut self,
        t: u64,
        by: Option<Stamp>,
        timed_out: bool,
        least: u64,
    ) {
        let Some((on, since)) = self.waiting.take() else {
            return;
        };
        if t - since >= least {
            self.push(Record::Wait {
                lane: self.id,
                from: since,
                to: Some(t),
                on,
                timed_out,
            });
            if !timed_out {
                self.woken(by, since, t, on);
            }
        }
    }

    /// The lane's lines of the file: what is finished, then what is still going on, open.
    pub(super) fn records(&self, out: &mut String) {
        let lane = self.id;
        let mut put = |r: Record| {
            let _ = writeln!(out, "{r}");
        };
        put(Record::Lane {
            lane,
            start: self.start,
            end: self.end,
            name: self.name.clone(),
        });
        *out += &self.done;
        let mut put = |r: Record| {
            let _ = writeln!(out, "{r}");
        };
        if let Some(from) = self.sleeping {
            put(Record::Sleep {
                lane,
                from,
                to: None,
            });
        }
        if let Some((from, to, count, waited)) = self.brief {
            put(Record::Brief {
                lane,
                from,
                to,
                count,
                waited,
            });
        }
        for &(n, taken, since) in &self.holds {
            if taken - since >= BRIEF / 10 {
                put(self.wait(since, Some(taken), n));
            }
            put(Record::Hold {
                lane,
                from: taken,
                to: None,
                lock: n,
            });
        }
        if let Some((n, from)) = self.waiting {
            put(self.wait(from, None, n));
        }
    }

    /// Still doing something the recorder cannot see the end of (not asleep, not waiting): a
    /// thread on its way out, say.
    pub(super) fn busy(&self) -> bool {
        self.end.is_none() && self.sleeping.is_none() && (self.waiting.is_none() || self.idle)
    }

    /// The thread is gone: whatever it was waiting for or sleeping, it is not any more.
    pub(super) fn ends(&mut self, t: u64) {
        self.end = self.end.or(Some(t));
        self.wait_ends(t, None, false);
        self.sleep_ends(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(l: &Lane) -> Vec<String> {
        let mut out = String::new();
        l.records(&mut out);
        out.lines().skip(1).map(String::from).collect()
    }

    #[test]
    fn sleeps_and_logs_are_kept_and_an_open_sleep_is_written_open() {
        let mut l = Lane::default();
        l.sleep_starts(10);
        l.sleep_ends(2_000_010);
        l.log(2_000_020, "Thread 0: finishing\tnow");
        l.sleep_starts(3_000_000);
        assert_eq!(
            lines(&l),
            [
                "sleep\t0\t10\t2000010",
                "log\t0\t2000020\tThread 0: finishing now",
                "sleep\t0\t3000000\t-"
            ]
        );
    }

    #[test]
    fn a_short_wait_is_dropped_unless_it_is_kept_as_a_barriers() {
        let mut l = Lane::default();
        let by = Some(Stamp { lane: 1, at: 130 });
        // 40 us at a condvar: not kept.
        l.waits(3, 100);
        l.wait_ends(140, by, false);
        assert!(lines(&l).is_empty(), "{:?}", lines(&l));
        // 40 us at a barrier, by an early arrival: kept, with who let it go on.
        l.waits(2, 100);
        l.wait_ends_if_longer(140, by, false, 0);
        assert_eq!(
            lines(&l),
            ["wait\t0\t100\t140\t2\t-", "wake\t1\t130\t0\t140\t2"]
        );
    }

    #[test]
    fn brief_locks_are_counted_and_long_ones_kept() {
        let mut l = Lane::default();
        // A thousand transfers of two locks, a few microseconds each, back to back.
        for i in 0..1000u64 {
            let t = 100 + i * 10;
            l.waits(1, t);
            l.takes(1, t + 1, None);
            l.waits(2, t + 2);
            l.takes(2, t + 4, None);
            l.releases(2, t + 6);
            l.releases(1, t + 7);
        }
        // Then a long hold after a long wait, and a wait that never ends.
        l.waits(1, 50_000);
        l.takes(1, 52_000, None);
        l.releases(1, 60_000);
        l.waits(2, 70_000);
        assert_eq!(
            lines(&l),
            [
                "wait\t0\t50000\t52000\t1\t-",
                "hold\t0\t52000\t60000\t1",
                "brief\t0\t100\t10097\t2000\t3000",
                "wait\t0\t70000\t-\t2\t-"
            ]
        );
    }

    #[test]
    fn a_gap_starts_a_new_count_and_held_locks_are_written_open() {
        let mut l = Lane::default();
        l.takes(1, 0, None);
        l.releases(1, 5);
        l.takes(1, 5_000, None);
        l.releases(1, 5_003);
        l.waits(3, 6_000);
        l.takes(3, 6_500, None);
        assert_eq!(
            lines(&l),
            [
                "brief\t0\t0\t5\t1\t0",
                "brief\t0\t5000\t5003\t1\t0",
                "wait\t0\t6000\t6500\t3\t-",
                "hold\t0\t6500\t-\t3"
            ]
        );
        assert!(l.busy());
        l.waits(4, 7_000);
        assert!(!l.busy());
    }
}
