//! The engine: a level's scenario under shuttle, with a scheduler that follows the student's
//! moves and notes, at each choice, what every thread will do next and the state of the lesson.
//!
//! Each call runs the scenario from its start (a fresh execution), so a position is its list of
//! moves: undo is the same list with one move fewer.

use std::cell::RefCell;
use std::panic::Location;
use std::rc::Rc;

use common::sync::book::{self, Op};

pub use crate::record::Choice;
use crate::record::{Ending, Record};
use crate::search::{self, Tree};
pub(crate) use crate::view::LOGGED;
use crate::view::frame;
pub use playproto::{Did, End, Frame, Held, Lane, Lock, Object, Status, Waiting};
use shuttle::scheduler::{Schedule, Scheduler, Task, TaskId};
use shuttle::{Config, FailurePersistence, MaxSteps, Runner};

/// One level: a chapter's own code in a scenario of a few threads, and what the student is after.
pub struct Level {
    /// What the student types: `ch04`.
    pub id: &'static str,
    /// The chapter's crate.
    pub chapter: &'static str,
    pub title: &'static str,
    /// The goal, in the lesson's words.
    pub goal: &'static str,
    pub hint: &'static str,
    /// When the goal is a deadlock: the words that say it was reached.
    pub deadlock: Option<&'static str>,
    /// A fixed version: the claim that no schedule breaks (the goal cannot be reached).
    pub fixed: Option<&'static str>,
    /// A note on what the runtime does not model, when the lesson needs it said.
    pub note: Option<&'static str>,
    /// Runs as shuttle's main thread: makes the lesson's objects, names them, shows the state
    /// (`book::show`), sets the goal (`book::goal`), spawns the threads with [`spawn`] and joins them.
    pub scenario: fn(),
}

impl Level {
    /// The level's words, as the protocol carries them (a level that is not the table's, an
    /// exercise's or a broken twin's, has no kept schedule).
    pub fn words(&self) -> playproto::Level {
        let own = |s: Option<&str>| s.map(str::to_string);
        playproto::Level {
            id: self.id.into(),
            chapter: self.chapter.into(),
            title: self.title.into(),
            goal: self.goal.into(),
            hint: self.hint.into(),
            deadlock: own(self.deadlock),
            fixed: own(self.fixed),
            note: own(self.note),
            kept: None,
            run: None,
        }
    }
}

/// The lane numbers of the student's threads are their shuttle task numbers (task 0 is the
/// scenario's main thread, which always runs first when it can).
const MAIN: usize = 0;

/// Spawn one of the level's threads, named `name`, which will call `what` (the screen says so
/// until it starts).
#[track_caller]
pub fn spawn<F>(name: &str, what: &str, f: F) -> shuttle::thread::JoinHandle<()>
where
    F: FnOnce() + Send + 'static,
{
    let at = Location::caller();
    let lane = book::with(|b| {
        let lane = b.lanes.len().max(1);
        let l = b.lane(lane);
        l.name = name.to_string();
        l.next = Some(Op {
            at,
            what: format!("starts: {what}"),
            lock: None,
            waits: None,
        });
        lane
    });
    // Named, so that a chapter that asks `thread::current().name()` (chapter 7) gets the lane's.
    shuttle::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            assert_eq!(book::me(), lane, "the lanes are the tasks in spawn order");
            f();
            book::with(|b| {
                let l = b.lane(lane);
                l.finished = true;
                l.next = None;
            });
            book::refresh();
        })
        .expect("shuttle spawns a task")
}

/// Join the level's threads, passing on a panic (it fails the game, with its message).
pub fn join(threads: Vec<shuttle::thread::JoinHandle<()>>) {
    // The state before any thread has run, for the first screen.
    book::refresh();
    for t in threads {
        if let Err(panic) = t.join() {
            std::panic::resume_unwind(panic);
        }
    }
    book::refresh();
}

/// The moves after which an execution is stopped: a thread that spins (looks again and again,
/// and waits for nothing) would go on for ever on some schedules. The levels end far sooner.
pub const MOVE_LIMIT: usize = 100;

/// What a game stopped at [`MOVE_LIMIT`] says.
pub const CUT: &str = playproto::CUT;

/// Who chooses the student's threads.
pub(crate) enum Chooser {
    /// The student's moves, in order.
    Moves(Vec<usize>),
    /// These moves, then at each point to the end the thread a search tries first, which is no
    /// preemption (the book's export walks every position so).
    Then(Vec<usize>),
    /// The engine's depth-first search (`search.rs`): shared, so that a counting search goes on
    /// with it after an execution that failed (a panic ends shuttle's run).
    Tree(Rc<RefCell<Tree>>),
    /// Random choices, from a seed.
    Random(u64),
}

