//! What a run did, thread by thread: the lanes, spans and wakes of a timeline, and the names
//! the pictures give them. Read from the file a chapter recorded (`parse.rs`), or made from a
//! game's moves (`game.rs`); what they mean at the end of the run is in `blocked.rs`.

use std::collections::BTreeMap;

pub use common::record::{Micros, Object};

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
    /// The moves of a game of `cargo xtask play` (see [`crate::game`]): `k..k + 1` is
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

impl Timeline {
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
        let speakers = self.speakers(lane);
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

    /// The speakers of a lane's log lines (`Thread 0`), each once, in the order they first
    /// spoke.
    pub fn speakers(&self, lane: usize) -> Vec<&str> {
        let mut speakers: Vec<&str> = Vec::new();
        for (_, text) in &self.lanes[lane].logs {
            if let Some(s) = speaker(text)
                && !speakers.contains(&s)
            {
                speakers.push(s);
            }
        }
        speakers
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
}

/// `Thread 0` of `Thread 0: starting`, `Main` of `Main    : ...`: the Python lessons' speaker.
pub fn speaker(text: &str) -> Option<&str> {
    let (who, _) = text.split_once(": ")?;
    let who = who.trim_end();
    (!who.is_empty() && who.len() <= 16).then_some(who)
}
