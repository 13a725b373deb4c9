//! What the engine tells the runner (`xtask/src/play/`), one fact a line, fields split by tabs:
//! the runner draws the screen from it. Kept plain so that either side reads it at a glance.
//!
//! ```text
//! level  <id> <chapter> <title>        goal <words>      hint <words>
//! note <words>                          fixed <claim>
//! frame  <moves played>
//! lane   <n> <name> <status> <file:line or -> <what it does next>
//! did    <n> <what it did>
//! state  <label> <value>
//! lock   <name> <holder or ->
//! end    won|out|ended|failed|bad <words>
//! search dfs|random <bound of preemptions or -> <schedules> <all of its set run: 1|0>
//!        won|failed|cut|- <its moves or -> <words or ->
//! ```
//!
//! A `search` line is one line: what the search found is the schedule that reached the goal
//! (`won`), made a thread panic or the threads deadlock (`failed`), or went on past the move
//! limit (`cut`), with its moves and words.
//!
//! The questions are the same wherever the levels are: the play binary's own (`main.rs`), or
//! an exercise's one level, asked through its model's test binary ([`crate::model`]).

use std::fmt::Write as _;

use common::sync::book;

use crate::engine::{self, End, Frame, Level, Status};
use crate::search::{self, Found, How, Plan, Search};

/// A question the engine will not answer: the words, and the exit code they go with (2 for a
/// bad question, 3 for a level that is not there).
#[derive(Debug)]
pub struct Refused {
    pub code: i32,
    pub words: String,
}

/// The level `id` names among `levels`: a level's own id (`ch07-ordered`), or a chapter's
/// crate (`ch07_deadlock`: its first level).
pub fn find<'l>(levels: &'l [Level], id: &str) -> Option<&'l Level> {
    levels
        .iter()
        .find(|l| l.id == id)
        .or_else(|| levels.iter().find(|l| l.chapter == id))
}

/// The answer to one question (`levels`, `game`, `check`, `explore`, `random`: see `main.rs`)
/// about `levels`, in the lines above; `plan` is the search `check` runs for a level.
pub fn answer(
    levels: &[Level],
    plan: &dyn Fn(&Level) -> Plan,
    args: &[String],
) -> Result<String, Refused> {
    let usage = || Refused {
        code: 2,
        words: "usage: play levels | game <level> [--last] <move>... | check <level> | explore \
                <level> <cap> [<preemptions>] | random <level> <seed> <count>"
            .into(),
    };
    let number = |s: &String| s.parse::<usize>().map_err(|_| usage());
    let mut out = String::new();
    match args.first().map(String::as_str) {
        Some("levels") => {
            for l in levels {
                level(&mut out, l);
            }
        }
        Some(cmd @ ("game" | "check" | "explore" | "random")) => {
            let Some(l) = args.get(1).and_then(|id| find(levels, id)) else {
                return Err(Refused {
                    code: 3,
                    words: format!("no level {:?}", args.get(1)),
                });
            };
            level(&mut out, l);
            match cmd {
                "game" => {
                    let last = args.iter().any(|a| a == "--last");
                    let moves = args[2..]
                        .iter()
                        .filter(|a| *a != "--last")
                        .map(number)
                        .collect::<Result<Vec<usize>, _>>()?;
                    let (frames, end_) = engine::play(l, &moves);
                    let shown = if last {
                        frames.len().saturating_sub(1)
                    } else {
                        0
                    };
                    for f in &frames[shown..] {
                        frame(&mut out, f);
                    }
                    end(&mut out, &end_);
                }
                "check" => search(&mut out, &search::check(l, plan(l))),
                "explore" => {
                    let cap = number(args.get(2).ok_or_else(usage)?)?;
                    let preemptions = args.get(3).map(number).transpose()?;
                    search(&mut out, &search::check(l, Plan { preemptions, cap }));
                }
                _ => {
                    let (Some(seed), Some(count)) = (args.get(2), args.get(3)) else {
                        return Err(usage());
                    };
                    search(
                        &mut out,
                        &search::random(l, number(seed)? as u64, number(count)?),
                    );
                }
            }
        }
        _ => return Err(usage()),
    }
    Ok(out)
}

/// A field: no tab or line break inside.
fn field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

pub fn level(out: &mut String, l: &Level) {
    let _ = writeln!(out, "level\t{}\t{}\t{}", l.id, l.chapter, field(l.title));
    let _ = writeln!(out, "goal\t{}", field(l.goal));
    let _ = writeln!(out, "hint\t{}", field(l.hint));
    if let Some(n) = l.note {
        let _ = writeln!(out, "note\t{}", field(n));
    }
    if let Some(f) = l.fixed {
        let _ = writeln!(out, "fixed\t{}", field(f));
    }
}

pub fn frame(out: &mut String, f: &Frame) {
    let _ = writeln!(out, "frame\t{}", f.moves);
    for (i, lane) in f.lanes.iter().enumerate() {
        let status = match &lane.status {
            Status::NotStarted => "not-started".to_string(),
            Status::CanRun => "can-run".to_string(),
            Status::Blocked(why) => format!("blocked:{}", field(why)),
            Status::Finished => "finished".to_string(),
        };
        let at = lane.at.as_deref().unwrap_or("-");
        let _ = writeln!(
            out,
            "lane\t{}\t{}\t{status}\t{at}\t{}",
            i + 1,
            field(&lane.name),
            field(&lane.next)
        );
        for d in &lane.did {
            let _ = writeln!(out, "did\t{}\t{}", i + 1, field(d));
        }
    }
    for (label, value) in &f.state {
        let _ = writeln!(out, "state\t{}\t{}", field(label), field(value));
    }
    for (name, holder) in &f.locks {
        let _ = writeln!(
            out,
            "lock\t{}\t{}",
            field(name),
            holder.as_deref().unwrap_or("-")
        );
    }
}

pub fn end(out: &mut String, e: &End) {
    let (kind, words) = match e {
        End::Won(w) => ("won", w.as_str()),
        End::OutOfMoves => ("out", "the moves ran out before the goal"),
        End::Ended(w) => ("ended", w.as_str()),
        End::Failed(w) => ("failed", w.as_str()),
        End::Bad(w) => ("bad", w.as_str()),
    };
    let _ = writeln!(out, "end\t{kind}\t{}", field(words));
}

pub fn search(out: &mut String, s: &Search) {
    let (how, bound) = match s.how {
        How::Dfs { preemptions } => ("dfs", preemptions.map_or("-".into(), |k| k.to_string())),
        How::Random => ("random", "-".into()),
    };
    let (kind, moves, words) = match s.found() {
        None => ("-", "-".into(), "-".into()),
        Some((moves, found)) => {
            let (kind, words) = match found {
                Found::Won(w) => ("won", field(&w)),
                Found::Failed(w) => ("failed", field(&w)),
                Found::Cut => ("cut", field(engine::CUT)),
            };
            let moves: Vec<String> = moves.iter().map(|m| m.to_string()).collect();
            (kind, moves.join(" "), words)
        }
    };
    let _ = writeln!(
        out,
        "search\t{how}\t{bound}\t{}\t{}\t{kind}\t{moves}\t{words}",
        s.executions,
        u8::from(s.complete)
    );
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
        book::with(|b| b.lane(task).did.push(format!("log: {line}")));
    }

    fn flush(&self) {}
}

pub fn capture_logs() {
    static LANES: Lanes = Lanes;
    let _ = log::set_logger(&LANES);
    log::set_max_level(log::LevelFilter::Debug);
}
