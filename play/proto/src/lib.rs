//! The play engine's words as types: the level table, a game's frames, how it ended, and what a
//! search of many schedules found. The engine (`play`, under `--cfg shuttle`) answers in them,
//! the runner (`cargo xtask play`, `check`, `prove`) reads them, and the book ships them to the
//! browser; their one encoding is JSON ([`to_json`], [`from_json`]).
//!
//! The words of the chapters' levels are data, a table a chapter in [`LEVELS`]
//! (`play/src/levels/chNN.json`), beside the scenarios that play them (`chNN.rs`): the engine
//! embeds the tables, and the runner reads them from the course ([`tables`]), so that it knows
//! the levels without building the play runtime.
#![forbid(unsafe_code)]

pub mod export;
pub mod json;
mod words;

use json::Json;

/// Where the chapters' levels are, from the course's root: a table of their words a chapter,
/// `chNN.json`, beside the chapter's scenarios, `chNN.rs`.
pub const LEVELS: &str = "play/src/levels";

/// The variables through which the runner asks an exercise's model (its test binary, the engine
/// of the exercise's one level): the question, its words split by spaces; the file its answers
/// are added to, one JSON [`Answer`] a line; and the file a model that searches writes how it
/// ended to, one [`ModelResult`], in every outcome.
pub const ASK: &str = "PLAY_ASK";
pub const ANSWER: &str = "PLAY_ANSWER";
pub const RESULT: &str = "PLAY_RESULT";

/// Where the play step of `cargo xtask prove` notes what each fixed level's search covered, from
/// the course's root: a [`Searched`] a level, in `<id>.json`.
pub const SEARCHES: &str = "target/play/searches";

/// Where the play step of `cargo xtask prove` keeps each schedule that breaks a fixed level's
/// claim, from the course's root (in the format of `cargo xtask play --save`).
pub const COUNTEREXAMPLES: &str = "target/play/counterexamples";

/// One level's words: a row of the table, or an exercise's level as its model says it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Level {
    /// What the student types: `ch04`, or `chNN-what` for a chapter's second level.
    pub id: String,
    /// The chapter's crate.
    pub chapter: String,
    pub title: String,
    /// The goal, in the lesson's words.
    pub goal: String,
    pub hint: String,
    /// When the goal is a deadlock: the words that say it was reached.
    pub deadlock: Option<String>,
    /// A fixed version: the claim that no schedule breaks (the goal cannot be reached).
    pub fixed: Option<String>,
    /// What the runtime does not model, or what the level plays besides the chapter's code.
    pub note: Option<String>,
    /// A breakable level's winning schedule, kept (the shortest found): lane numbers from 1. A
    /// level that is neither fixed nor kept is one this runtime cannot break (its note says
    /// why): [`Level::unbreakable_here`].
    pub kept: Option<Vec<usize>>,
    /// Words of the line of the chapter's expected log that gives a real run's own figure of
    /// the bug (`Updates lost:`), shown beside the game's count of how often it shows.
    pub run: Option<String>,
}

impl Level {
    /// A level that no schedule breaks here, and that is no fix: the bug is one the runtime
    /// cannot show (`ch11-stale`: shuttle runs every atomic as sequentially consistent). Its
    /// note says why; it is neither fixed nor kept with a win.
    pub fn unbreakable_here(&self) -> bool {
        self.fixed.is_none() && self.kept.is_none()
    }
}

/// The kind of thing a blocked thread waits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Object {
    Lock,
    Condvar,
    Barrier,
    Channel,
}

/// What a blocked thread waits on: its kind and its name (`lock 1`, `the queue`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiting {
    pub kind: Object,
    pub name: String,
}

/// What a thread is doing, as the screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    CanRun,
    /// Blocked: why, in words, and on what, when the engine knows.
    Blocked {
        why: String,
        on: Option<Waiting>,
    },
    Finished,
}

impl Status {
    /// Whether a move may pick it.
    pub fn can_run(&self) -> bool {
        matches!(self, Status::CanRun | Status::NotStarted)
    }

    /// The status in words: `can run`, `waits for lock 1, held by Thread A`.
    pub fn words(&self) -> &str {
        match self {
            Status::NotStarted => "not started",
            Status::CanRun => "can run",
            Status::Blocked { why, .. } => why,
            Status::Finished => "finished",
        }
    }
}

