//! The engine: a level's scenario under shuttle, with a scheduler that follows the student's
//! moves and notes, at each choice, what every thread will do next and the state of the lesson.
//!
//! Each call runs the scenario from its start (a fresh execution), so a position is its list of
//! moves: undo is the same list with one move fewer.

use std::cell::RefCell;
use std::panic::Location;
use std::rc::Rc;

use common::sync::book::{self, Op};
use shuttle::scheduler::{DfsScheduler, Schedule, Scheduler, Task, TaskId};
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

/// What a thread is doing, as the screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    CanRun,
    /// Blocked, and why.
    Blocked(String),
    Finished,
}

/// One thread's lane at a moment.
#[derive(Clone, Debug)]
pub struct LaneView {
    pub name: String,
    pub status: Status,
    /// Where it goes on when it runs: `file:line`, and what it will do there.
    pub at: Option<String>,
    pub next: String,
    pub did: Vec<String>,
}

/// The screen's content at one moment: after `moves` moves.
#[derive(Clone, Debug)]
pub struct Frame {
    pub moves: usize,
    pub lanes: Vec<LaneView>,
    pub state: Vec<(String, String)>,
    /// Each lock, and the thread that holds it.
    pub locks: Vec<(String, Option<String>)>,
}

/// How a game ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    /// The goal was reached, with the lesson's words.
    Won(String),
    /// The moves ran out before the goal (the game goes on with more).
    OutOfMoves,
    /// The program ended without the goal, and why.
    Ended(String),
    /// A move that cannot be played: what is wrong with it.
    Bad(String),
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

/// The screen's view of the book: `runnable` are the tasks that can run now (all blocked
/// when `None`, after a deadlock).
fn frame(moves: usize, runnable: Option<&[usize]>) -> Frame {
    book::with(|b| {
        let lanes = (1..b.lanes.len())
            .map(|i| {
                let l = &b.lanes[i];
                let can_run = runnable.is_some_and(|r| r.contains(&i));
                let status = if l.finished {
                    Status::Finished
                } else if can_run
                    && l.did.is_empty()
                    && l.next
                        .as_ref()
                        .is_some_and(|o| o.what.starts_with("starts"))
                {
                    Status::NotStarted
                } else if can_run {
                    Status::CanRun
                } else if l.sleeping.is_some() && !l.woke {
                    Status::Blocked("asleep in wait: only a notify wakes it".into())
                } else if let Some(lock) = l.next.as_ref().and_then(|o| o.lock) {
                    let name = b.lock_name(lock);
                    match b.locks.get(lock).and_then(|n| n.holder) {
                        Some(h) if h == i => {
                            Status::Blocked(format!("waits for {name}, which it holds itself"))
                        }
                        Some(h) => Status::Blocked(format!(
                            "waits for {name}, held by {}",
                            b.lanes[h].name
                        )),
                        None => match readers(b, lock) {
                            Some(r) => Status::Blocked(format!("waits for {name}, held by {r}")),
                            None => Status::Blocked(format!("waits for {name}")),
                        },
                    }
                } else if let Some(waits) = l.next.as_ref().and_then(|o| o.waits.clone()) {
                    Status::Blocked(waits)
                } else if l
                    .next
                    .as_ref()
                    .is_some_and(|o| o.what.starts_with("wait at the barrier"))
                {
                    Status::Blocked("waits at the barrier for the others".into())
                } else {
                    Status::Blocked("blocked".into())
                };
                let (at, mut next) = match &l.next {
                    Some(op) => (
                        Some(format!("{}:{}", op.at.file(), op.at.line())),
                        op.what.clone(),
                    ),
                    None => (None, String::new()),
                };
                // In a wait: on its way in (it can run and has not been blocked since), asleep,
                // woken by a notify (it can run again), and then taking its lock back.
                let lock_name = l
                    .next
                    .as_ref()
                    .and_then(|o| o.lock)
                    .map(|lock| b.lock_name(lock));
                if let (Some(_), Some(name)) = (l.sleeping, &lock_name)
                    && (l.was_blocked || l.woke)
                {
                    next = if l.woke {
                        format!("takes {name} back: wait returns")
                    } else if can_run {
                        format!("a notify woke it: next, takes {name} back")
                    } else {
                        format!("after a notify, takes {name} back")
                    };
                } else if can_run
                    && l.was_blocked
                    && let Some(lock) = l.next.as_ref().and_then(|o| o.lock)
                {
                    next = format!("{} is free now: takes it", b.lock_name(lock));
                }
                LaneView {
                    name: l.name.clone(),
                    status,
                    at,
                    next,
                    did: l.did.clone(),
                }
            })
            .collect();
        let locks = b
            .locks
            .iter()
            .enumerate()
            .map(|(k, l)| {
                let holder = match l.holder {
                    Some(h) => Some(b.lanes[h].name.clone()),
                    None => readers(b, k),
                };
                (l.name.clone(), holder)
            })
            .collect();
        Frame {
            moves,
            lanes,
            state: b.state.clone(),
            locks,
        }
    })
}

