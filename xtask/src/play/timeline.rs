//! A game's schedule as the course's timeline (`--timeline`, `--trace-out`, and the screen that
//! ends a game): the engine's frames turned into the timeline's model, on an axis of moves, and
//! drawn by the timeline's own renderers (`crate::timeline`).
//!
//! Frame `k` is the scheduling point after `k` moves, where move `k + 1` was chosen: on the
//! axis, `k..k + 1`. There a thread took the move, could run and was not chosen, held a lock,
//! or was blocked (a wait, on the lock, condvar, barrier or channel its status names); a thread
//! blocked at one point and able to run at the next was let go on by the move between them, so
//! the thread that took it woke it (its release, notify, send or arrival). The scenario's main
//! thread, which the engine runs by itself whenever it can, has no lane.

use std::path::{Path, PathBuf};

use super::wire::{Frame, Game, Lane as Seen};
use crate::cli::{Fail, Given};
use crate::timeline::model::{Kind, Lane, Object, Span, Timeline, Unit, Wake};
use crate::timeline::{self, render};

/// What to make of the schedule when the game ends, besides its screens.
#[derive(Default)]
pub struct Show {
    /// Draw it in the terminal.
    pub timeline: bool,
    /// Write it as a Chrome trace.
    pub trace_out: Option<PathBuf>,
}

pub const FLAGS: [crate::cli::Flag; 2] = [
    (
        "timeline",
        "",
        "draw the schedule as the course's timeline when the game ends: a lane a thread, \
         move by move",
    ),
    (
        "trace-out",
        "FILE",
        "also write the schedule as a Chrome trace, for ui.perfetto.dev",
    ),
];

impl Show {
    pub fn parse(given: &mut Given) -> Result<Show, String> {
        let trace_out = match given.value("trace-out") {
            Some(v) if v.is_empty() => {
                return Err("--trace-out needs a file to write, like --trace-out game.json".into());
            }
            v => v.map(PathBuf::from),
        };
        if let Some(file) = &trace_out {
            timeline::check_trace_file(file)?;
        }
        Ok(Show {
            timeline: given.flag("timeline"),
            trace_out,
        })
    }

    pub fn wanted(&self) -> bool {
        self.timeline || self.trace_out.is_some()
    }

    /// After the game: its timeline printed (unless the screens that ended it showed it:
    /// `shown`), its trace written.
    pub fn after(
        &self,
        game: &Game,
        moves: &[usize],
        shown: bool,
        color: bool,
    ) -> Result<(), Fail> {
        if self.timeline && !shown {
            println!();
            for line in draw(game, moves, crate::term::width().unwrap_or(80), color) {
                println!("{line}");
            }
        }
        if let Some(file) = &self.trace_out {
            write_trace(game, moves, file).map_err(Fail::Usage)?;
            println!("The schedule's trace is written to {}.", file.display());
        }
        Ok(())
    }
}

/// The title of a game's timeline.
fn title(game: &Game) -> String {
    format!("{}, the schedule played", game.level.id)
}

/// The game's schedule drawn as the course's timeline, in `width` columns.
pub fn draw(game: &Game, moves: &[usize], width: usize, color: bool) -> Vec<String> {
    render::render(&of_game(game, moves), &title(game), width, color)
}

pub fn write_trace(game: &Game, moves: &[usize], file: &Path) -> Result<(), String> {
    timeline::write_trace(&of_game(game, moves), &title(game), file)
}

