//! A level's game for the book (`cargo xtask book`): every position a student can reach on the
//! schedules of a named set, every schedule with at most `k` preemptions (or every schedule),
//! found by playing the level's own scenario on the engine, with where each move leads and how
//! each schedule ends. A move that would be one preemption more than the set allows leads
//! [`BEYOND`]: the page says so, and the terminal plays it. The frames are [`engine::play`]'s
//! own, so the book's player shows what the terminal game shows for the same moves.
//!
//! A position is found as the moves that led to it: two schedules that show the same screen are
//! not taken for one position, since the runtime holds state that the screen does not show (in
//! `ch15`, one screen after `... 2 1` and after `... 1 2` goes on differently under the same
//! move: the test of this module found it). Once the whole tree is found, positions whose games
//! from there on are the same, screen for screen, are made one node
//! ([`playproto::export::merged`]), and a screen is kept once however many nodes show it.

use std::collections::VecDeque;

use playproto::export::{BEYOND, Builder, CANNOT, Export, Node, merged};

use crate::engine::{self, Choice, End, Level};
use crate::search;

/// A move not yet followed, while the game is being found.
const UNKNOWN: i64 = -3;

/// The game of `level` (its words `words`): every position of every schedule with at most
/// `bound` preemptions (every schedule, with none); `None` when those are more than
/// `max_positions` positions before they are merged. The first schedule followed is the kept
/// win, where the level has one (the page can be won when the set holds it).
pub fn export(
    level: &Level,
    words: playproto::Level,
    bound: Option<usize>,
    max_positions: usize,
) -> Option<Export> {
    let first = words.kept.clone().unwrap_or_default();
    let mut g = Graph {
        b: Builder::new(words),
        bound,
        tree: Vec::new(),
        from: Vec::new(),
        made: Vec::new(),
        choices: Vec::new(),
        todo: VecDeque::new(),
    };
    g.walk(level, None, &first);
    while let Some(n) = g.todo.pop_front() {
        for m in 1..=g.tree[n].2.len() {
            if g.tree[n].2[m - 1] != UNKNOWN {
                continue;
            }
            if g.tree.len() > max_positions {
                return None;
            }
            g.walk(level, Some((n, m)), &[]);
        }
    }
    let mut export = g.b.export;
    export.nodes = merged(&g.tree);
    export.preemptions = bound;
    Some(export)
}

struct Graph {
    b: Builder,
    bound: Option<usize>,
    /// The positions found, each after the one it is reached from: its node (frame, end, where
    /// each move leads), that position and move, and the preemptions on the way to it.
    tree: Vec<Node>,
    from: Vec<Option<(usize, usize)>>,
    made: Vec<usize>,
    /// The choice at each position (none at an end), which says which moves are preemptions.
    choices: Vec<Option<Choice>>,
    /// The positions whose moves are still to be followed.
    todo: VecDeque<usize>,
}

impl Graph {
    /// The moves that reach position `n`.
    fn path(&self, mut n: usize) -> Vec<usize> {
        let mut moves = Vec::new();
        while let Some((p, m)) = self.from[n] {
            moves.push(m);
            n = p;
        }
        moves.reverse();
        moves
    }

    /// A new position, of `frame`, reached from `from` with `made` preemptions; `choice` says
    /// which of its moves stay within the bound.
    fn node(
        &mut self,
        frame: &engine::Frame,
        from: Option<(usize, usize)>,
        choice: Option<&Choice>,
        made: usize,
    ) -> usize {
        let (f, _) = self.b.frame(frame);
        let n = self.tree.len();
        let within =
            choice.map(|c| search::options(&c.ids, c.goes_on, c.yielding, self.bound, made));
        let next = frame
            .lanes
            .iter()
            .enumerate()
            .map(|(k, l)| match (l.status.can_run(), &within) {
                (true, Some(w)) if !w.contains(&(k + 1)) => BEYOND,
                (true, _) => UNKNOWN,
                (false, _) => CANNOT,
            })
            .collect();
        self.tree.push(Node(f, None, next));
        self.from.push(from);
        self.made.push(made);
        self.choices.push(choice.cloned());
        if let Some((p, m)) = from {
            self.tree[p].2[m - 1] = n as i64;
        }
        self.todo.push_back(n);
        n
    }

    /// From position `from`, lane `m`'s move (from the start, with the moves `start`, when
    /// `None`), then on to the end with the move a search tries first (no preemption): note every
    /// position met and every move between, while the moves stay within the bound.
    fn walk(&mut self, level: &Level, from: Option<(usize, usize)>, start: &[usize]) {
        let mut moves = from.map_or_else(|| start.to_vec(), |(n, _)| self.path(n));
        if let Some((_, m)) = from {
            moves.push(m);
        }
        // The frames of the positions already known are not made again.
        let first = if from.is_some() { moves.len() } else { 0 };
        let engine::Played {
            frames,
            end,
            moves: played,
            choices,
        } = engine::play_on(level, &moves, first);
        let mut prev = from.map(|(n, _)| n);
        for (j, frame) in frames.iter().enumerate() {
            let k = first + j;
            let came = prev.zip(played.get(k.wrapping_sub(1)).copied());
            let mut made = 0;
            if let Some((p, m)) = came {
                if self.tree[p].2[m - 1] == BEYOND {
                    // The kept win goes past the bound: the export holds the set, not it.
                    return;
                }
                // The choice the move was made at: this walk's, or its start's.
                let c = match (k - 1).checked_sub(first) {
                    Some(j) => choices.get(j),
                    None => self.choices[p].as_ref(),
                };
                let preempts =
                    c.is_some_and(|c| search::preempts(&c.ids, c.goes_on, c.yielding, m));
                made = self.made[p] + usize::from(preempts);
            }
            prev = Some(self.node(frame, came, choices.get(j), made));
        }
        // A schedule stopped at the move limit has no frame after its last move: the end is
        // that move's, a position of its own beside the frame it was made from.
        if let (Some(p), true, Some(&m)) =
            (prev, first + frames.len() == played.len(), played.last())
        {
            let n = self.tree.len();
            let frame = self.tree[p].0;
            let cannot = vec![CANNOT; self.tree[p].2.len()];
            self.tree.push(Node(frame, None, cannot));
            self.from.push(Some((p, m)));
            self.made.push(self.made[p]);
            self.choices.push(None);
            self.tree[p].2[m - 1] = n as i64;
            prev = Some(n);
        }
        if let (Some(last), End::Won(_) | End::Ended(_) | End::Failed(_)) = (prev, &end) {
            self.tree[last].1 = self.b.end(&end);
            // An end has no moves: the game stops there.
            for next in &mut self.tree[last].2 {
                *next = CANNOT;
            }
        }
    }
}
