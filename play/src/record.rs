//! What a run of a level's scenario notes as it goes, shared between the engine's scheduler and
//! its caller: the frames and the end of a game, the moves, and for a search, how many
//! executions ran, the first that won, failed or was cut, and how each ended.

use crate::engine::{End, Frame};

/// What a run noted, shared between the scheduler and the caller.
#[derive(Default)]
pub(crate) struct Record {
    pub(crate) frames: Vec<Frame>,
    pub(crate) end: Option<End>,
    /// The lanes chosen, in order.
    pub(crate) moves: Vec<usize>,
    pub(crate) executions: usize,
    pub(crate) won: Option<(Vec<usize>, String)>,
    /// The first schedule stopped at [`MOVE_LIMIT`]: a thread that spins.
    pub(crate) cut: Option<Vec<usize>>,
    /// The depth-first search ran out of schedules (it saw every one of its set).
    pub(crate) exhausted: bool,
    /// The threads that could run at the last choice (kept with the frames).
    pub(crate) last_ids: Vec<usize>,
    /// At each choice, what a bound of preemptions needs to know of it (kept with the frames).
    pub(crate) choices: Vec<Choice>,
    /// An execution is under way, and how it ended so far: at the goal, or cut at the limit.
    pub(crate) running: bool,
    pub(crate) this: Option<Ending>,
    /// How the executions of a counting search ended.
    pub(crate) ends: Ends,
}

/// A choice among the threads that could run: which they were, the thread that took the step
/// before it and could go on, and whether that one had given way (`yield_now`). It says which
/// moves from here would be preemptions (`search::preempts`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choice {
    pub ids: Vec<usize>,
    pub goes_on: Option<usize>,
    pub yielding: bool,
}

/// How one execution ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ending {
    Won,
    Failed,
    Cut,
    Ended,
}

/// How many executions ended each way.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Ends {
    pub(crate) won: u64,
    pub(crate) failed: u64,
    pub(crate) cut: u64,
    pub(crate) ended: u64,
}

impl Ends {
    pub(crate) fn add(&mut self, e: Ending) {
        *match e {
            Ending::Won => &mut self.won,
            Ending::Failed => &mut self.failed,
            Ending::Cut => &mut self.cut,
            Ending::Ended => &mut self.ended,
        } += 1;
    }
}

impl Record {
    /// Keep this execution's moves as the win, if it is the first or the shortest yet.
    pub(crate) fn keep_win(&mut self, words: String) {
        if self
            .won
            .as_ref()
            .is_none_or(|(m, _)| self.moves.len() < m.len())
        {
            self.won = Some((self.moves.clone(), words));
        }
    }
}