pub(crate) struct Play {
    chooser: Chooser,
    record: Rc<RefCell<Record>>,
    /// Frames are kept for the moves game only, from this move on (`None`: none).
    frames: Option<usize>,
    /// Executions to run (random), and the cap for DFS.
    limit: usize,
    /// Random walks go on after a win, keeping the shortest; the others stop at the first.
    shortest: bool,
    /// A counting search goes on after every end, and counts each.
    tally: bool,
}

impl Play {
    /// A search's scheduler: no frames kept, at most `limit` executions, noted in `record`.
    pub(crate) fn searching(
        chooser: Chooser,
        record: Rc<RefCell<Record>>,
        limit: usize,
        shortest: bool,
        tally: bool,
    ) -> Play {
        Play {
            chooser,
            record,
            frames: None,
            limit,
            shortest,
            tally,
        }
    }
}

fn task_numbers(runnable: &[&Task]) -> Vec<usize> {
    runnable.iter().map(|t| usize::from(t.id())).collect()
}

impl Scheduler for Play {
    fn new_execution(&mut self) -> Option<Schedule> {
        let mut r = self.record.borrow_mut();
        if std::mem::take(&mut r.running) {
            // The last execution's end: the goal reached by its last step, or as noted.
            let won = book::with(|b| b.won.clone());
            let ending = match won {
                Some(words) => {
                    r.keep_win(words);
                    Ending::Won
                }
                None => r.this.take().unwrap_or(Ending::Ended),
            };
            r.ends.add(ending);
        }
        if r.won.is_some() && !self.shortest && !self.tally {
            return None;
        }
        if let Chooser::Tree(tree) = &self.chooser
            && !tree.borrow_mut().next_execution()
        {
            r.exhausted = true;
            return None;
        }
        if r.executions >= self.limit {
            return None;
        }
        r.executions += 1;
        r.running = true;
        r.this = None;
        r.moves.clear();
        Some(Schedule::new(0))
    }

    fn next_task(
        &mut self,
        runnable: &[&Task],
        current: Option<TaskId>,
        is_yielding: bool,
    ) -> Option<TaskId> {
        if let Some(main) = runnable.iter().find(|t| usize::from(t.id()) == MAIN) {
            return Some(main.id());
        }
        let ids = task_numbers(runnable);
        book::saw(&ids);
        let mut r = self.record.borrow_mut();
        let played = r.moves.len();
        if played >= MOVE_LIMIT {
            if r.cut.is_none() {
                r.cut = Some(r.moves.clone());
            }
            r.end = Some(End::Ended(CUT.into()));
            r.this = Some(Ending::Cut);
            return None;
        }
        let current = current.map_or(MAIN, usize::from);
        let choice = Choice {
            goes_on: ids.contains(&current).then_some(current),
            yielding: is_yielding,
            ids: ids.clone(),
        };
        r.last_ids.clone_from(&ids);
        if self.frames.is_some_and(|from| played >= from) {
            r.frames.push(frame(played, Some(&ids)));
            r.choices.push(choice.clone());
        }
        if let Some(words) = book::with(|b| b.won.clone()) {
            // Noted once: the execution stops here, and `new_execution` must not note it again.
            book::with(|b| b.won = None);
            r.keep_win(words.clone());
            r.end = Some(End::Won(words));
            r.this = Some(Ending::Won);
            return None;
        }
        let choice = match &mut self.chooser {
            Chooser::Moves(moves) => {
                let Some(&m) = moves.get(played) else {
                    r.end = Some(End::OutOfMoves);
                    return None;
                };
                if !ids.contains(&m) {
                    let why = frame(played, Some(&ids))
                        .refusal(m)
                        .unwrap_or_else(|| format!("thread {m} cannot run now"));
                    r.end = Some(End::Bad(format!("move {}: {why}", played + 1)));
                    return None;
                }
                TaskId::from(m)
            }
            Chooser::Then(moves) => match moves.get(played) {
                Some(&m) if ids.contains(&m) => TaskId::from(m),
                _ => {
                    let first = search::options(&ids, choice.goes_on, is_yielding, Some(0), 0);
                    TaskId::from(first[0])
                }
            },
            Chooser::Tree(tree) => {
                TaskId::from(tree.borrow_mut().choose(&ids, current, is_yielding))
            }
            Chooser::Random(seed) => {
                // Any thread that can run, one that just gave way too: `yield_now` is a hint.
                // xorshift: a different walk for each execution's seed.
                let mut x = *seed;
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *seed = x;
                TaskId::from(ids[(x % ids.len() as u64) as usize])
            }
        };
        // A sleeper chosen once a notify let it run again takes that notify in this step.
        book::with(|b| {
            let lane = b.lane(usize::from(choice));
            if lane.sleeping.is_some() && lane.was_blocked && !lane.woke {
                lane.woke = true;
                lane.did.push("woken by a notify".into());
            }
        });
        r.moves.push(usize::from(choice));
        Some(choice)
    }

    fn next_u64(&mut self) -> u64 {
        0
    }
}