/// Who holds an `RwLock`'s read lock, in words (`Main and Reader 3 (reading)`), if anyone does.
fn readers(b: &book::Book, lock: usize) -> Option<String> {
    let names: Vec<&str> = b
        .locks
        .get(lock)?
        .readers
        .iter()
        .map(|&r| b.lanes[r].name.as_str())
        .collect();
    (!names.is_empty()).then(|| format!("{} (reading)", names.join(" and ")))
}

/// What a run noted, shared between the scheduler and the caller.
#[derive(Default)]
struct Record {
    frames: Vec<Frame>,
    end: Option<End>,
    /// The lanes chosen, in order.
    moves: Vec<usize>,
    executions: usize,
    won: Option<(Vec<usize>, String)>,
    /// The first schedule stopped at [`MOVE_LIMIT`]: a thread that spins.
    cut: Option<Vec<usize>>,
}

/// The moves after which an execution is stopped: a thread that spins (looks again and again,
/// and waits for nothing) would go on for ever on some schedules. The levels end far sooner.
pub const MOVE_LIMIT: usize = 100;

/// What a game stopped at [`MOVE_LIMIT`] says.
pub const CUT: &str = "the game stops after 100 moves: a thread goes round a loop that looks \
                       again and again (it spins) and waits for nothing, so it can go on for ever \
                       while the thread it looks for is not chosen";

impl Record {
    /// Keep this execution's moves as the win, if it is the first or the shortest yet.
    fn keep_win(&mut self, words: String) {
        if self
            .won
            .as_ref()
            .is_none_or(|(m, _)| self.moves.len() < m.len())
        {
            self.won = Some((self.moves.clone(), words));
        }
    }
}

/// Who chooses the student's threads.
enum Chooser {
    /// The student's moves, in order.
    Moves(Vec<usize>),
    /// shuttle's depth-first search over every schedule.
    Dfs(DfsScheduler),
    /// Random choices, from a seed.
    Random(u64),
}

struct Play {
    chooser: Chooser,
    record: Rc<RefCell<Record>>,
    /// Frames are kept for the moves game only.
    frames: bool,
    /// Executions to run (random), and the cap for DFS.
    limit: usize,
    /// Random walks go on after a win, keeping the shortest; the others stop at the first.
    shortest: bool,
}

fn task_numbers(runnable: &[&Task]) -> Vec<usize> {
    runnable.iter().map(|t| usize::from(t.id())).collect()
}

