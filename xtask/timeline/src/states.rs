//! What a thread is doing, moment by moment: the states the text, the trace and the SVG all
//! draw, and the lanes cut into stretches of one state.

use crate::model::{Kind, Micros, Timeline, Unit};
use crate::palette::Ink;

/// What a thread is doing at a moment, least telling first: where spans overlap (a thread
/// sleeps while it holds a lock), the later one in this list is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    Absent,
    Running,
    Brief,
    Holding,
    /// Chosen for a move of a game (a step of `cargo xtask play`).
    Moving,
    Sleeping,
    Waiting,
    Deadlocked,
}

impl State {
    pub const ALL: [State; 8] = [
        State::Absent,
        State::Running,
        State::Brief,
        State::Holding,
        State::Moving,
        State::Sleeping,
        State::Waiting,
        State::Deadlocked,
    ];

    pub fn char(self) -> char {
        match self {
            State::Absent => ' ',
            State::Running => '=',
            State::Brief => '+',
            State::Holding => '#',
            State::Moving => '*',
            State::Sleeping => '~',
            State::Waiting => '?',
            State::Deadlocked => 'X',
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            State::Absent => "not started or ended",
            // The recorder sees what the course's sync types and sleeps do, not the OS
            // scheduler: a thread with nothing to wait for may still be waiting for a core.
            State::Running => "running or ready (waiting on nothing the course watches)",
            State::Brief => "many brief locks (counted below)",
            State::Holding => "holding a lock",
            State::Moving => "took the move (the thread chosen)",
            State::Sleeping => "sleeping",
            // The recorder keeps waits of 1 ms or more (shorter ones of a lock are counted
            // with its brief takings), and every early arrival's at a barrier. Said in words
            // first: a `?` alone reads as "unknown".
            State::Waiting => {
                "blocked until another thread lets it go on (a lock released, a notify, a \
                 message or a job sent, its end...); a wait shorter than 1 ms is left out, \
                 except at a barrier"
            }
            State::Deadlocked => "blocked in a deadlock cycle",
        }
    }

    /// What the state means on an axis of `unit`: a game's moves know who was chosen, so the
    /// threads not chosen could run and did not, and a wait is a thread that could not run.
    pub fn meaning_in(self, unit: Unit) -> &'static str {
        match (unit, self) {
            (Unit::Moves, State::Running) => "could run, not chosen",
            (Unit::Moves, State::Waiting) => {
                "blocked until another thread lets it go on (a lock released, a notify, a \
                 message or a job sent, the barrier's last arrival...)"
            }
            _ => self.meaning(),
        }
    }

    /// What it is drawn in, in a terminal: the caller's [`Palette`](crate::Palette) gives the
    /// colour. Running has none.
    pub fn ink(self) -> Option<Ink> {
        match self {
            State::Absent | State::Running => None,
            State::Brief => Some(Ink::Brief),
            State::Holding => Some(Ink::Holding),
            State::Moving => Some(Ink::Moving),
            State::Sleeping => Some(Ink::Sleeping),
            State::Waiting => Some(Ink::Waiting),
            State::Deadlocked => Some(Ink::Deadlocked),
        }
    }

    /// The SVG fill of the state, for the README's pictures.
    pub fn fill(self) -> &'static str {
        match self {
            State::Absent => "none",
            State::Running => "#9aa5b1",
            State::Brief => "#17a2b8",
            State::Holding => "#2e9d48",
            State::Moving => "#37474f",
            State::Sleeping => "#5b8def",
            State::Waiting => "#e0a800",
            State::Deadlocked => "#d62828",
        }
    }
}

/// How many brief locks in a row make a crowd, drawn `+` and counted in a note.
pub const CROWD: u64 = 10;
/// Each lane as stretches of one state, in time order, with the overlaps decided: what
/// the text, the trace and the SVG all draw.
pub fn segments(t: &Timeline) -> Vec<Vec<(Micros, Micros, State)>> {
    let end = t.end;
    let deadlocked: Vec<(usize, u32)> = t
        .cycles()
        .iter()
        .flatten()
        .map(|l| (l.lane, l.waits_for))
        .collect();
    t.lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| {
            let mut parts: Vec<(Micros, Micros, State)> =
                vec![(lane.start, lane.end.unwrap_or(end), State::Running)];
            for s in &lane.spans {
                let state = match s.kind {
                    Kind::Sleep => State::Sleeping,
                    Kind::Hold { .. } => State::Holding,
                    // A few brief locks are holds like any other; a crowd is counted.
                    Kind::Brief { count, .. } if count < CROWD => State::Holding,
                    Kind::Brief { .. } => State::Brief,
                    Kind::Move { .. } => State::Moving,
                    Kind::Wait { on, .. } if s.to.is_none() && deadlocked.contains(&(i, on)) => {
                        State::Deadlocked
                    }
                    Kind::Wait { .. } => State::Waiting,
                };
                parts.push((s.from, s.to.unwrap_or(end), state));
            }
            let mut cuts: Vec<Micros> = parts.iter().flat_map(|p| [p.0, p.1]).collect();
            cuts.sort_unstable();
            cuts.dedup();
            let mut out: Vec<(Micros, Micros, State)> = Vec::new();
            for w in cuts.windows(2) {
                let top = parts
                    .iter()
                    .filter(|p| p.0 <= w[0] && w[1] <= p.1)
                    .map(|p| p.2)
                    .max()
                    .unwrap_or(State::Absent);
                match out.last_mut() {
                    // Two moves in a row are two moves, each its own stretch.
                    Some(last) if last.2 == top && last.1 == w[0] && top != State::Moving => {
                        last.1 = w[1]
                    }
                    _ => out.push((w[0], w[1], top)),
                }
            }
            out.retain(|s| s.2 != State::Absent);
            out
        })
        .collect()
}
