//! What a run's end means: who stayed blocked, in which deadlock cycle, and which waits had no
//! holder drawn beside them.

use std::collections::BTreeMap;

use crate::model::{Kind, Micros, Object, Timeline};

/// One thread of a deadlock: it holds a lock another thread of the cycle waits for, and waits
/// for a lock the next thread holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub lane: usize,
    pub holds: u32,
    pub waits_for: u32,
    /// Since when it waits.
    pub since: Micros,
}

impl Timeline {
    /// The waits for a lock during which no other thread is drawn holding it: `(lane, from,
    /// to)`. Every holder in them held it too briefly to be drawn (a bank's transfers: the lock
    /// free again every microsecond, taken first by another thread each time).
    pub fn waits_on_brief_holders(&self) -> Vec<(usize, Micros, Micros)> {
        let mut out = Vec::new();
        for (i, lane) in self.lanes.iter().enumerate() {
            for s in &lane.spans {
                let (Kind::Wait { on, .. }, Some(to)) = (&s.kind, s.to) else {
                    continue;
                };
                if !matches!(self.kind(*on), Some(Object::Lock | Object::RwLock)) {
                    continue;
                }
                let held = self.lanes.iter().enumerate().any(|(j, other)| {
                    j != i
                        && other.spans.iter().any(|h| {
                            h.kind == Kind::Hold { lock: *on }
                                && h.from < to
                                && h.to.is_none_or(|end| end > s.from)
                        })
                });
                if !held {
                    out.push((i, s.from, to));
                }
            }
        }
        out
    }

    /// The deadlocks the run ended in: threads still waiting for a lock that another thread
    /// still waiting holds, round to the first. Each cycle starts at its lowest lane.
    pub fn cycles(&self) -> Vec<Vec<Link>> {
        // Who still waits for which lock, and who still holds which.
        let mut waits: BTreeMap<usize, (u32, Micros)> = BTreeMap::new();
        let mut holder: BTreeMap<u32, usize> = BTreeMap::new();
        for (i, l) in self.lanes.iter().enumerate() {
            if l.end.is_some() {
                continue;
            }
            for s in l.spans.iter().filter(|s| s.to.is_none()) {
                match s.kind {
                    Kind::Wait { on, .. } if self.kind(on).is_none_or(Object::is_lock) => {
                        waits.insert(i, (on, s.from));
                    }
                    Kind::Hold { lock } => {
                        holder.insert(lock, i);
                    }
                    _ => {}
                }
            }
        }
        let mut cycles: Vec<Vec<Link>> = Vec::new();
        let mut seen: Vec<usize> = Vec::new();
        for &start in waits.keys() {
            let mut path = vec![start];
            let mut at = start;
            let back = loop {
                match waits.get(&at).and_then(|(lock, _)| holder.get(lock)) {
                    Some(&next) if path.contains(&next) => break Some(next),
                    Some(&next) => {
                        path.push(next);
                        at = next;
                    }
                    None => break None,
                }
            };
            let Some(back) = back else { continue };
            let cycle = &path[path.iter().position(|&p| p == back).unwrap_or(0)..];
            if cycle.iter().any(|l| seen.contains(l)) {
                continue;
            }
            seen.extend(cycle);
            let mut cycle = cycle.to_vec();
            let low = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
            cycle.rotate_left(low);
            let n = cycle.len();
            cycles.push(
                (0..n)
                    .map(|i| Link {
                        lane: cycle[i],
                        holds: waits[&cycle[(i + n - 1) % n]].0,
                        waits_for: waits[&cycle[i]].0,
                        since: waits[&cycle[i]].1,
                    })
                    .collect(),
            );
        }
        cycles
    }

    /// Lanes still there when the recording stopped, other than `main`'s: the threads the run
    /// left behind.
    pub fn left_behind(&self) -> Vec<usize> {
        (0..self.lanes.len())
            .filter(|&i| {
                self.lanes[i].end.is_none() && self.lanes[i].thread_name.as_deref() != Some("main")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::CROSSED;

    #[test]
    fn the_cycle_is_found_and_a_finished_thread_is_not_left_behind() {
        let t = Timeline::parse(CROSSED).unwrap();
        let cycles = t.cycles();
        assert_eq!(
            cycles,
            vec![vec![
                Link {
                    lane: 2,
                    holds: 1,
                    waits_for: 2,
                    since: 100
                },
                Link {
                    lane: 3,
                    holds: 2,
                    waits_for: 1,
                    since: 100
                },
            ]]
        );
        assert_eq!(t.left_behind(), vec![2, 3]);
    }

    #[test]
    fn a_thread_waiting_for_its_own_lock_is_a_cycle_of_one() {
        let t = Timeline::parse(
            "timeline 2\nlane\t0\t0\t-\tThread 0\nhold\t0\t5\t-\t0\nwait\t0\t6\t-\t0\t-\nend\t9\n",
        )
        .unwrap();
        assert_eq!(t.cycles().len(), 1);
        assert_eq!(t.cycles()[0][0].holds, 0);
        // A wait for a lock nobody holds any more is no deadlock.
        let t = Timeline::parse(
            "timeline 2\nlane\t0\t0\t-\t-\nhold\t0\t5\t6\t0\nwait\t0\t6\t-\t0\t-\nend\t9\n",
        )
        .unwrap();
        assert!(t.cycles().is_empty());
    }
}
