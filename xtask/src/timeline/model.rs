//! What a run did, thread by thread: the events a chapter records (see `common::record`), read
//! back from the file it wrote, and what they mean at the end of the run (who stayed blocked,
//! and in which cycle).

use std::collections::BTreeMap;

pub use common::record::{HEADER, Micros, Object, Record};

/// A run, as lanes: one per thread that did anything the recorder sees.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    /// When the recording stopped: the end of `main`, or the last line it logged.
    pub end: Micros,
    /// Whether the chapter got to the end of `main` (`false`: it was killed, or crashed hard,
    /// and the timeline stops at its last log line).
    pub complete: bool,
    pub lanes: Vec<Lane>,
    /// Object number to its kind and name (`lock 1`, `account 3`, `condvar 2`).
    pub objects: BTreeMap<u32, (Object, String)>,
    /// Who let whom go on from a wait, by lane.
    pub wakes: Vec<Wake>,
    /// The lanes' names, unique, set by [`Timeline::parse`].
    pub labels: Vec<String>,
    /// The values the lesson is about (`permits free`), each as its changes in time order.
    pub values: BTreeMap<String, Vec<(Micros, i64)>>,
    /// What the axis counts: lesson time, or the moves of a game of `cargo xtask play`.
    pub unit: Unit,
}

/// What a timeline's numbers count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Unit {
    /// Microseconds of lesson time: a recorded run.
    #[default]
    Lesson,
    /// The moves of a game of `cargo xtask play` (`xtask/src/cmd/play/timeline.rs`): `k..k + 1` is
    /// the scheduling point after `k` moves, where move `k + 1` was chosen, and the last one is
    /// where the game stopped. A move is a step, not a length of time.
    Moves,
}