/// One thing a thread did: a line the chapter logged, or a step of the runtime's.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Did {
    Log(String),
    Step(String),
}

/// One thread's lane at a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    pub name: String,
    pub status: Status,
    /// Where it goes on when it runs: `file:line` (from the course's root), and that line's code.
    pub at: Option<String>,
    pub code: Option<String>,
    /// What it will do there.
    pub next: String,
    pub did: Vec<Did>,
}

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Held {
    Free,
    /// A `Mutex`, or an `RwLock`'s write lock: the thread's name.
    By(String),
    /// An `RwLock`'s read lock: the readers' names.
    Reading(Vec<String>),
}

impl Held {
    /// The holder in words (`Thread A`, `Main and Reader 3 (reading)`), if anyone holds it.
    pub fn holder(&self) -> Option<String> {
        match self {
            Held::Free => None,
            Held::By(name) => Some(name.clone()),
            Held::Reading(names) => Some(format!("{} (reading)", names.join(" and "))),
        }
    }

    /// The threads that hold it.
    pub fn names(&self) -> &[String] {
        match self {
            Held::Free => &[],
            Held::By(name) => std::slice::from_ref(name),
            Held::Reading(names) => names,
        }
    }
}

/// A lock, and who holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lock {
    pub name: String,
    pub held: Held,
}

/// The screen's content at one moment: after `moves` moves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    pub moves: usize,
    pub lanes: Vec<Lane>,
    /// The lesson's state: (label, value).
    pub state: Vec<(String, String)>,
    pub locks: Vec<Lock>,
}

impl Frame {
    /// Why the thread of key `m` (from 1) cannot take the next move, in the words the game says
    /// it with; `None` when it can.
    pub fn refusal(&self, m: usize) -> Option<String> {
        let Some(l) = self.lanes.get(m.wrapping_sub(1)) else {
            return Some(format!("there is no thread {m}"));
        };
        match &l.status {
            Status::CanRun | Status::NotStarted => None,
            Status::Finished => Some(format!("{} (key {m}) has finished", l.name)),
            Status::Blocked { why, .. } => {
                Some(format!("{} (key {m}) cannot run now: {why}", l.name))
            }
        }
    }
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
    /// A thread panicked, or the threads deadlocked where the level does not expect it: the
    /// program failed, which breaks a fixed level's claim as a win would.
    Failed(String),
    /// A move that cannot be played: what is wrong with it.
    Bad(String),
}

impl End {
    /// The game is over: won, failed or the program's end (not moves run out, nor a bad move,
    /// after which it goes on).
    pub fn is_over(&self) -> bool {
        matches!(self, End::Won(_) | End::Failed(_) | End::Ended(_))
    }
}

/// A game: the level, every frame the student saw (one before each move and one at the end),
/// and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Game {
    pub level: Level,
    pub frames: Vec<Frame>,
    pub end: End,
}

/// What a game stopped at the engine's move limit (100 moves) says.
pub const CUT: &str = "the game stops after 100 moves: a thread goes round a loop that looks \
                       again and again (it spins) and waits for nothing, so it can go on for ever \
                       while the thread it looks for is not chosen";

/// How a search chose its schedules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// Depth first: every schedule, or every schedule with at most this many preemptions.
    Dfs { preemptions: Option<usize> },
    /// At random, from a seed: a sample.
    Random,
}

/// What a search of many schedules found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search {
    pub how: How,
    pub executions: usize,
    /// It ran every schedule of its set (a depth-first search that ran out of choices before
    /// its cap, with no schedule cut short).
    pub complete: bool,
    /// The first schedule that reached the goal (a random search: the shortest): its moves, and
    /// the goal's words.
    pub won: Option<(Vec<usize>, String)>,
    /// A schedule on which a thread panicked, or the threads deadlocked where the level does
    /// not expect it (it ends the search, as it ends shuttle's run): its moves, and what
    /// happened, in words (`a thread panicked: ...`, `the threads deadlocked: ...`).
    pub failed: Option<(Vec<usize>, String)>,
    /// The first schedule stopped at the engine's move limit (a thread that spins).
    pub cut: Option<Vec<usize>>,
}

/// Why a search does not show the level's claim: what it found, on which schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// The goal, with its words.
    Won(String),
    /// A thread panicked, or the threads deadlocked: the words.
    Failed(String),
    /// The schedule went on past the engine's move limit.
    Cut,
}