impl Scheduler for Play {
    fn new_execution(&mut self) -> Option<Schedule> {
        let mut r = self.record.borrow_mut();
        if r.executions > 0
            && let Some(words) = book::with(|b| b.won.clone())
        {
            r.keep_win(words);
        }
        if (r.won.is_some() && !self.shortest) || r.executions >= self.limit {
            return None;
        }
        let schedule = match &mut self.chooser {
            Chooser::Dfs(dfs) => dfs.new_execution()?,
            _ => Schedule::new(0),
        };
        r.executions += 1;
        r.moves.clear();
        Some(schedule)
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
            return None;
        }
        if self.frames {
            let f = frame(played, Some(&ids));
            r.frames.push(f);
        }
        if let Some(words) = book::with(|b| b.won.clone()) {
            // Noted once: the execution stops here, and `new_execution` must not note it again.
            book::with(|b| b.won = None);
            r.keep_win(words.clone());
            r.end = Some(End::Won(words));
            return None;
        }
        let choice = match &mut self.chooser {
            Chooser::Moves(moves) => {
                let Some(&m) = moves.get(played) else {
                    r.end = Some(End::OutOfMoves);
                    return None;
                };
                if !ids.contains(&m) {
                    let why = match frame(played, Some(&ids)).lanes.get(m.wrapping_sub(1)) {
                        None => format!("there is no thread {m}"),
                        Some(l) => match &l.status {
                            Status::Finished => format!("{} (key {m}) has finished", l.name),
                            Status::Blocked(why) => {
                                format!("{} (key {m}) cannot run now: {why}", l.name)
                            }
                            _ => format!("{} (key {m}) cannot run now", l.name),
                        },
                    };
                    r.end = Some(End::Bad(format!("move {}: {why}", played + 1)));
                    return None;
                }
                TaskId::from(m)
            }
            Chooser::Dfs(dfs) => dfs.next_task(runnable, current, is_yielding)?,
            Chooser::Random(seed) => {
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

/// Run `level` under `play`; the record, and the panic's words if the execution failed.
fn run(level: &Level, play: Play) -> (Rc<RefCell<Record>>, Option<String>) {
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
    let play = Play {
        chooser: Chooser::Moves(moves.to_vec()),
        record: Rc::default(),
        frames: true,
        limit: 1,
        shortest: false,
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
                None => End::Ended(format!("the threads deadlocked ({words})")),
            }
        }
        (None, Some(words)) => {
            r.frames.push(frame(played, None));
            End::Ended(format!("a thread panicked: {words}"))
        }
        (None, None) => {
            r.frames.push(frame(played, Some(&[])));
            match book::with(|b| b.won.clone()) {
                Some(words) => End::Won(words),
                None => End::Ended("every thread finished, and the goal was not reached".into()),
            }
        }
    };
    (std::mem::take(&mut r.frames), end)
}

/// What a search of many schedules found.
pub struct Search {
    pub executions: usize,
    /// Whether it saw every schedule (a DFS that ran out of choices before its cap).
    pub complete: bool,
    /// The first schedule that reached the goal: its moves, and the goal's words.
    pub won: Option<(Vec<usize>, String)>,
    /// A schedule on which a thread panicked (not the goal: a deadlock that is one is a win),
    /// which ends shuttle's search: its moves, and the panic's words.
    pub failed: Option<(Vec<usize>, String)>,
    /// The first schedule stopped at [`MOVE_LIMIT`] moves (a thread that spins), if any was.
    pub cut: Option<Vec<usize>>,
}

fn search(level: &Level, chooser: Chooser, limit: usize, shortest: bool) -> Search {
    let play = Play {
        chooser,
        record: Rc::default(),
        frames: false,
        limit,
        shortest,
    };
    let (record, failed) = run(level, play);
    let mut r = record.borrow_mut();
    // The last execution's end: its goal, or its failure (a deadlock stops the whole run).
    let mut panicked = None;
    if let Some(words) = book::with(|b| b.won.take()) {
        r.keep_win(words);
    } else if let Some(words) = failed {
        match level.deadlock {
            Some(won) if words.contains("deadlock") => r.keep_win(won.to_string()),
            _ => panicked = Some((r.moves.clone(), words)),
        }
    }
    Search {
        executions: r.executions,
        complete: r.won.is_none() && panicked.is_none() && r.executions < limit,
        won: r.won.take(),
        failed: panicked,
        cut: r.cut.take(),
    }
}

/// Every schedule of the student's threads, depth first, up to `cap` of them.
pub fn explore(level: &Level, cap: usize) -> Search {
    search(
        level,
        Chooser::Dfs(DfsScheduler::new(None, false)),
        cap,
        false,
    )
}

/// `count` random schedules from `seed`; the shortest that reached the goal, if any did. (A
/// deadlock ends the whole run, as it ends shuttle's: it is then the win.)
pub fn random(level: &Level, seed: u64, count: usize) -> Search {
    search(level, Chooser::Random(seed.max(1)), count, true)
}
