//! The searches: many schedules of a level, each run from its start, and what they found.
//!
//! The depth-first search is the engine's own, so that it can keep to a bound and say exactly
//! what it covered: every schedule, or every schedule with at most `k` preemptions (a
//! preemption: the search switches away from a thread that could go on). Bounding preemptions
//! is CHESS's iterative context bounding (Musuvathi and Qadeer, PLDI 2007): most concurrency
//! bugs need only one or two preemptions, and every schedule within the bound is run, so that
//! "none breaks it" is a complete statement about a stated set of schedules.
//!
//! A thread that calls `yield_now` (a spin lock that waits for its flag) asks to give way, and
//! the search tries the other threads first; but `yield_now` is only a hint to the OS, which may
//! run the same thread again at once, so going on with it while another could run is a schedule
//! too: it counts as a preemption, as switching away from a thread that could go on does. A
//! search with no bound runs those schedules as well (a thread that spins for ever is then cut
//! at the move limit, and the claim is not shown); a search with a bound of `k` runs every
//! schedule with at most `k` preemptions of either kind, which lets a spinning thread look again
//! at most `k` times in a row, and so comes to an end.

use std::cell::RefCell;
use std::iter;
use std::rc::Rc;

use crate::engine::{self, Chooser, Level, Play};
use crate::record::{Ending, Record};

/// What a level's search is: depth first within a bound of preemptions (or none), and the most
/// schedules it may run before it stops, incomplete.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub preemptions: Option<usize>,
    pub cap: usize,
}

pub use playproto::{Found, How, Search, Tally};

/// A branch of the depth-first search: a point where it could choose among more than one
/// thread, the threads in the order it tries them, and which it tries on this execution.
#[derive(Debug)]
struct Branch {
    options: Vec<usize>,
    next: usize,
}

/// The depth-first search's tree, walked one execution at a time: each execution replays the
/// choices of the branches above it and takes the first option of every new branch; the next
/// execution tries the next option of the deepest branch that has one left.
#[derive(Debug)]
pub(crate) struct Tree {
    preemptions: Option<usize>,
    branches: Vec<Branch>,
    /// This execution's place in `branches`, and its preemptions so far.
    at: usize,
    made: usize,
    started: bool,
}

impl Tree {
    pub(crate) fn new(preemptions: Option<usize>) -> Tree {
        Tree {
            preemptions,
            branches: Vec::new(),
            at: 0,
            made: 0,
            started: false,
        }
    }

    /// Go to the next execution; `false` once every one has run.
    pub(crate) fn next_execution(&mut self) -> bool {
        if self.started {
            loop {
                let Some(b) = self.branches.last_mut() else {
                    return false;
                };
                if b.next + 1 < b.options.len() {
                    b.next += 1;
                    break;
                }
                self.branches.pop();
            }
        }
        self.started = true;
        self.at = 0;
        self.made = 0;
        true
    }

    /// Choose among the threads that can run, `ids`; `current` is the thread that took the last
    /// step, and `yielding` whether it gave way (`yield_now`).
    pub(crate) fn choose(&mut self, ids: &[usize], current: usize, yielding: bool) -> usize {
        let goes_on = ids.contains(&current).then_some(current);
        let options = options(ids, goes_on, yielding, self.preemptions, self.made);
        let choice = match options[..] {
            [only] => only,
            _ => {
                if self.at == self.branches.len() {
                    self.branches.push(Branch { options, next: 0 });
                } else {
                    // The scenario must be the same program on every execution.
                    assert_eq!(
                        self.branches[self.at].options, options,
                        "the scenario ran differently on the same choices"
                    );
                }
                let b = &self.branches[self.at];
                self.at += 1;
                b.options[b.next]
            }
        };
        if preempts(ids, goes_on, yielding, choice) {
            self.made += 1;
        }
        choice
    }
}

/// Whether choosing `choice` is a preemption: switching away from the thread that could go on
/// (`goes_on`), or, when it has just given way (`yielding`), going on with it while another
/// thread could run (`yield_now` is a hint, which the OS need not follow).
pub(crate) fn preempts(
    ids: &[usize],
    goes_on: Option<usize>,
    yielding: bool,
    choice: usize,
) -> bool {
    match goes_on {
        Some(c) if yielding => c == choice && ids.len() > 1,
        Some(c) => c != choice,
        None => false,
    }
}

/// The threads a search may choose among, in the order it tries them: the thread that could go
/// on first, then the others; after a yield, the others first and the thread that gave way last.
/// Once the bound of preemptions is reached, only the choices that are none: the thread that
/// could go on, or after a yield, the others.
pub(crate) fn options(
    ids: &[usize],
    goes_on: Option<usize>,
    yielding: bool,
    bound: Option<usize>,
    made: usize,
) -> Vec<usize> {
    let spent = bound.is_some_and(|k| made >= k);
    let others = |c: usize| ids.iter().copied().filter(move |&t| t != c);
    match goes_on {
        Some(c) if yielding && ids.len() > 1 => others(c).chain((!spent).then_some(c)).collect(),
        Some(c) if yielding || spent => vec![c],
        Some(c) => iter::once(c).chain(others(c)).collect(),
        None => ids.to_vec(),
    }
}

/// Run `level`'s scenario under `chooser`, at most `limit` executions.
fn search(level: &Level, chooser: Chooser, how: How, limit: usize, shortest: bool) -> Search {
    let play = Play::searching(chooser, Rc::default(), limit, shortest, false);
    let (record, failed) = engine::run(level, play);
    let mut r = record.borrow_mut();
    // The last execution's end: its goal, or its failure (a deadlock stops the whole run).
    let mut panicked = None;
    if let Some(words) = common::sync::book::with(|b| b.won.take()) {
        r.keep_win(words);
    } else if let Some(words) = failed {
        match level.deadlock {
            Some(won) if words.contains("deadlock") => r.keep_win(won.to_string()),
            _ => panicked = Some((r.moves.clone(), engine::failure(&words))),
        }
    }
    Search {
        how,
        executions: r.executions,
        complete: r.exhausted && r.won.is_none() && panicked.is_none() && r.cut.is_none(),
        won: r.won.take(),
        failed: panicked,
        cut: r.cut.take(),
    }
}