impl Search {
    /// The schedule that breaks the claim or keeps it from being shown, and what happened on
    /// it: a win first, then a failure, then a schedule cut short.
    pub fn found(&self) -> Option<(Vec<usize>, Found)> {
        if let Some((moves, words)) = &self.won {
            return Some((moves.clone(), Found::Won(words.clone())));
        }
        if let Some((moves, words)) = &self.failed {
            return Some((moves.clone(), Found::Failed(words.clone())));
        }
        self.cut.clone().map(|moves| (moves, Found::Cut))
    }

    /// The claim holds on every schedule of the search's set: it ran them all, and none broke it.
    pub fn holds(&self) -> bool {
        self.complete && self.found().is_none()
    }

    /// The bound of preemptions a depth-first search kept to (`None`: none, or a random search).
    pub fn preemptions(&self) -> Option<usize> {
        match self.how {
            How::Dfs { preemptions } => preemptions,
            How::Random => None,
        }
    }
}

/// How every schedule of a set ends, each counted: a depth-first search that goes on past the
/// goal, a panic or a cut, to the end of its set. A game stops at the goal, so a schedule counted
/// is a way to play the game, from its first move to its end.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// The set: every schedule (`None`), or every one with at most this many preemptions.
    pub preemptions: Option<usize>,
    /// Reached the goal.
    pub won: u64,
    /// A thread panicked, or the threads deadlocked where the level does not expect it.
    pub failed: u64,
    /// Stopped at the engine's move limit: a thread spins.
    pub cut: u64,
    /// Ran to the end without reaching the goal.
    pub ended: u64,
    /// It ran every schedule of its set (it did not stop at its cap).
    pub complete: bool,
}

impl Tally {
    /// The schedules counted.
    pub fn schedules(&self) -> u64 {
        self.won + self.failed + self.cut + self.ended
    }
}

/// A schedule that broke an exercise's model: the game played along it, its moves, and the
/// model's words for what broke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    pub game: Game,
    pub moves: Vec<usize>,
    pub words: String,
}

/// How an exercise's model ended: what its test writes, in every outcome, to the file [`RESULT`]
/// names, and all that the judge reads of it (a model that wrote none shows nothing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelResult {
    /// It ran every schedule of its search, and none broke it: the search.
    Held(Search),
    /// A schedule broke it.
    Broke(Box<Broken>),
    /// It stopped at its cap before it had run every schedule, and none that it ran broke it: it
    /// shows nothing of the others. The search, and the model's words.
    CutShort { search: Search, words: String },
}

/// What a fixed level's search covered in the play step of `cargo xtask prove`, and how long it
/// took (the play tests write it, prove prints it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Searched {
    pub level: String,
    pub search: Search,
    pub millis: u64,
}

/// The engine's answer to one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Levels(Vec<Level>),
    Game(Game),
    Search(Search),
    Tally(Tally),
    Export(Box<export::Export>),
    /// A question the engine will not answer: the words, and the exit code they go with (2 for
    /// a bad question, 3 for a level that is not there).
    Refused {
        code: i32,
        words: String,
    },
}

/// A value that does not read as what it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// `value` in the protocol's encoding: JSON, on one line.
pub fn to_json<T: Json>(value: &T) -> String {
    let mut out = String::new();
    value.to_json().write(&mut out);
    out
}

/// A value of the protocol read back from its JSON.
pub fn from_json<T: Json>(text: &str) -> Result<T, Error> {
    let v = json::parse_at(text).map_err(|line| {
        Error(format!(
            "not one JSON value: it stops reading at line {line}"
        ))
    })?;
    T::from_json(&v)
}

/// The level tables, each a chapter's (its file's name in [`LEVELS`] and its text), in the
/// course's order, read and checked: every id once, and no fix (a claim no schedule breaks)
/// kept with a schedule that wins it. An error names the file.
pub fn tables(files: &[(&str, &str)]) -> Result<Vec<Level>, Error> {
    let mut levels: Vec<Level> = Vec::new();
    for (name, text) in files {
        let file = format!("{LEVELS}/{name}");
        let these: Vec<Level> =
            from_json(text).map_err(|e| Error(format!("{file} does not read: {e}")))?;
        for l in these {
            if levels.iter().any(|o| o.id == l.id) {
                return Err(Error(format!("{file}: the level {} comes twice", l.id)));
            }
            if l.fixed.is_some() && l.kept.is_some() {
                return Err(Error(format!(
                    "{file}: {} is a fix and has a winning schedule kept: no schedule may win a fix",
                    l.id
                )));
            }
            levels.push(l);
        }
    }
    Ok(levels)
}