/// What a blocked lane waits on, from its status: the kind of object and its name.
fn blocked_on(frame: &Frame, lane: &Seen) -> Option<(Object, String)> {
    let why = lane.status.strip_prefix("blocked:")?;
    // `waits for lock 1, held by Thread A`, `... which it holds itself`, `waits for lock 1`.
    if let Some(rest) = why.strip_prefix("waits for ") {
        let name = rest.split(", ").next().unwrap_or(rest);
        if frame.locks.iter().any(|(lock, _)| lock == name) {
            return Some((Object::Lock, name.to_string()));
        }
    }
    let has = |words: &[&str]| words.iter().any(|w| why.contains(w));
    // A channel's: `waits for a message: the queue is empty`, `waits for room: ... is full`.
    let channel = why.split_once(": ").and_then(|(_, rest)| {
        rest.strip_suffix(" is empty")
            .or(rest.strip_suffix(" is full"))
    });
    Some(if let Some(name) = channel {
        (Object::Channel, name.to_string())
    } else if has(&["asleep in wait", "notify"]) {
        (Object::Condvar, "the condvar".into())
    } else if has(&["barrier"]) {
        (Object::Barrier, "the barrier".into())
    } else if has(&["channel", "message", "recv", "send"]) {
        (Object::Channel, "the channel".into())
    } else if has(&["cell", "initialis"]) {
        (Object::Once, "the cell".into())
    } else {
        // A block the engine names some other way: its words, as the object's name.
        let name = why.strip_prefix("waits for ").unwrap_or(why);
        (Object::Lock, name.to_string())
    })
}

/// The move a lane took from `frame`: its number, where and what, for the trace.
fn move_words(k: usize, lane: &Seen) -> String {
    match lane.at.as_deref() {
        Some(at) if lane.status != "not-started" => {
            let short = at.rsplit('/').next().unwrap_or(at);
            format!("move {k}: {} ({short})", lane.next)
        }
        _ => format!("move {k}: {}", lane.next),
    }
}

