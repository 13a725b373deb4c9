//! A level's game for the book (`cargo xtask book`): every position a student can reach, found
//! by playing the level's own scenario on the engine, with where each move leads and how each
//! complete schedule ends; and how often the goal is reached. The frames are
//! [`engine::play`]'s own, so the book's player shows what the terminal game shows for the same
//! moves.
//!
//! A position is the moves that led to it: two schedules that show the same screen are not
//! taken for one position, since the runtime holds state that the screen does not show (in
//! `ch15`, one screen after `... 2 1` and after `... 1 2` goes on differently under the same
//! move: the test of this module found it). Their screens are kept once all the same (the
//! export interns its frames), so the data stays small.

use std::collections::VecDeque;

use playproto::export::{BEYOND, Builder, CANNOT, Export, Node, Often};

use crate::engine::{self, End, Level};

/// A move not yet followed, while the game is being found.
const UNKNOWN: i64 = -3;

/// The game of `level` (its words `words`), holding at most `max_nodes` positions (and the
/// moves to the end of the last schedules it follows); where the game has more,
/// [`Export::complete`] is false and the moves past them lead [`BEYOND`]. Positions are found
/// nearest the start first, and each one's first schedule is followed to its end, so that every
/// position kept has a way on to an end. How often the goal is reached: counted on every
/// schedule when the game is whole, else on `sample` random schedules.
pub fn export(level: &Level, words: playproto::Level, max_nodes: usize, sample: usize) -> Export {
    // The first schedule followed is the kept win, where the level has one: the page can always
    // be won.
    let first = words.kept.clone().unwrap_or_default();
    let mut g = Graph {
        b: Builder::new(words),
        paths: Vec::new(),
        todo: VecDeque::new(),
    };
    g.walk(level, None, &first);
    let mut complete = true;
    'found: while let Some(n) = g.todo.pop_front() {
        for m in 1..=g.b.export.nodes[n].2.len() {
            if g.b.export.nodes[n].2[m - 1] != UNKNOWN {
                continue;
            }
            if g.b.export.nodes.len() >= max_nodes {
                complete = false;
                break 'found;
            }
            g.walk(level, Some((n, m)), &[]);
        }
    }
    for node in &mut g.b.export.nodes {
        for next in &mut node.2 {
            if *next == UNKNOWN {
                *next = BEYOND;
                complete = false;
            }
        }
    }
    let mut export = g.b.export;
    export.complete = complete;
    export.often = match complete {
        true => counted(&export),
        false => sampled(level, sample),
    };
    export
}

struct Graph {
    b: Builder,
    /// The moves that reach each position.
    paths: Vec<Vec<usize>>,
    /// The positions whose moves are still to be followed.
    todo: VecDeque<usize>,
}

impl Graph {
    /// A new position, of `frame`, reached by `path`.
    fn node(&mut self, frame: &engine::Frame, path: &[usize]) -> usize {
        let (f, _) = self.b.frame(frame);
        let n = self.b.export.nodes.len();
        let next = frame
            .lanes
            .iter()
            .map(|l| match l.status.can_run() {
                true => UNKNOWN,
                false => CANNOT,
            })
            .collect();
        self.b.export.nodes.push(Node(f, None, next));
        self.paths.push(path.to_vec());
        self.todo.push_back(n);
        n
    }

    /// From position `from`, lane `m`'s move (from the start, with the moves `start`, when
    /// `None`), then on to the end with the first thread that can run: note every position met
    /// and every move between.
    fn walk(&mut self, level: &Level, from: Option<(usize, usize)>, start: &[usize]) {
        let mut moves = from.map_or_else(|| start.to_vec(), |(n, _)| self.paths[n].clone());
        if let Some((_, m)) = from {
            moves.push(m);
        }
        let engine::Played {
            frames,
            end,
            moves: played,
        } = engine::play_on(level, &moves);
        // The positions already known: the start of this walk.
        let mut prev = from.map(|(n, _)| n);
        let first = if from.is_some() { moves.len() } else { 0 };
        for (k, frame) in frames.iter().enumerate().skip(first) {
            let node = self.node(frame, &played[..k.min(played.len())]);
            if let (Some(p), Some(&m)) = (prev, played.get(k.wrapping_sub(1))) {
                self.b.export.nodes[p].2[m - 1] = node as i64;
            }
            prev = Some(node);
        }
        // A schedule stopped at the move limit has no frame after its last move: the end is
        // that move's, a position of its own beside the frame it was made from.
        if let (Some(from), true, Some(&m)) = (prev, frames.len() == played.len(), played.last()) {
            let n = self.b.export.nodes.len();
            let frame = self.b.export.nodes[from].0;
            let cannot = vec![CANNOT; self.b.export.nodes[from].2.len()];
            self.b.export.nodes.push(Node(frame, None, cannot));
            self.paths.push(played.clone());
            self.b.export.nodes[from].2[m - 1] = n as i64;
            prev = Some(n);
        }
        if let (Some(last), End::Won(_) | End::Ended(_) | End::Failed(_)) = (prev, &end) {
            let end = self.b.end(&end);
            self.b.export.nodes[last].1 = end;
            // An end has no moves: the game stops there.
            for next in &mut self.b.export.nodes[last].2 {
                *next = CANNOT;
            }
        }
    }
}

/// Every schedule of a whole game, and those that reach the goal: the ends, counted from each
/// position back to the start (a position comes after the one it was reached from).
fn counted(e: &Export) -> Often {
    let mut from = vec![(0u64, 0u64); e.nodes.len()];
    for n in (0..e.nodes.len()).rev() {
        from[n] = match e.nodes[n].1 {
            Some([kind, _]) => (1, u64::from(kind == 0)),
            None => e.nodes[n]
                .2
                .iter()
                .filter(|&&next| next >= 0)
                .fold((0, 0), |(s, w), &next| {
                    let (s2, w2) = from[next as usize];
                    (s + s2, w + w2)
                }),
        };
    }
    Often {
        schedules: from[0].0,
        won: from[0].1,
        every: true,
    }
}

/// `count` random schedules, and those that reach the goal.
fn sampled(level: &Level, count: usize) -> Often {
    let won = (1..=count as u64)
        .filter(|&seed| crate::search::random(level, seed, 1).won.is_some())
        .count();
    Often {
        schedules: count as u64,
        won: won as u64,
        every: false,
    }
}