/// The level `id` names among `levels`: a level's own id (`ch07-ordered`), or a chapter's crate
/// (`ch07_deadlock`: its first level).
pub fn find<'l>(levels: &'l [Level], id: &str) -> Option<&'l Level> {
    levels
        .iter()
        .find(|l| l.id == id)
        .or_else(|| levels.iter().find(|l| l.chapter == id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_game_is_over_when_won_failed_or_ended_and_goes_on_after_moves_run_out_or_a_bad_one() {
        let over = |e: End| e.is_over();
        assert!(over(End::Won("w".into())));
        assert!(over(End::Failed("f".into())));
        assert!(over(End::Ended("e".into())));
        assert!(!over(End::OutOfMoves));
        assert!(!over(End::Bad("b".into())));
    }

    fn lane(status: Status) -> Lane {
        Lane {
            name: "Thread A".into(),
            status,
            at: Some("chapters/ch07_deadlock/src/lib.rs:37".into()),
            code: Some("let b = second.lock();".into()),
            next: "lock lock 2".into(),
            did: vec![
                Did::Log("Thread A has lock 1".into()),
                Did::Step("x".into()),
            ],
        }
    }

    #[test]
    fn every_answer_reads_back_as_it_was_written() {
        let frame = Frame {
            moves: 4,
            lanes: vec![
                lane(Status::CanRun),
                lane(Status::NotStarted),
                lane(Status::Finished),
                lane(Status::Blocked {
                    why: "waits for lock 1, held by Thread A".into(),
                    on: Some(Waiting {
                        kind: Object::Lock,
                        name: "lock 1".into(),
                    }),
                }),
                lane(Status::Blocked {
                    why: "blocked".into(),
                    on: None,
                }),
            ],
            state: vec![("value".into(), "0 \"quoted\"\tand tabbed\nlines".into())],
            locks: vec![
                Lock {
                    name: "lock 1".into(),
                    held: Held::By("Thread A".into()),
                },
                Lock {
                    name: "the lock".into(),
                    held: Held::Reading(vec!["Main".into(), "Reader 3".into()]),
                },
                Lock {
                    name: "lock 2".into(),
                    held: Held::Free,
                },
            ],
        };
        let level = Level {
            id: "ch07".into(),
            chapter: "ch07_deadlock".into(),
            title: "Deadlock".into(),
            goal: "g".into(),
            hint: "h".into(),
            deadlock: Some("d".into()),
            fixed: None,
            note: Some("n".into()),
            kept: Some(vec![1, 2, 1, 2, 1]),
            run: Some("Updates lost:".into()),
        };
        let answers = [
            Answer::Levels(vec![level.clone(), Level::default()]),
            Answer::Game(Game {
                level: level.clone(),
                frames: vec![frame.clone(), Frame::default()],
                end: End::Won("Deadlock.".into()),
            }),
            Answer::Game(Game {
                level,
                frames: vec![frame],
                end: End::OutOfMoves,
            }),
            Answer::Search(Search {
                how: How::Dfs {
                    preemptions: Some(2),
                },
                executions: 12,
                complete: true,
                won: Some((vec![1, 2], "w".into())),
                failed: Some((vec![2], "f".into())),
                cut: Some(vec![1]),
            }),
            Answer::Tally(Tally {
                preemptions: None,
                won: 1,
                failed: 2,
                cut: 3,
                ended: 4,
                complete: true,
            }),
            Answer::Refused {
                code: 3,
                words: "no level".into(),
            },
        ];
        for a in answers {
            let text = to_json(&a);
            assert!(!text.contains('\n'), "one line: {text}");
            assert_eq!(from_json::<Answer>(&text), Ok(a), "{text}");
        }
        for end in [
            End::Won("w".into()),
            End::Failed("f".into()),
            End::OutOfMoves,
            End::Ended("e".into()),
            End::Bad("b".into()),
        ] {
            assert_eq!(from_json::<End>(&to_json(&end)), Ok(end));
        }
    }

    /// A model's result, in each of its outcomes, and a search prove notes, read back as they
    /// were written; what is not one does not read as one.
    #[test]
    fn a_models_result_and_a_noted_search_read_back_as_they_were_written() {
        let search = |complete| Search {
            how: How::Dfs {
                preemptions: Some(3),
            },
            executions: 646,
            complete,
            won: None,
            failed: None,
            cut: None,
        };
        let broken = Broken {
            game: Game {
                level: Level {
                    id: "ex04".into(),
                    ..Level::default()
                },
                frames: vec![Frame::default()],
                end: End::Won("An update is lost".into()),
            },
            moves: vec![1, 2, 1],
            words: "An update is lost:\n\tThread 0".into(),
        };
        for result in [
            ModelResult::Held(search(true)),
            ModelResult::Broke(Box::new(broken)),
            ModelResult::CutShort {
                search: search(false),
                words: "The model did not run every schedule".into(),
            },
        ] {
            let text = to_json(&result);
            assert!(!text.contains('\n'), "one line: {text}");
            assert_eq!(from_json::<ModelResult>(&text), Ok(result), "{text}");
        }
        let noted = Searched {
            level: "ch15-while".into(),
            search: search(true),
            millis: 1450,
        };
        assert_eq!(from_json::<Searched>(&to_json(&noted)), Ok(noted));
        for not in ["", "{}", r#""held""#, r#"{"passed": {}}"#, "3\t646"] {
            assert!(from_json::<ModelResult>(not).is_err(), "{not}");
        }
    }

    #[test]
    fn a_status_says_whether_it_can_run_and_a_lock_who_holds_it() {
        assert!(Status::CanRun.can_run() && Status::NotStarted.can_run());
        let blocked = Status::Blocked {
            why: "waits".into(),
            on: None,
        };
        assert!(!blocked.can_run() && !Status::Finished.can_run());
        assert_eq!(blocked.words(), "waits");
        let readers = Held::Reading(vec!["Main".into(), "Reader 3".into()]);
        assert_eq!(
            readers.holder().as_deref(),
            Some("Main and Reader 3 (reading)")
        );
        assert_eq!(readers.names().len(), 2);
        assert_eq!(Held::Free.holder(), None);
        let frame = Frame {
            lanes: vec![lane(Status::CanRun), lane(Status::Finished), lane(blocked)],
            ..Frame::default()
        };
        assert_eq!(frame.refusal(1), None);
        assert_eq!(
            frame.refusal(2).as_deref(),
            Some("Thread A (key 2) has finished")
        );
        assert_eq!(
            frame.refusal(3).as_deref(),
            Some("Thread A (key 3) cannot run now: waits")
        );
        assert_eq!(frame.refusal(4).as_deref(), Some("there is no thread 4"));
        assert_eq!(frame.refusal(0).as_deref(), Some("there is no thread 0"));
    }

    #[test]
    fn the_tables_refuse_a_level_twice_or_a_fix_kept_with_a_win_by_file() {
        let row = |id: &str, fixed: bool, kept: bool| Level {
            id: id.into(),
            fixed: fixed.then(|| "claim".into()),
            kept: kept.then(|| vec![1]),
            ..Level::default()
        };
        let text = |rows: &[Level]| to_json(&rows.to_vec());
        let rows = [
            row("a", true, false),
            row("b", false, true),
            row("c", false, false),
        ];
        let one = |rows: &[Level]| tables(&[("ch01.json", &text(rows))]);
        assert_eq!(one(&rows).map(|l| l.len()), Ok(3));
        for (rows, says) in [
            (
                vec![row("a", true, false), row("a", true, false)],
                "play/src/levels/ch01.json: the level a comes twice",
            ),
            (vec![row("a", true, true)], "ch01.json: a is a fix and has"),
        ] {
            let e = one(&rows).unwrap_err();
            assert!(e.0.contains(says), "{e}");
        }
        // Twice across two chapters' tables: said of the second file.
        let (a, b) = (text(&rows[..1]), text(&rows));
        let e = tables(&[("ch01.json", &a), ("ch02.json", &b)]).unwrap_err();
        assert!(
            e.0.contains("levels/ch02.json: the level a comes twice"),
            "{e}"
        );
        let e = tables(&[("ch03.json", r#"[{"id": "a", "colour": "red"}]"#)]).unwrap_err();
        assert!(e.0.contains("ch03.json does not read"), "{e}");
        assert!(e.0.contains("unknown field `colour`"), "{e}");
        assert_eq!(
            find(&[row("a", true, false)], "a").map(|l| &l.id),
            Some(&"a".into())
        );
    }
}
