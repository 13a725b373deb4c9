//! A game's schedule as the course's timeline (`cargo xtask play --timeline`, `--trace-out`,
//! and the screen that ends a game): the play engine's frames (`playproto`'s types) turned into
//! the timeline's model, on an axis of moves, for the timeline's own drawings.
//!
//! Frame `k` is the scheduling point after `k` moves, where move `k + 1` was chosen: on the
//! axis, `k..k + 1`. There a thread took the move, could run and was not chosen, held a lock,
//! or was blocked (a wait, on the lock, condvar, barrier or channel its status names); a thread
//! blocked at one point and able to run at the next was let go on by the move between them, so
//! the thread that took it woke it (its release, notify, send or arrival). The scenario's main
//! thread, which the engine runs by itself whenever it can, has no lane.

use playproto::{Did, Frame, Game, Lane as Seen, Status};

use crate::model::{Kind, Lane, Object, Span, Timeline, Unit, Wake};

/// The title of a game's timeline.
pub fn title(game: &Game) -> String {
    format!("{}, the schedule played", game.level.id)
}

/// What a blocked lane waits on, as the engine says: the kind of object and its name (a block
/// the engine names no object for: its words, as the name of a lock).
fn blocked_on(lane: &Seen) -> Option<(Object, String)> {
    let Status::Blocked { why, on } = &lane.status else {
        return None;
    };
    Some(match on {
        Some(w) => (
            match w.kind {
                playproto::Object::Lock => Object::Lock,
                playproto::Object::Condvar => Object::Condvar,
                playproto::Object::Barrier => Object::Barrier,
                playproto::Object::Channel => Object::Channel,
            },
            w.name.clone(),
        ),
        None => (Object::Lock, why.clone()),
    })
}

/// The move a lane took from `frame`: its number, where and what, for the trace.
fn move_words(k: usize, lane: &Seen) -> String {
    match lane.at.as_deref() {
        Some(at) if lane.status != Status::NotStarted => {
            let short = at.rsplit('/').next().unwrap_or(at);
            format!("move {k}: {} ({short})", lane.next)
        }
        _ => format!("move {k}: {}", lane.next),
    }
}

/// The game's frames as a timeline on an axis of moves (see the module's doc): the frames up
/// to the last of `moves` played (each the thread chosen, from 1).
pub fn of_game(game: &Game, moves: &[usize]) -> Timeline {
    let frames = &game.frames;
    let played = frames.len().saturating_sub(1).min(moves.len());
    let frames = &frames[..(played + 1).min(frames.len())];
    let moves = &moves[..played];
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
        lanes: lanes(frames, &names),
        ..Timeline::default()
    };
    take_moves(&mut t, frames, moves);
    holds(&mut t, frames, &names);
    for i in 0..names.len() {
        waits(&mut t, frames, moves, i);
    }
    for lane in &mut t.lanes {
        lane.spans.sort_by_key(|s| s.from);
    }
    values(&mut t, frames);
    t.wakes.sort_by_key(|w| (w.at, w.woke));
    t
}

/// A lane a thread of `names`: from the frame it is first in to the one it has finished in.
fn lanes(frames: &[Frame], names: &[String]) -> Vec<Lane> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| Lane {
            thread_name: Some(name.clone()),
            start: frames.iter().position(|f| f.lanes.len() > i).unwrap_or(0) as u64,
            end: frames
                .iter()
                .position(|f| f.lanes.get(i).is_some_and(|l| l.status == Status::Finished))
                .map(|f| f as u64),
            ..Lane::default()
        })
        .collect()
}

/// The number of the object of `kind` called `name`, numbered the first time it is met.
fn object(t: &mut Timeline, kind: Object, name: &str) -> u32 {
    if let Some((&id, _)) = t.objects.iter().find(|(_, o)| o.0 == kind && o.1 == name) {
        return id;
    }
    let id = t.objects.len() as u32 + 1;
    t.objects.insert(id, (kind, name.to_string()));
    id
}

/// Each move: the thread chosen, what it did, and its log lines.
fn take_moves(t: &mut Timeline, frames: &[Frame], moves: &[usize]) {
    for (k, m) in moves.iter().enumerate() {
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
            if let Did::Log(line) = d {
                lane.logs.push((at, line.clone()));
            }
        }
    }
}

