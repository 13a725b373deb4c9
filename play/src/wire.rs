//! The engine's answers to the runner (`xtask/src/cmd/play/`): one question a call (`levels`, `game`,
//! `check`, `count`, `explore`, `random`, `export`, as `main.rs`'s doc says), one typed answer ([`playproto::Answer`]),
//! printed as JSON; the runner draws the screen from it.
//!
//! The questions are the same wherever the levels are: the play binary's own (`main.rs`), or
//! an exercise's one level, asked through its model's test binary ([`crate::model`]).

use common::sync::book;
use playproto::Answer;

use crate::engine::{self, Level};
use crate::search::{self, Plan};

/// The level `id` names among `levels`: a level's own id (`ch07-ordered`), or a chapter's
/// crate (`ch07_deadlock`: its first level).
pub fn find<'l>(levels: &'l [Level], id: &str) -> Option<&'l Level> {
    levels
        .iter()
        .find(|l| l.id == id)
        .or_else(|| levels.iter().find(|l| l.chapter == id))
}

/// The answer to one question (`levels`, `game`, `check`, `count`, `explore`, `random`, `export`:
/// see `main.rs`) about `levels`; `plan` is the search `check` and `count` run for a level, and `table` gives a
/// level's words as the table has them (with its kept schedule), where it is the table's.
pub fn answer(
    levels: &[Level],
    plan: &dyn Fn(&Level) -> Plan,
    args: &[String],
    table: &dyn Fn(&str) -> Option<playproto::Level>,
) -> Answer {
    // A refusal: its exit code and its words.
    let usage = || {
        (
            2,
            "usage: play levels | game <level> [--last] <move>... | check <level> | count \
             <level> [<cap> [<preemptions>]] | explore <level> <cap> [<preemptions>] | random \
             <level> <seed> <count> | export <level> <positions>"
                .to_string(),
        )
    };
    let number = |s: &String| s.parse::<usize>().map_err(|_| usage());
    let words = |l: &Level| table(l.id).unwrap_or_else(|| l.words());
    match args.first().map(String::as_str) {
        Some("levels") => Answer::Levels(levels.iter().map(words).collect()),
        Some(cmd @ ("game" | "check" | "count" | "explore" | "random" | "export")) => {
            let Some(l) = args.get(1).and_then(|id| find(levels, id)) else {
                return Answer::Refused {
                    code: 3,
                    words: format!("no level {:?}", args.get(1)),
                };
            };
            let asked = || -> Result<Answer, (i32, String)> {
                Ok(match cmd {
                    "game" => {
                        let last = args.iter().any(|a| a == "--last");
                        let moves = args[2..]
                            .iter()
                            .filter(|a| *a != "--last")
                            .map(number)
                            .collect::<Result<Vec<usize>, _>>()?;
                        let (mut frames, end) = engine::play(l, &moves);
                        if last {
                            frames.drain(..frames.len().saturating_sub(1));
                        }
                        Answer::Game(playproto::Game {
                            level: words(l),
                            frames,
                            end,
                        })
                    }
                    "export" => {
                        // The schedules of the level's own search: every one, or every one with
                        // at most its bound of preemptions.
                        let max = number(args.get(2).ok_or_else(usage)?)?;
                        let bound = plan(l).preemptions;
                        match crate::export::export(l, words(l), bound, max) {
                            Some(e) => Answer::Export(Box::new(e)),
                            None => Answer::Refused {
                                code: 4,
                                words: format!(
                                    "the game of {} has more than {max} positions on the \
                                     schedules of its search",
                                    l.id
                                ),
                            },
                        }
                    }
                    "check" => Answer::Search(search::check(l, plan(l))),
                    "count" => {
                        // The level's own set, or one given: `<cap> [<preemptions>]`.
                        let given = match args.get(2) {
                            None => plan(l),
                            Some(cap) => Plan {
                                cap: number(cap)?,
                                preemptions: args.get(3).map(number).transpose()?,
                            },
                        };
                        Answer::Tally(search::count(l, given))
                    }
                    "explore" => {
                        let cap = number(args.get(2).ok_or_else(usage)?)?;
                        let preemptions = args.get(3).map(number).transpose()?;
                        Answer::Search(search::check(l, Plan { preemptions, cap }))
                    }
                    _ => {
                        let (Some(seed), Some(count)) = (args.get(2), args.get(3)) else {
                            return Err(usage());
                        };
                        Answer::Search(search::random(l, number(seed)? as u64, number(count)?))
                    }
                })
            };
            asked().unwrap_or_else(|(code, words)| Answer::Refused { code, words })
        }
        _ => {
            let (code, words) = usage();
            Answer::Refused { code, words }
        }
    }
}

/// The chapters' log lines go to the lane of the thread that logged them.
struct Lanes;

impl log::Log for Lanes {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }

    fn log(&self, record: &log::Record) {
        if book::observing() {
            return;
        }
        let Some(task) = shuttle::current::try_get_current_task() else {
            return;
        };
        let task = usize::from(task);
        let line = record.args().to_string();
        book::with(|b| b.lane(task).did.push(format!("{}{line}", engine::LOGGED)));
    }

    fn flush(&self) {}
}

pub fn capture_logs() {
    static LANES: Lanes = Lanes;
    let _ = log::set_logger(&LANES);
    log::set_max_level(log::LevelFilter::Debug);
}