/// The lane `by` let the lane `woke` go on (see `common::record::Record::Wake`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wake {
    pub by: usize,
    pub at: Micros,
    pub woke: usize,
    pub until: Micros,
    pub on: u32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lane {
    /// The thread's own name, if it has one (`main`, `Thread A`).
    pub thread_name: Option<String>,
    /// Its first event.
    pub start: Micros,
    /// When the thread ended; `None`: it was still there when the recording stopped.
    pub end: Option<Micros>,
    pub spans: Vec<Span>,
    /// What it logged, and when.
    pub logs: Vec<(Micros, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// In `common::sleep`.
    Sleep,
    /// Blocked on the object `on`: a lock, a condvar, a barrier, a channel, a thread to join...
    /// `timed_out`: its time limit ended it, not another thread.
    Wait { on: u32, timed_out: bool },
    /// Holding a lock.
    Hold { lock: u32 },
    /// Many locks taken and given back quickly, each too brief to draw: counted instead.
    Brief { count: u64, waited: Micros },
    /// Chosen to take a move of a game (only in [`Unit::Moves`]), and what the move was.
    Move { what: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub kind: Kind,
    pub from: Micros,
    /// `None`: still going on when the recording stopped.
    pub to: Option<Micros>,
}

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
    /// Read the file a chapter wrote: one [`Record`] a line, after the header.
    pub fn parse(text: &str) -> Result<Timeline, String> {
        let mut t = Timeline::default();
        let mut lanes: BTreeMap<usize, Lane> = BTreeMap::new();
        if text.lines().next() != Some(HEADER) {
            return Err(format!(
                "not a timeline file of this runner (it starts with `{HEADER}`)"
            ));
        }
        for (n, line) in text.lines().enumerate().skip(1) {
            if line.is_empty() {
                continue;
            }
            let r = Record::parse(line).map_err(|e| format!("line {}: {e}: `{line}`", n + 1))?;
            let mut span = |lane: usize, kind: Kind, from: Micros, to: Option<Micros>| {
                let span = Span { kind, from, to };
                lanes.entry(lane).or_default().spans.push(span);
            };
            match r {
                Record::End { at } => t.end = at,
                Record::Complete => t.complete = true,
                Record::Object { id, kind, name } => {
                    t.objects.insert(id, (kind, name));
                }
                Record::Lane {
                    lane,
                    start,
                    end,
                    name,
                } => {
                    let l = lanes.entry(lane).or_default();
                    l.start = start;
                    l.end = end;
                    l.thread_name = name;
                }
                Record::Value { at, value, name } => {
                    t.values.entry(name).or_default().push((at, value));
                }
                Record::Log { lane, at, text } => {
                    lanes.entry(lane).or_default().logs.push((at, text));
                }
                Record::Sleep { lane, from, to } => span(lane, Kind::Sleep, from, to),
                Record::Wait {
                    lane,
                    from,
                    to,
                    on,
                    timed_out,
                } => span(lane, Kind::Wait { on, timed_out }, from, to),
                Record::Hold {
                    lane,
                    from,
                    to,
                    lock,
                } => span(lane, Kind::Hold { lock }, from, to),
                Record::Brief {
                    lane,
                    from,
                    to,
                    count,
                    waited,
                } => span(lane, Kind::Brief { count, waited }, from, Some(to)),
                Record::Wake {
                    by,
                    at,
                    woke,
                    until,
                    on,
                } => t.wakes.push(Wake {
                    by,
                    at,
                    woke,
                    until,
                    on,
                }),
            }
        }
        for changes in t.values.values_mut() {
            changes.sort_by_key(|c| c.0);
        }
        let ids: Vec<usize> = lanes.keys().copied().collect();
        t.lanes = lanes.into_values().collect();
        // The recording ends after everything it saw start.
        for l in &t.lanes {
            t.end = t.end.max(l.start);
        }
        // Threads in the order they came; those that came together (each within a hundredth
        // of the run of the first of them) `main` first, then by name, so chapter 1's three
        // threads read 0, 1, 2 whichever started first.
        let bucket = (t.end / 100).max(1);
        let mut order: Vec<usize> = (0..t.lanes.len()).collect();
        order.sort_by_key(|&i| t.lanes[i].start);
        let labels: Vec<String> = (0..t.lanes.len()).map(|i| t.base_label(i)).collect();
        let mut sorted = Vec::new();
        while !order.is_empty() {
            let first = t.lanes[order[0]].start;
            let n = order
                .iter()
                .take_while(|&&i| t.lanes[i].start - first <= bucket)
                .count();
            let mut group: Vec<usize> = order.drain(..n).collect();
            // `main` first, as in the chapters' logs.
            group.sort_by_key(|&i| {
                let main = t.lanes[i].thread_name.as_deref() == Some("main");
                (!main, natural(&labels[i]))
            });
            sorted.extend(group);
        }
        let mut old: Vec<Option<Lane>> = t.lanes.drain(..).map(Some).collect();
        t.lanes = sorted
            .iter()
            .map(|&i| old[i].take().expect("once"))
            .collect();
        // The wakes by the lanes' new places.
        let place = |id: usize| -> Result<usize, String> {
            let old = ids
                .binary_search(&id)
                .map_err(|_| format!("a wake of lane {id}, which has no record"))?;
            Ok(sorted
                .iter()
                .position(|&i| i == old)
                .expect("every lane is sorted"))
        };
        for w in &mut t.wakes {
            w.by = place(w.by)?;
            w.woke = place(w.woke)?;
        }
        // Each lane's name, unique in the picture: a second `thread 0` is `thread 0 (2)`.
        let mut labels: Vec<String> = Vec::new();
        for i in 0..t.lanes.len() {
            let base = t.base_label(i);
            let mut label = base.clone();
            let mut k = 1;
            while labels.contains(&label) {
                k += 1;
                label = format!("{base} ({k})");
            }
            labels.push(label);
        }
        t.labels = labels;
        Ok(t)
    }

    /// What the picture calls a lane: its [`base_label`](Self::base_label), made unique.
    pub fn label(&self, lane: usize) -> String {
        self.labels
            .get(lane)
            .cloned()
            .unwrap_or_else(|| self.base_label(lane))
    }

    /// What to call a lane: the thread's name (`main` is `Main`, as in the log lines), or the
    /// speakers of its log lines (`Thread 0`; a pool worker that ran jobs 0 and 2 is
    /// `Thread 0,2`), or `thread N`, the Nth thread with neither.
    pub fn base_label(&self, lane: usize) -> String {
        let l = &self.lanes[lane];
        match l.thread_name.as_deref() {
            Some("main") => return "Main".into(),
            Some(name) => return name.into(),
            None => {}
        }
        let mut speakers: Vec<&str> = Vec::new();
        for (_, text) in &l.logs {
            if let Some(s) = speaker(text)
                && !speakers.contains(&s)
            {
                speakers.push(s);
            }
        }
        match speakers.as_slice() {
            [] => {
                // Threads with neither a name nor a line of their own, counted in lane order.
                let n = (0..=lane)
                    .filter(|&i| {
                        self.lanes[i].thread_name.is_none()
                            && self.lanes[i].logs.iter().all(|(_, t)| speaker(t).is_none())
                    })
                    .count();
                format!("thread {n}")
            }
            [one] => one.to_string(),
            [first, rest @ ..] => {
                // `Thread 0` and `Thread 2` share `Thread `: say it once.
                let stem = first.rfind(' ').map_or("", |i| &first[..=i]);
                if !stem.is_empty() && rest.iter().all(|s| s.starts_with(stem)) {
                    let tails: Vec<&str> = speakers.iter().map(|s| &s[stem.len()..]).collect();
                    format!("{stem}{}", tails.join(","))
                } else {
                    speakers.join("/")
                }
            }
        }
    }

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

    /// The name of an object, as its chapter calls it (`lock 1`, `account 3`).
    pub fn lock_name(&self, lock: u32) -> String {
        self.objects
            .get(&lock)
            .map_or_else(|| format!("object #{lock}"), |o| o.1.clone())
    }

    /// What a wait on `on` that ended at `to` was: `waiting for lock 1`, `waiting at barrier 1`.
    pub fn wait_title(&self, on: u32, timed_out: bool, to: Micros) -> String {
        let name = self.lock_name(on);
        let by = self
            .wakes
            .iter()
            .find(|w| w.on == on && w.until == to)
            .map(|w| self.label(w.by));
        let mut title = match self.kind(on) {
            Some(Object::Lock | Object::RwLock) | None => format!("waiting for {name}"),
            Some(Object::Condvar) => format!("waiting on {name}"),
            Some(Object::Barrier) => format!("waiting at {name}"),
            Some(Object::Once) => format!("waiting for {name} to be initialised"),
            Some(Object::Channel) => format!("waiting on {name}"),
            Some(Object::Thread) => match &by {
                Some(who) => format!("joining {who}"),
                None => format!("joining {name}"),
            },
        };
        if timed_out {
            title += " until its time limit";
        } else if let Some(who) = by {
            title += &format!(" (woken by {who})");
        }
        title
    }

    /// What a wake went through, for a note: the object's name, or `its end` for a join.
    pub fn cause(&self, on: u32) -> String {
        match self.kind(on) {
            Some(Object::Thread) => "its end".into(),
            _ => self.lock_name(on),
        }
    }

    /// The kind of an object, if the file said.
    pub fn kind(&self, object: u32) -> Option<Object> {
        self.objects.get(&object).map(|o| o.0)
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

/// A label as a key that sorts by its first number: `thread 9` before `thread 10`, and
/// `Thread 0,2` before `Thread 1`.
fn natural(label: &str) -> (&str, u64, &str) {
    let at = label
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(label.len());
    let digits = label[at..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(label.len(), |n| at + n);
    (
        &label[..at],
        label[at..digits].parse().unwrap_or(0),
        &label[digits..],
    )
}

/// `Thread 0` of `Thread 0: starting`, `Main` of `Main    : ...`: the Python lessons' speaker.
pub fn speaker(text: &str) -> Option<&str> {
    let (who, _) = text.split_once(": ")?;
    let who = who.trim_end();
    (!who.is_empty() && who.len() <= 16).then_some(who)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The file of a deadlock like chapter 7's: A holds lock 1 and waits for lock 2, B the
    /// other way round; C came and went.
    pub const CROSSED: &str = "timeline 2
object\t1\tlock\tlock 1
object\t2\tlock\tlock 2
lane\t0\t0\t-\tmain
lane\t1\t10\t-\tThread A
lane\t2\t10\t-\tThread B
lane\t3\t10\t500\t-
hold\t1\t20\t-\t1
hold\t2\t20\t-\t2
wait\t1\t100\t-\t2\t-
wait\t2\t100\t-\t1\t-
log\t3\t10\tThread 9: here
end\t2000000
complete
";

    #[test]
    fn a_file_reads_back_as_lanes_and_spans() {
        let t = Timeline::parse(CROSSED).unwrap();
        assert_eq!(t.lanes.len(), 4);
        assert_eq!(t.end, 2_000_000);
        assert!(t.complete);
        // Sorted: main, then the three that came together by name.
        assert_eq!(t.lanes[1].end, Some(500));
        assert_eq!(
            t.lanes[2].spans[1],
            Span {
                kind: Kind::Wait {
                    on: 2,
                    timed_out: false
                },
                from: 100,
                to: None
            }
        );
        assert_eq!(t.lock_name(2), "lock 2");
        assert_eq!(t.lock_name(7), "object #7");
    }

    /// Chapter 5 in events: A holds the lock 1 s, B waits for it and A's release wakes B.
    pub const HANDED_OVER: &str = "timeline 2
object\t1\tlock\tlock 1
lane\t4\t0\t2000000\tThread A
lane\t9\t0\t2000000\tThread B
hold\t4\t0\t1000000\t1
wait\t9\t10\t1000100\t1\t-
wake\t4\t1000000\t9\t1000100\t1
hold\t9\t1000100\t1500000\t1
value\t0\t2\tpermits free
value\t1000000\t1\tpermits free
end\t2000000
complete
";

    #[test]
    fn a_wake_is_read_by_the_lanes_places_and_names_the_wait() {
        let t = Timeline::parse(HANDED_OVER).unwrap();
        assert_eq!(
            t.wakes,
            vec![Wake {
                by: 0,
                at: 1_000_000,
                woke: 1,
                until: 1_000_100,
                on: 1
            }]
        );
        assert_eq!(
            t.wait_title(1, false, 1_000_100),
            "waiting for lock 1 (woken by Thread A)"
        );
        assert_eq!(t.values["permits free"], vec![(0, 2), (1_000_000, 1)]);
        // A wake of a lane the file never made is an error, not a guess.
        let broken = HANDED_OVER.replace("wake\t4", "wake\t5");
        assert!(Timeline::parse(&broken).unwrap_err().contains("lane 5"));
    }

    #[test]
    fn two_threads_of_one_name_get_two_names_and_none_is_unnamed() {
        let t = Timeline::parse(
            "timeline 2\nlane\t0\t0\t-\tthread 0\nlane\t1\t5000\t-\tthread 0\n\
             lane\t2\t9000\t-\t-\nend\t10000\n",
        )
        .unwrap();
        let labels: Vec<String> = (0..3).map(|i| t.label(i)).collect();
        assert_eq!(labels, ["thread 0", "thread 0 (2)", "thread 1"]);
    }

    #[test]
    fn a_broken_file_says_where() {
        let e = Timeline::parse("timeline 2\nsleep\t1\tx\t-\n").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        let e = Timeline::parse("timeline 2\nhello\n").unwrap_err();
        assert!(e.contains("line 2: an unknown record `hello`"), "{e}");
        let e = Timeline::parse("timeline 1\nend\t5\n").unwrap_err();
        assert!(e.contains("it starts with `timeline 2`"), "{e}");
        assert!(Timeline::parse("end\t5\n").is_err());
    }

    #[test]
    fn main_comes_first_then_the_threads_that_came_with_it_by_name() {
        let t = Timeline::parse(
            "timeline 2\nlane\t0\t5\t-\tConsumer\nlane\t1\t6\t-\tmain\n\
             lane\t2\t0\t-\tthread 10\nlane\t3\t1\t-\tthread 9\n\
             lane\t4\t900\t-\tAardvark\nend\t1000\n",
        )
        .unwrap();
        let labels: Vec<String> = (0..5).map(|i| t.label(i)).collect();
        assert_eq!(
            labels,
            ["Main", "Consumer", "thread 9", "thread 10", "Aardvark"]
        );
    }

    #[test]
    fn lanes_are_named_by_thread_or_by_speaker() {
        let t = Timeline::parse(CROSSED).unwrap();
        assert_eq!(t.label(0), "Main");
        assert_eq!(t.label(2), "Thread A");
        assert_eq!(t.label(1), "Thread 9");
        let mut pool = t.clone();
        pool.lanes[1].logs = vec![
            (0, "Thread 0: starting".into()),
            (1, "Thread 0: finishing".into()),
            (2, "Thread 2: starting".into()),
        ];
        assert_eq!(pool.base_label(1), "Thread 0,2");
        pool.lanes[1].logs.clear();
        assert_eq!(pool.base_label(1), "thread 1");
        assert_eq!(speaker("Main    : before joining"), Some("Main"));
        let mut labels = ["thread 10", "Thread 1", "thread 9", "Thread 0,2", "Main"];
        labels.sort_by_key(|l| natural(l));
        assert_eq!(
            labels,
            ["Main", "Thread 0,2", "Thread 1", "thread 9", "thread 10"]
        );
        assert_eq!(speaker("Thread A about to take lock 1"), None);
    }

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