/// Depth first, as `plan` says: every schedule within its bound of preemptions (every schedule
/// without one), up to its cap; it stops at the first that breaks the claim.
pub fn check(level: &Level, plan: Plan) -> Search {
    let tree = Rc::new(RefCell::new(Tree::new(plan.preemptions)));
    let how = How::Dfs {
        preemptions: plan.preemptions,
    };
    search(level, Chooser::Tree(tree), how, plan.cap, false)
}

/// Every schedule of `plan`'s set, depth first, up to its cap, each run to its end and counted
/// by how it ended: the goal, a failure (a panic, or a deadlock the level does not expect), a cut
/// at the move limit, or the program's end. A failure ends shuttle's run: the search starts it
/// again where its tree is, so that every schedule is counted.
pub fn count(level: &Level, plan: Plan) -> Tally {
    let tree = Rc::new(RefCell::new(Tree::new(plan.preemptions)));
    let record = Rc::<RefCell<Record>>::default();
    common::sync::book::hush(true);
    loop {
        let chooser = Chooser::Tree(Rc::clone(&tree));
        let play = Play::searching(chooser, Rc::clone(&record), plan.cap, false, true);
        let (_, failed) = engine::run(level, play);
        let Some(words) = failed else { break };
        let mut r = record.borrow_mut();
        r.running = false;
        r.ends.add(match level.deadlock {
            Some(_) if words.contains("deadlock") => Ending::Won,
            _ => Ending::Failed,
        });
    }
    common::sync::book::hush(false);
    let r = record.borrow();
    Tally {
        preemptions: plan.preemptions,
        won: r.ends.won,
        failed: r.ends.failed,
        cut: r.ends.cut,
        ended: r.ends.ended,
        complete: r.exhausted,
    }
}

/// Every schedule of the student's threads, depth first, up to `cap` of them.
pub fn explore(level: &Level, cap: usize) -> Search {
    check(
        level,
        Plan {
            preemptions: None,
            cap,
        },
    )
}

/// `count` random schedules from `seed`; the shortest that reached the goal, if any did. (A
/// deadlock or a panic ends the whole run, as it ends shuttle's.)
pub fn random(level: &Level, seed: u64, count: usize) -> Search {
    search(
        level,
        Chooser::Random(seed.max(1)),
        How::Random,
        count,
        true,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_keeps_to_its_bound_of_preemptions_and_a_yield_is_no_free_pass() {
        // Thread 1 ran last and can go on: it comes first; switching away is a preemption.
        assert_eq!(options(&[1, 2, 3], Some(1), false, None, 5), [1, 2, 3]);
        assert_eq!(options(&[1, 2, 3], Some(2), false, Some(1), 0), [2, 1, 3]);
        assert!(preempts(&[1, 2, 3], Some(2), false, 1));
        assert!(!preempts(&[1, 2, 3], Some(2), false, 2));
        // The bound reached: only the thread that can go on.
        assert_eq!(options(&[1, 2, 3], Some(2), false, Some(1), 1), [2]);
        // It finished or blocked: any thread, at no cost.
        assert_eq!(options(&[1, 3], None, false, Some(0), 0), [1, 3]);
        assert!(!preempts(&[1, 3], None, false, 3));
        // It yielded: the others first, at no cost; then itself, which costs one (the OS may
        // run it again at once), so that at the bound only the others are left.
        assert_eq!(options(&[1, 2, 3], Some(2), true, None, 0), [1, 3, 2]);
        assert_eq!(options(&[1, 2, 3], Some(2), true, Some(1), 0), [1, 3, 2]);
        assert_eq!(options(&[1, 2, 3], Some(2), true, Some(1), 1), [1, 3]);
        assert!(preempts(&[1, 2, 3], Some(2), true, 2));
        assert!(!preempts(&[1, 2, 3], Some(2), true, 1));
        // Alone, it goes on, at no cost.
        assert_eq!(options(&[2], Some(2), true, Some(0), 0), [2]);
        assert!(!preempts(&[2], Some(2), true, 2));
    }

    #[test]
    fn the_tree_runs_every_branch_once_then_stops() {
        // Two threads of two steps each, no bound: C(4, 2) = 6 schedules.
        let mut tree = Tree::new(None);
        let mut seen = Vec::new();
        while tree.next_execution() {
            let (mut left, mut order, mut current) = ([2, 2], Vec::new(), 0);
            while left.iter().any(|&l| l > 0) {
                let ids: Vec<usize> = (1..=2).filter(|&t| left[t - 1] > 0).collect();
                let t = tree.choose(&ids, current, false);
                left[t - 1] -= 1;
                order.push(t);
                current = t;
            }
            seen.push(order);
        }
        assert_eq!(seen.len(), 6);
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 6, "each schedule once");
        // Bounded at 0: each thread runs to its end once chosen, either thread first.
        let mut tree = Tree::new(Some(0));
        let mut n = 0;
        while tree.next_execution() {
            let (mut left, mut current) = ([2, 2], 0);
            while left.iter().any(|&l| l > 0) {
                let ids: Vec<usize> = (1..=2).filter(|&t| left[t - 1] > 0).collect();
                let t = tree.choose(&ids, current, false);
                left[t - 1] -= 1;
                current = t;
            }
            n += 1;
        }
        assert_eq!(n, 2);
    }
}