fn config() -> Config {
    let mut config = Config::new();
    config.failure_persistence = FailurePersistence::None;
    config.silence_warnings = true;
    // A thread that spins (chapter 11's receiver) would go on for ever on some schedules: the
    // scheduler stops those at `MOVE_LIMIT` moves, and says so; this counts every step (the
    // scenario's main thread's too), a stop behind that one.
    config.max_steps = MaxSteps::ContinueAfter(4 * MOVE_LIMIT);
    config
}

fn panic_words(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a thread panicked".into())
}

/// What a failed execution did, in words, from shuttle's panic: a deadlock (shuttle ends an
/// execution in which every thread is blocked with a panic of its own), or a thread's panic.
pub(crate) fn failure(panic: &str) -> String {
    if panic.contains("deadlock") {
        "the threads deadlocked: every thread that has not finished waits for another, and none \
         will ever let go"
            .into()
    } else {
        format!("a thread panicked: {panic}")
    }
}

/// Run `level` under `play`; the record, and the panic's words if the execution failed.
pub(crate) fn run(level: &Level, play: Play) -> (Rc<RefCell<Record>>, Option<String>) {
    crate::wire::capture_logs();
    let record = Rc::clone(&play.record);
    let scenario = level.scenario;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Runner::new(play, config()).run(move || {
            book::reset();
            scenario();
        })
    }));
    (record, result.err().map(|p| panic_words(&*p)))
}

/// Play `moves` (lane numbers from 1); every frame the student saw, and how it ended.
pub fn play(level: &Level, moves: &[usize]) -> (Vec<Frame>, End) {
    let p = played(level, Chooser::Moves(moves.to_vec()), 0);
    (p.frames, p.end)
}

/// A game played: every frame, how it ended, the moves played, and the choice before each
/// move (which moves would have been preemptions).
pub struct Played {
    pub frames: Vec<Frame>,
    pub end: End,
    pub moves: Vec<usize>,
    pub choices: Vec<Choice>,
}

/// Play `moves`, then at each point the thread a search tries first (no preemption), to the end
/// (the book's export walks every position so); the frames and choices from move `from` on.
pub fn play_on(level: &Level, moves: &[usize], from: usize) -> Played {
    played(level, Chooser::Then(moves.to_vec()), from)
}

fn played(level: &Level, chooser: Chooser, from: usize) -> Played {
    let play = Play {
        chooser,
        record: Rc::default(),
        frames: Some(from),
        limit: 1,
        shortest: false,
        tally: false,
    };
    let (record, failed) = run(level, play);
    let mut r = record.borrow_mut();
    let played = r.moves.len();
    let end = match (r.end.take(), failed) {
        (Some(end), _) => end,
        (None, Some(words)) if words.contains("deadlock") => {
            // Every thread is blocked (shuttle asks no scheduler then): one in a condvar's wait
            // is asleep, and has let go of its lock.
            book::saw(&[]);
            r.frames.push(frame(played, None));
            match level.deadlock {
                Some(won) => End::Won(won.to_string()),
                None => End::Failed(failure(&words)),
            }
        }
        (None, Some(words)) => {
            // The thread that took the last move panicked in it, and ended; the others that
            // could run still could when the program stopped.
            let panicked = r.moves.last().copied();
            if let Some(p) = panicked {
                book::with(|b| {
                    let lane = b.lane(p);
                    lane.finished = true;
                    lane.next = None;
                    lane.did.push(format!("panicked: {words}"));
                });
            }
            // What the panic let go of as it unwound, the state is looked at again.
            book::refresh();
            // A thread blocked on a lock that the panic let go of (its guard dropped as it
            // unwound) could take it now.
            let freed = book::with(|b| {
                (1..b.lanes.len())
                    .filter(|&i| {
                        let lock = b.lanes[i].next.as_ref().and_then(|o| o.lock);
                        !b.lanes[i].finished
                            && b.lanes[i].sleeping.is_none()
                            && lock.is_some_and(|l| {
                                b.locks[l].holder.is_none() && b.locks[l].readers.is_empty()
                            })
                    })
                    .collect::<Vec<_>>()
            });
            let mut still: Vec<usize> = r
                .last_ids
                .iter()
                .copied()
                .chain(freed)
                .filter(|&i| Some(i) != panicked)
                .collect();
            still.sort_unstable();
            still.dedup();
            r.frames.push(frame(played, Some(&still)));
            End::Failed(failure(&words))
        }
        (None, None) => {
            r.frames.push(frame(played, Some(&[])));
            match book::with(|b| b.won.clone()) {
                Some(words) => End::Won(words),
                None => End::Ended("every thread finished, and the goal was not reached".into()),
            }
        }
    };
    Played {
        frames: std::mem::take(&mut r.frames),
        end,
        moves: std::mem::take(&mut r.moves),
        choices: std::mem::take(&mut r.choices),
    }
}