/// The game's frames as a timeline on an axis of moves (see the module's doc).
pub fn of_game(game: &Game, moves: &[usize]) -> Timeline {
    let frames = &game.frames;
    let played = frames.len().saturating_sub(1).min(moves.len());
    let frames = &frames[..(played + 1).min(frames.len())];
    // The threads of the frame that has the most (a scenario may spawn more after a join).
    let names: Vec<String> = frames
        .iter()
        .max_by_key(|f| f.lanes.len())
        .map(|f| f.lanes.iter().map(|l| l.name.clone()).collect())
        .unwrap_or_default();
    let mut t = Timeline {
        unit: Unit::Moves,
        end: played as u64 + 1,
        // The game's whole schedule is here: nothing was cut off.
        complete: true,
        labels: names.clone(),
        ..Timeline::default()
    };
    let object = |t: &mut Timeline, kind: Object, name: &str| -> u32 {
        if let Some((&id, _)) = t.objects.iter().find(|(_, o)| o.0 == kind && o.1 == name) {
            return id;
        }
        let id = t.objects.len() as u32 + 1;
        t.objects.insert(id, (kind, name.to_string()));
        id
    };
    let lane_of = |name: &str| names.iter().position(|n| n == name);
    t.lanes = names
        .iter()
        .enumerate()
        .map(|(i, name)| Lane {
            thread_name: Some(name.clone()),
            start: frames.iter().position(|f| f.lanes.len() > i).unwrap_or(0) as u64,
            end: frames
                .iter()
                .position(|f| f.lanes.get(i).is_some_and(|l| l.status == "finished"))
                .map(|f| f as u64),
            ..Lane::default()
        })
        .collect();

    // Each move: the thread chosen, what it did, and its log lines.
    for (k, m) in moves.iter().take(played).enumerate() {
        let i = m - 1;
        let (Some(before), Some(after)) = (frames[k].lanes.get(i), frames[k + 1].lanes.get(i))
        else {
            continue;
        };
        let at = k as u64;
        let lane = &mut t.lanes[i];
        lane.spans.push(Span {
            kind: Kind::Move {
                what: move_words(k + 1, before),
            },
            from: at,
            to: Some(at + 1),
        });
        for d in after.did.iter().skip(before.did.len()) {
            if let Some(line) = d.strip_prefix("log: ") {
                lane.logs.push((at, line.to_string()));
            }
        }
    }

    // Who held each lock, from one point to the next: a lane, or an `RwLock`'s readers
    // (`Reader 1 and Reader 2, to read`; the scenario's main is no lane).
    let mut held: Vec<(String, usize, u64)> = Vec::new();
    let hold = |t: &mut Timeline, (lock, lane, from): (String, usize, u64), to| {
        let id = object(t, Object::Lock, &lock);
        t.lanes[lane].spans.push(Span {
            kind: Kind::Hold { lock: id },
            from,
            to,
        });
    };
    for (f, frame) in frames.iter().enumerate() {
        let f = f as u64;
        for (lock, holder) in &frame.locks {
            let holders: Vec<usize> = holder
                .as_deref()
                .map(|h| h.strip_suffix(", to read").unwrap_or(h))
                .map(|h| h.split(" and ").filter_map(lane_of).collect())
                .unwrap_or_default();
            let mut k = 0;
            while k < held.len() {
                if &held[k].0 == lock && !holders.contains(&held[k].1) {
                    hold(&mut t, held.remove(k), Some(f));
                } else {
                    k += 1;
                }
            }
            for lane in holders {
                if !held.iter().any(|h| &h.0 == lock && h.1 == lane) {
                    held.push((lock.clone(), lane, f));
                }
            }
        }
    }
    for h in held {
        hold(&mut t, h, None);
    }

    // Each wait: from the point a thread is blocked to the point it can run again, woken by the
    // move between them.
    for i in 0..names.len() {
        let mut open: Option<(u32, u64)> = None;
        for (f, frame) in frames.iter().enumerate() {
            let f = f as u64;
            let on = frame
                .lanes
                .get(i)
                .and_then(|l| blocked_on(frame, l))
                .map(|(kind, name)| object(&mut t, kind, &name));
            if let Some((was, from)) = open
                && on != Some(was)
            {
                t.lanes[i].spans.push(Span {
                    kind: Kind::Wait {
                        on: was,
                        timed_out: false,
                    },
                    from,
                    to: Some(f),
                });
                open = None;
                if let Some(by) = moves.get(f as usize - 1).map(|m| m - 1)
                    && by != i
                    && on.is_none()
                {
                    t.wakes.push(Wake {
                        by,
                        at: f - 1,
                        woke: i,
                        until: f,
                        on: was,
                    });
                }
            }
            if let Some(on) = on
                && open.is_none()
            {
                open = Some((on, f));
            }
        }
        if let Some((on, from)) = open {
            t.lanes[i].spans.push(Span {
                kind: Kind::Wait {
                    on,
                    timed_out: false,
                },
                from,
                to: None,
            });
        }
    }
    for lane in &mut t.lanes {
        lane.spans.sort_by_key(|s| s.from);
    }

    // The lesson's numbers, as they changed.
    for (f, frame) in frames.iter().enumerate() {
        for (label, value) in &frame.state {
            let Ok(v) = value.trim().parse::<i64>() else {
                continue;
            };
            let changes = t.values.entry(label.clone()).or_default();
            if changes.last().is_none_or(|c| c.1 != v) {
                changes.push((f as u64, v));
            }
        }
    }
    t.wakes.sort_by_key(|w| (w.at, w.woke));
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::play::wire;
    use crate::timeline::trace;

    /// Chapter 7's won game, as the engine tells it (its frames, less what the lanes did).
    const CH07: &str = "level\tch07\tch07_deadlock\tDeadlock\ngoal\tDeadlock them\nhint\th\n\
        frame\t0\nlane\t1\tThread A\tnot-started\tplay/src/levels.rs:377\tstarts: take_both\n\
        lane\t2\tThread B\tnot-started\tplay/src/levels.rs:380\tstarts: take_both\n\
        lock\tlock 1\t-\nlock\tlock 2\t-\n\
        frame\t1\nlane\t1\tThread A\tcan-run\tch07/src/lib.rs:33\tlock lock 1\n\
        lane\t2\tThread B\tnot-started\tplay/src/levels.rs:380\tstarts: take_both\n\
        lock\tlock 1\t-\nlock\tlock 2\t-\n\
        frame\t2\nlane\t1\tThread A\tcan-run\tch07/src/lib.rs:33\tlock lock 1\n\
        lane\t2\tThread B\tcan-run\tch07/src/lib.rs:33\tlock lock 2\n\
        lock\tlock 1\t-\nlock\tlock 2\t-\n\
        frame\t3\nlane\t1\tThread A\tcan-run\tch07/src/lib.rs:37\tlock lock 2\n\
        did\t1\tlog: Thread A has lock 1\n\
        lane\t2\tThread B\tcan-run\tch07/src/lib.rs:33\tlock lock 2\n\
        lock\tlock 1\tThread A\nlock\tlock 2\t-\n\
        frame\t4\nlane\t1\tThread A\tcan-run\tch07/src/lib.rs:37\tlock lock 2\n\
        did\t1\tlog: Thread A has lock 1\n\
        lane\t2\tThread B\tblocked:waits for lock 1, held by Thread A\tch07/src/lib.rs:37\tlock lock 1\n\
        lock\tlock 1\tThread A\nlock\tlock 2\tThread B\n\
        frame\t5\nlane\t1\tThread A\tblocked:waits for lock 2, held by Thread B\tch07/src/lib.rs:37\tlock lock 2\n\
        did\t1\tlog: Thread A has lock 1\n\
        lane\t2\tThread B\tblocked:waits for lock 1, held by Thread A\tch07/src/lib.rs:37\tlock lock 1\n\
        lock\tlock 1\tThread A\nlock\tlock 2\tThread B\n\
        end\twon\tDeadlock.\n";

    /// A hand-over: B blocked on the lock A holds, until A's release in move 3; then a condvar
    /// wait of B's that A's notify ends in move 5.
    const HANDED: &str = "level\tx\tx_crate\tX\ngoal\tg\nhint\th\n\
        frame\t0\nlane\t1\tA\tcan-run\ta.rs:1\tlock l\nlane\t2\tB\tcan-run\ta.rs:1\tlock l\nlock\tl\t-\nstate\tn\t0\n\
        frame\t1\nlane\t1\tA\tcan-run\ta.rs:2\trelease l\nlane\t2\tB\tcan-run\ta.rs:1\tlock l\nlock\tl\tA\nstate\tn\t0\n\
        frame\t2\nlane\t1\tA\tcan-run\ta.rs:2\trelease l\nlane\t2\tB\tblocked:waits for l, held by A\ta.rs:1\tlock l\nlock\tl\tA\nstate\tn\t(locked: cannot look)\n\
        frame\t3\nlane\t1\tA\tcan-run\ta.rs:3\tnotify_one\nlane\t2\tB\tcan-run\ta.rs:1\tl is free now: takes it\nlock\tl\t-\nstate\tn\t1\n\
        frame\t4\nlane\t1\tA\tcan-run\ta.rs:3\tnotify_one\nlane\t2\tB\tblocked:asleep in wait: only a notify wakes it\ta.rs:4\tafter a notify\nlock\tl\t-\nstate\tn\t1\n\
        frame\t5\nlane\t1\tA\tfinished\t-\t\nlane\t2\tB\tcan-run\ta.rs:4\ta notify woke it\nlock\tl\t-\nstate\tn\t2\n\
        end\twon\tDone.\n";

    fn game(text: &str) -> Game {
        wire::game(text).unwrap()
    }

    #[test]
    fn a_deadlock_is_drawn_on_an_axis_of_moves() {
        let g = game(CH07);
        let t = of_game(&g, &[1, 2, 1, 2, 1]);
        assert_eq!((t.end, t.unit, t.labels.len()), (6, Unit::Moves, 2));
        assert_eq!(t.lanes[0].logs, [(2, "Thread A has lock 1".to_string())]);
        assert_eq!(t.cycles().len(), 1, "{t:#?}");
        let lines = draw(&g, &[1, 2, 1, 2, 1], 80, false);
        let text = lines.join("\n");
        for l in &lines {
            assert!(l.chars().count() <= 80, "{l:?}");
        }
        assert!(
            text.starts_with(
                "ch07, the schedule played: 2 threads over 5 moves; a move is one scheduling\n  \
                 point, not a length of time"
            ),
            "{text}"
        );
        assert!(
            !text.contains(" s "),
            "no seconds on an axis of moves: {text}"
        );
        assert_eq!(lines[2], "move     1  2  3  4  5  end", "{text}");
        assert_eq!(lines[3], "         +--+--+--+--+--+--", "{text}");
        // A: its moves (1, 3, 5), holding lock 1 between them, then blocked in the cycle.
        assert_eq!(lines[4], "Thread A ***===***###***XXX>", "{text}");
        assert_eq!(lines[5], "Thread B ===***===***XXXXXX>", "{text}");
        let flat = text.replace("\n  ", " ");
        assert!(
            flat.contains(
                "X deadlock after move 5: Thread A holds lock 1 and waits for lock 2; Thread B \
                 holds lock 2 and waits for lock 1."
            ),
            "{flat}"
        );
        assert!(
            flat.contains("* took the move (the thread chosen)"),
            "{flat}"
        );
        assert!(flat.contains("= could run, not chosen"), "{flat}");
        assert!(
            flat.contains(
                "> not finished when the game stopped: Thread A (waiting for lock 2), Thread B \
                 (waiting for lock 1)."
            ),
            "{flat}"
        );
    }

    #[test]
    fn a_wait_is_on_what_its_status_names_and_readers_hold_together() {
        let frame = Frame {
            locks: vec![("lock 1".into(), None)],
            ..Frame::default()
        };
        let on = |status: &str| {
            let lane = Seen {
                status: format!("blocked:{status}"),
                ..Seen::default()
            };
            blocked_on(&frame, &lane)
        };
        for (status, kind, name) in [
            ("waits for lock 1, held by A", Object::Lock, "lock 1"),
            (
                "waits for lock 1, which it holds itself",
                Object::Lock,
                "lock 1",
            ),
            (
                "waits for a message: the queue is empty",
                Object::Channel,
                "the queue",
            ),
            (
                "waits for room: the queue is full",
                Object::Channel,
                "the queue",
            ),
            (
                "waits for a recv to take its message: there is no queue",
                Object::Channel,
                "the channel",
            ),
            (
                "asleep in wait: only a notify wakes it",
                Object::Condvar,
                "the condvar",
            ),
            (
                "waits at the barrier for the others",
                Object::Barrier,
                "the barrier",
            ),
        ] {
            assert_eq!(on(status), Some((kind, name.to_string())), "{status}");
        }
        let can_run = Seen {
            status: "can-run".into(),
            ..Seen::default()
        };
        assert_eq!(blocked_on(&frame, &can_run), None);

        // Two readers of an RwLock hold it at once; the writer waits for it.
        let text = "level\tx\tx_crate\tX\ngoal\tg\nhint\th\n\
            frame\t0\nlane\t1\tR1\tcan-run\ta.rs:1\tread\nlane\t2\tR2\tcan-run\ta.rs:1\tread\n\
            lane\t3\tW\tcan-run\ta.rs:2\twrite\nlock\tthe lock\t-\n\
            frame\t1\nlane\t1\tR1\tcan-run\ta.rs:1\tread\nlane\t2\tR2\tcan-run\ta.rs:1\tread\n\
            lane\t3\tW\tcan-run\ta.rs:2\twrite\nlock\tthe lock\tR1, to read\n\
            frame\t2\nlane\t1\tR1\tcan-run\ta.rs:1\tread\nlane\t2\tR2\tcan-run\ta.rs:1\tread\n\
            lane\t3\tW\tblocked:waits for the lock, held by R1 and R2, to read\ta.rs:2\twrite\n\
            lock\tthe lock\tR1 and R2, to read\nend\twon\tw\n";
        let t = of_game(&game(text), &[1, 2]);
        for (lane, from) in [(0, 1), (1, 2)] {
            assert!(
                t.lanes[lane].spans.contains(&Span {
                    kind: Kind::Hold { lock: 1 },
                    from,
                    to: None
                }),
                "{t:#?}"
            );
        }
        assert!(t.lanes[2].spans.iter().any(|s| s.kind
            == Kind::Wait {
                on: 1,
                timed_out: false
            }));
    }

    #[test]
    fn a_long_game_fits_any_width_and_numbers_fewer_moves() {
        // 100 moves of two threads taking turns: more moves than an 80-column plot has columns.
        let mut text = String::from("level\tx\tx_crate\tX\ngoal\tg\nhint\th\n");
        for f in 0..=100 {
            text += &format!(
                "frame\t{f}\nlane\t1\tA long thread name indeed\tcan-run\ta.rs:1\tstep\n\
                 lane\t2\tB\tcan-run\ta.rs:1\tstep\n"
            );
        }
        text += "end\tout\tthe moves ran out\n";
        let g = game(&text);
        let moves: Vec<usize> = (0..100).map(|k| k % 2 + 1).collect();
        for width in [40, 80, 200] {
            let lines = draw(&g, &moves, width, false);
            for l in &lines {
                assert!(l.chars().count() <= width, "{width}: {l:?}");
            }
            let axis = lines.iter().find(|l| l.starts_with("move ")).unwrap();
            assert!(!axis.contains(" 3 "), "not every move is numbered: {axis}");
            assert!(axis.contains(" 1 "), "{axis}");
            // Where a column holds more than a move, the end has no room for its name.
            assert_eq!(axis.ends_with("end"), width == 200, "{axis}");
            let b = lines.iter().find(|l| l.starts_with("B ")).unwrap();
            assert!(b.contains('*') && b.ends_with('>'), "{b}");
        }
    }

    #[test]
    fn the_move_that_ends_a_wait_woke_it() {
        let g = game(HANDED);
        let t = of_game(&g, &[1, 1, 1, 1, 1]);
        let on: Vec<(Object, &str)> = t.objects.values().map(|o| (o.0, o.1.as_str())).collect();
        assert_eq!(on, [(Object::Lock, "l"), (Object::Condvar, "the condvar")]);
        assert_eq!(
            t.wakes,
            [
                Wake {
                    by: 0,
                    at: 2,
                    woke: 1,
                    until: 3,
                    on: 1
                },
                Wake {
                    by: 0,
                    at: 4,
                    woke: 1,
                    until: 5,
                    on: 2
                }
            ]
        );
        // A held the lock after move 1 until its release in move 3.
        assert!(t.lanes[0].spans.contains(&Span {
            kind: Kind::Hold { lock: 1 },
            from: 1,
            to: Some(3)
        }));
        assert_eq!(t.lanes[0].end, Some(5));
        assert_eq!(t.values["n"], [(0, 0), (3, 1), (5, 2)]);
        let text = draw(&g, &[1, 1, 1, 1, 1], 80, false)
            .join("\n")
            .replace("\n  ", " ");
        assert!(
            text.contains("v^ A woke B in move 3 (l); A woke B in move 5 (the condvar)."),
            "{text}"
        );
        let trace = trace::trace(&t, "x");
        assert!(trace.contains(r#""name":"waiting on the condvar (woken by A)","cat":"waiting""#));
        assert!(
            trace.contains(r#""name":"move 3: release l (a.rs:2)","cat":"moving""#),
            "{trace}"
        );
        assert!(trace.contains(trace::MOVES_UNIT), "{trace}");
        let v = crate::json::parse(&trace).expect("the trace is JSON");
        assert!(v.get("traceEvents").is_some_and(|e| e.items().len() > 10));
    }
}