/// Who held each lock, from one point to the next: a lane, or an `RwLock`'s readers
/// (`Reader 1 and Reader 2 (reading)`; the scenario's main is no lane).
fn holds(t: &mut Timeline, frames: &[Frame], names: &[String]) {
    let lane_of = |name: &str| names.iter().position(|n| n == name);
    // Each hold still open: the lock, the lane, since when.
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
        for l in &frame.locks {
            let lock = &l.name;
            let holders: Vec<usize> = l.held.names().iter().filter_map(|h| lane_of(h)).collect();
            let mut k = 0;
            while k < held.len() {
                if &held[k].0 == lock && !holders.contains(&held[k].1) {
                    hold(t, held.remove(k), Some(f));
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
        hold(t, h, None);
    }
}

/// Each wait of lane `i`: from the point the thread is blocked to the point it can run again,
/// woken by the move between them.
fn waits(t: &mut Timeline, frames: &[Frame], moves: &[usize], i: usize) {
    let mut open: Option<(u32, u64)> = None;
    for (f, frame) in frames.iter().enumerate() {
        let f = f as u64;
        let on = frame
            .lanes
            .get(i)
            .and_then(blocked_on)
            .map(|(kind, name)| object(t, kind, &name));
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

/// The lesson's numbers, as they changed.
fn values(t: &mut Timeline, frames: &[Frame]) {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::palette::Palette;
    use crate::render::render;
    use crate::trace;
    use playproto::{End, Held, Level, Waiting};

    fn lane(name: &str, status: &str, at: Option<&str>, next: &str) -> Seen {
        Seen {
            name: name.into(),
            status: match status {
                "can-run" => Status::CanRun,
                "not-started" => Status::NotStarted,
                "finished" => Status::Finished,
                why => Status::Blocked {
                    why: why.into(),
                    on: None,
                },
            },
            at: at.map(String::from),
            code: None,
            next: next.into(),
            did: Vec::new(),
        }
    }

    fn lock(name: &str, holder: Option<&str>) -> playproto::Lock {
        playproto::Lock {
            name: name.into(),
            held: holder.map_or(Held::Free, |h| Held::By(h.into())),
        }
    }

    fn level(id: &str) -> Level {
        Level {
            id: id.into(),
            ..Level::default()
        }
    }

    /// The game's schedule drawn as the runner draws it, without colour.
    fn draw(game: &Game, moves: &[usize], width: usize) -> Vec<String> {
        render(
            &of_game(game, moves),
            &title(game),
            width,
            &Palette::plain(),
        )
    }

    fn blocked(name: &str, why: &str, on: playproto::Object, what: &str, next: &str) -> Seen {
        let mut l = lane(name, why, Some("a.rs:1"), next);
        l.status = Status::Blocked {
            why: why.into(),
            on: Some(Waiting {
                kind: on,
                name: what.into(),
            }),
        };
        l
    }

    fn frame(moves: usize, lanes: Vec<Seen>, locks: Vec<playproto::Lock>) -> Frame {
        Frame {
            moves,
            lanes,
            state: Vec::new(),
            locks,
        }
    }

    fn logged(mut l: Seen, line: &str) -> Seen {
        l.did.push(Did::Log(line.into()));
        l
    }

    /// Chapter 7's won game, as the engine tells it (its frames, less what the lanes did).
    fn ch07() -> Game {
        use playproto::Object::Lock as L;
        let a = |at: &str, next: &str| lane("Thread A", "can-run", Some(at), next);
        let b = |at: &str, next: &str| lane("Thread B", "can-run", Some(at), next);
        let start = |name: &str, at: &str| lane(name, "not-started", Some(at), "starts: take_both");
        let free = || vec![lock("lock 1", None), lock("lock 2", None)];
        let both = || {
            vec![
                lock("lock 1", Some("Thread A")),
                lock("lock 2", Some("Thread B")),
            ]
        };
        let a_has = |l: Seen| logged(l, "Thread A has lock 1");
        let b_waits = || {
            blocked(
                "Thread B",
                "waits for lock 1, held by Thread A",
                L,
                "lock 1",
                "lock lock 1",
            )
        };
        Game {
            level: level("ch07"),
            frames: vec![
                frame(
                    0,
                    vec![
                        start("Thread A", "play/src/levels.rs:377"),
                        start("Thread B", "play/src/levels.rs:380"),
                    ],
                    free(),
                ),
                frame(
                    1,
                    vec![
                        a("ch07/src/lib.rs:33", "lock lock 1"),
                        start("Thread B", "play/src/levels.rs:380"),
                    ],
                    free(),
                ),
                frame(
                    2,
                    vec![
                        a("ch07/src/lib.rs:33", "lock lock 1"),
                        b("ch07/src/lib.rs:33", "lock lock 2"),
                    ],
                    free(),
                ),
                frame(
                    3,
                    vec![
                        a_has(a("ch07/src/lib.rs:37", "lock lock 2")),
                        b("ch07/src/lib.rs:33", "lock lock 2"),
                    ],
                    vec![lock("lock 1", Some("Thread A")), lock("lock 2", None)],
                ),
                frame(
                    4,
                    vec![a_has(a("ch07/src/lib.rs:37", "lock lock 2")), b_waits()],
                    both(),
                ),
                frame(
                    5,
                    vec![
                        a_has(blocked(
                            "Thread A",
                            "waits for lock 2, held by Thread B",
                            L,
                            "lock 2",
                            "lock lock 2",
                        )),
                        b_waits(),
                    ],
                    both(),
                ),
            ],
            end: End::Won("Deadlock.".into()),
        }
    }

    /// A hand-over: B blocked on the lock A holds, until A's release in move 3; then a condvar
    /// wait of B's that A's notify ends in move 5.
    fn handed() -> Game {
        let a = |at: &str, next: &str| lane("A", "can-run", Some(at), next);
        let b = |at: &str, next: &str| lane("B", "can-run", Some(at), next);
        let l = |holder: Option<&str>| vec![lock("l", holder)];
        let with = |mut f: Frame, n: &str| {
            f.state = vec![("n".into(), n.into())];
            f
        };
        let frames = vec![
            with(
                frame(
                    0,
                    vec![a("a.rs:1", "lock l"), b("a.rs:1", "lock l")],
                    l(None),
                ),
                "0",
            ),
            with(
                frame(
                    1,
                    vec![a("a.rs:2", "release l"), b("a.rs:1", "lock l")],
                    l(Some("A")),
                ),
                "0",
            ),
            with(
                frame(
                    2,
                    vec![
                        a("a.rs:2", "release l"),
                        blocked(
                            "B",
                            "waits for l, held by A",
                            playproto::Object::Lock,
                            "l",
                            "lock l",
                        ),
                    ],
                    l(Some("A")),
                ),
                "(locked: cannot look)",
            ),
            with(
                frame(
                    3,
                    vec![
                        a("a.rs:3", "notify_one"),
                        b("a.rs:1", "l is free now: takes it"),
                    ],
                    l(None),
                ),
                "1",
            ),
            with(
                frame(
                    4,
                    vec![
                        a("a.rs:3", "notify_one"),
                        blocked(
                            "B",
                            "asleep in wait: only a notify wakes it",
                            playproto::Object::Condvar,
                            "the condvar",
                            "after a notify",
                        ),
                    ],
                    l(None),
                ),
                "1",
            ),
            with(
                frame(
                    5,
                    vec![
                        lane("A", "finished", None, ""),
                        b("a.rs:4", "a notify woke it"),
                    ],
                    l(None),
                ),
                "2",
            ),
        ];
        Game {
            level: level("x"),
            frames,
            end: End::Won("Done.".into()),
        }
    }

    #[test]
    fn a_deadlock_is_drawn_on_an_axis_of_moves() {
        let g = ch07();
        let t = of_game(&g, &[1, 2, 1, 2, 1]);
        assert_eq!((t.end, t.unit, t.labels.len()), (6, Unit::Moves, 2));
        assert_eq!(t.lanes[0].logs, [(2, "Thread A has lock 1".to_string())]);
        assert_eq!(t.cycles().len(), 1, "{t:#?}");
        let lines = draw(&g, &[1, 2, 1, 2, 1], 80);
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
    fn a_wait_is_on_what_the_engine_names_and_readers_hold_together() {
        use playproto::Object as P;
        for (kind, want) in [
            (P::Lock, Object::Lock),
            (P::Condvar, Object::Condvar),
            (P::Barrier, Object::Barrier),
            (P::Channel, Object::Channel),
        ] {
            let l = blocked("A", "waits", kind, "the thing", "x");
            assert_eq!(blocked_on(&l), Some((want, "the thing".to_string())));
        }
        // A block the engine names no object for: its words, as a lock's name.
        let l = lane("A", "blocked", None, "x");
        assert_eq!(blocked_on(&l), Some((Object::Lock, "blocked".to_string())));
        assert_eq!(blocked_on(&lane("A", "can-run", None, "x")), None);

        // Two readers of an RwLock hold it at once; the writer waits for it.
        let r = |name: &str| lane(name, "can-run", Some("a.rs:1"), "read");
        let w = || lane("W", "can-run", Some("a.rs:2"), "write");
        let the_lock = |held: Held| playproto::Lock {
            name: "the lock".into(),
            held,
        };
        let reading = |names: &[&str]| Held::Reading(names.iter().map(|n| n.to_string()).collect());
        let g = Game {
            level: level("x"),
            frames: vec![
                frame(0, vec![r("R1"), r("R2"), w()], vec![the_lock(Held::Free)]),
                frame(
                    1,
                    vec![r("R1"), r("R2"), w()],
                    vec![the_lock(reading(&["R1"]))],
                ),
                frame(
                    2,
                    vec![
                        r("R1"),
                        r("R2"),
                        blocked(
                            "W",
                            "waits for the lock, held by R1 and R2 (reading)",
                            P::Lock,
                            "the lock",
                            "write",
                        ),
                    ],
                    vec![the_lock(reading(&["R1", "R2"]))],
                ),
            ],
            end: End::Won("w".into()),
        };
        let t = of_game(&g, &[1, 2]);
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
        let frames = (0..=100)
            .map(|f| {
                frame(
                    f,
                    vec![
                        lane(
                            "A long thread name indeed",
                            "can-run",
                            Some("a.rs:1"),
                            "step",
                        ),
                        lane("B", "can-run", Some("a.rs:1"), "step"),
                    ],
                    vec![],
                )
            })
            .collect();
        let g = Game {
            level: level("x"),
            frames,
            end: End::OutOfMoves,
        };
        let moves: Vec<usize> = (0..100).map(|k| k % 2 + 1).collect();
        for width in [40, 80, 200] {
            let lines = draw(&g, &moves, width);
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
        let g = handed();
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
        let text = draw(&g, &[1, 1, 1, 1, 1], 80)
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
        let v = playproto::json::parse(&trace).expect("the trace is JSON");
        assert!(v.get("traceEvents").is_some_and(|e| e.items().len() > 10));
    }
}
