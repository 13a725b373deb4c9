//! A game of the play engine, drawn as lines of text no wider than the terminal: the play
//! screen (the same lines on a terminal and in the text mode, `--moves`, piped; each screen fits
//! 80×24), a schedule that broke a claim, which `play`, `prove` and an exercise's check draw,
//! and a game's schedule as the course's timeline.

use playproto::{Did, Frame, Game, Lane, Level, Status};

use textfit::{fit, under, wrap_line};

use crate::ui::term::Style;

/// One thing a thread did, for its lane: the chapter's log lines in quotes.
fn deed(d: &Did) -> String {
    match d {
        Did::Log(line) => format!("\"{line}\""),
        Did::Step(words) => words.clone(),
    }
}

/// What a lane did, oldest first, each step after an arrow (`took the lock → went in`): as many
/// of the last steps as fit two lines after `    did   `, a `…` for those left out before them.
/// The last step alone may take more lines, broken between words.
fn did_lines(did: &[Did], width: usize) -> Vec<String> {
    const LABEL: &str = "    did   ";
    let deeds: Vec<String> = did.iter().map(deed).collect();
    let lines = |from: usize| {
        let mut shown: Vec<&str> = deeds[from..].iter().map(String::as_str).collect();
        if from > 0 {
            shown.insert(0, "…");
        }
        under(LABEL, &shown.join(" → "), width)
    };
    // The earliest step from which the rest fit two lines (the last one always shows).
    let from = (0..deeds.len())
        .find(|&k| k + 1 == deeds.len() || lines(k).len() <= 2)
        .unwrap_or(0);
    lines(from)
}

/// A lane: its thread and status, its next step, the code of that step's line when `code` says
/// so, and what it did.
fn lane_lines(i: usize, lane: &Lane, code: bool, width: usize) -> Vec<String> {
    let mut out = fit(
        &format!("[{}] {} · {}", i + 1, lane.name, lane.status.words()),
        width,
    );
    if lane.status == Status::NotStarted {
        out.extend(under("    next  ", &lane.next, width));
    } else if let Some(at) = &lane.at {
        let short = at.strip_prefix("chapters/").unwrap_or(at);
        out.extend(under("    next  ", &step_at(at, short, &lane.next), width));
        if let Some(line) = lane.code.as_ref().filter(|_| code && !model_own(at)) {
            out.extend(under("          ", line, width));
        }
    }
    if !lane.did.is_empty() {
        out.extend(did_lines(&lane.did, width));
    }
    out
}

/// The state line(s): the lesson's values and who holds each lock.
fn state_lines(frame: &Frame, width: usize) -> Vec<String> {
    let parts = state_parts(frame);
    if parts.is_empty() {
        return Vec::new();
    }
    wrap_line(&format!("State: {}", parts.join(" · ")), width)
}

/// The state the lesson is about, and who holds each lock, as `label: value` parts.
fn state_parts(frame: &Frame) -> Vec<String> {
    let mut parts: Vec<String> = frame
        .state
        .iter()
        .map(|(label, value)| format!("{label}: {value}"))
        .collect();
    for lock in &frame.locks {
        parts.push(match lock.held.holder() {
            Some(h) => format!("{}: held by {h}", lock.name),
            None => format!("{}: free", lock.name),
        });
    }
    parts
}

/// The screen at one moment: title, goal, a lane per thread, the state; in at most `rows`
/// lines where it can be: the code under a next step is left out where it does not fit, first
/// for the threads that cannot run, then for all.
pub fn frame(level: &Level, frame: &Frame, width: usize, rows: usize) -> Vec<String> {
    let head = format!("{} · {}", level.id, level.title);
    let moves = format!("move {}", frame.moves);
    let room = width.saturating_sub(moves.len() + 1);
    // The title's first line with the move at its right; the rest of a long title under it.
    let mut top = wrap_line(&head, room);
    top[0] = format!("{:<room$} {moves}", top[0]);
    top.extend(wrap_line(&format!("Goal: {}", level.goal), width));
    top.push("─".repeat(width.min(80)));
    let mut bottom = vec!["─".repeat(width.min(80))];
    bottom.extend(state_lines(frame, width));
    let codes: [fn(&Lane) -> bool; 3] = [|_| true, |l| l.status.can_run(), |_| false];
    let mut out = Vec::new();
    for code in codes {
        out = top.clone();
        for (i, lane) in frame.lanes.iter().enumerate() {
            out.extend(lane_lines(i, lane, code(lane), width));
        }
        out.extend(bottom.iter().cloned());
        if out.len() <= rows {
            break;
        }
    }
    out
}

/// The keys under a game going on, at `width`. A thread's key is the number before its name
/// (`[1] Thread 0`); where a name's own number is not its key (chapter 4 names its threads
/// from 0, as its log does; chapter 11's flag lock from 1), the line says which is which.
pub fn keys(lanes: &[Lane], width: usize) -> Vec<String> {
    let threads = match lanes.len() {
        1 => "1 step the thread".to_string(),
        n => format!("1-{n} step that thread"),
    };
    let number = |name: &str| name.rsplit(' ').next()?.parse::<usize>().ok();
    let differs = lanes
        .iter()
        .enumerate()
        .any(|(i, l)| number(&l.name).is_some_and(|n| n != i + 1));
    let which = match (differs, lanes.first()) {
        (true, Some(first)) => format!(" (key 1 is [1], {})", first.name),
        _ => String::new(),
    };
    fit(
        &format!("Keys: {threads}{which} · u undo · r restart · h hint · q quit"),
        width,
    )
}

/// Whether the line at `at` is the model's own (an exercise's `tests/play.rs`, which calls the
/// student's code), not the code it plays.
fn model_own(at: &str) -> bool {
    at.contains("/tests/")
}

/// Where a step is (`at`, shown as `shown`) and what it does: `lib.rs:30  load (SeqCst)`, or,
/// on a line of the model's own, what it does and that the line is not the student's.
fn step_at(at: &str, shown: &str, next: &str) -> String {
    if model_own(at) {
        format!("{next}, in the model's own code ({shown}), not yours")
    } else {
        format!("{shown}  {next}")
    }
}

/// The column the threads' names take in a schedule, with its gap.
fn name_width(game: &Game) -> usize {
    game.frames
        .first()
        .and_then(|f| f.lanes.iter().map(|l| textfit::width(&l.name)).max())
        .unwrap_or(6)
        .max(4)
        + 2
}

/// A schedule that broke a claim (a fixed level's, or an exercise's model's): its moves, the
/// course's timeline of them (as a game's end draws it), the state the lesson is about at the
/// end, then each move with the line it ran and, under each when `code`, the code of that line.
pub fn schedule_with(game: &Game, moves: &[usize], code: bool, width: usize) -> Vec<String> {
    schedule_parts(game, moves, code, width).concat()
}

/// [`schedule_with`] in its two parts: the schedule drawn (its moves, the timeline, the state
/// at the end), and each move with its line.
pub fn schedule_parts(game: &Game, moves: &[usize], code: bool, width: usize) -> [Vec<String>; 2] {
    let mut out = wrap_line(
        &format!(
            "The schedule ({} move{}): {}",
            moves.len(),
            if moves.len() == 1 { "" } else { "s" },
            moves
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        ),
        width,
    );
    out.extend(draw_timeline(game, moves, width, false));
    if let Some(last) = game.frames.last() {
        let mut end = state_parts(last);
        for lane in &last.lanes {
            if let Status::Blocked { why, .. } = &lane.status {
                end.push(format!("{} {why}", lane.name));
            }
        }
        if !end.is_empty() {
            out.extend(wrap_line(
                &format!("At the end: {}", end.join(" · ")),
                width,
            ));
        }
    }
    let mut each = vec!["Each move: who took it, where, and what it did there.".to_string()];
    each.extend(moves_list(game, moves, code, width));
    [out, each]
}

/// Each move of a schedule, a line each: who ran, from which line, and what it did; and under
/// each when `code`, the code of its line.
pub fn moves_list(game: &Game, moves: &[usize], code: bool, width: usize) -> Vec<String> {
    let name_w = name_width(game);
    let mut out = Vec::new();
    for (k, m) in moves.iter().enumerate() {
        let Some(lane) = game.frames.get(k).and_then(|f| f.lanes.get(m - 1)) else {
            continue;
        };
        let what = match &lane.at {
            Some(at) if lane.status != Status::NotStarted => {
                // What it did there, in the runtime's words (a guard's drop has no line of
                // its own: it shows the line that took the guard).
                step_at(at, at.rsplit('/').next().unwrap_or(at), &lane.next)
            }
            _ => lane.next.clone(),
        };
        // A move that blocked did not do what it set out to: said with why (ch05's
        // "take the lock" was a wait for the lock, held by Thread 0).
        let after = game.frames.get(k + 1).and_then(|f| f.lanes.get(m - 1));
        let what = match after.map(|l| &l.status) {
            Some(Status::Blocked { why, .. }) => format!("{what}, and blocks there ({why})"),
            _ => what,
        };
        let label = format!("{:>3}. {:<w$} ", k + 1, lane.name, w = name_w - 2);
        out.extend(under(&label, &what, width));
        if let (true, Some(at), Some(line)) = (code, &lane.at, &lane.code)
            && lane.status != Status::NotStarted
            && !model_own(at)
        {
            out.extend(under(&" ".repeat(name_w + 3), line, width));
        }
    }
    out
}

/// The game's schedule drawn as the course's timeline (the `timeline` crate's model of its
/// moves, `timeline::game`), in `width` columns, coloured or not.
pub fn draw_timeline(game: &Game, moves: &[usize], width: usize, color: bool) -> Vec<String> {
    let t = timeline::game::of_game(game, moves);
    crate::ui::timeline::lines(&t, &timeline::game::title(game), width, Style { color })
}

#[cfg(test)]
mod tests {
    use super::*;
    use playproto::{End, Held, Lock};

    /// A lane: `status` `can-run`, `not-started`, `finished` or the words of a block.
    fn lane(name: &str, status: &str, at: Option<&str>, next: &str) -> Lane {
        Lane {
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

    fn lock(name: &str, holder: Option<&str>) -> Lock {
        Lock {
            name: name.into(),
            held: holder.map_or(Held::Free, |h| Held::By(h.into())),
        }
    }

    fn level(id: &str, title: &str, goal: &str) -> Level {
        Level {
            id: id.into(),
            chapter: format!("{id}_crate"),
            title: title.into(),
            goal: goal.into(),
            hint: "h".into(),
            ..Level::default()
        }
    }

    fn steps(words: &[&str]) -> Vec<Did> {
        words.iter().map(|w| Did::Step(w.to_string())).collect()
    }

    fn game() -> Game {
        let long = "x".repeat(200);
        let mut one = lane(
            "Thread 1",
            "can-run",
            Some("chapters/ch04_race/src/lib.rs:37"),
            &format!("load {long}"),
        );
        one.code = Some(format!("let local = {long};"));
        one.did = vec![
            Did::Log(format!("Thread 1: starting update {long}")),
            Did::Step("load -> 0".into()),
        ];
        Game {
            level: level(
                "ch04",
                "The race: two updates with no lock and a very long title indeed",
                &format!("Lose an update: {long}"),
            ),
            frames: vec![
                Frame {
                    moves: 0,
                    lanes: vec![one, lane("Thread 2", "not-started", None, "starts")],
                    state: vec![("value".into(), long.clone())],
                    locks: vec![],
                },
                Frame {
                    moves: 1,
                    lanes: vec![
                        lane("Thread 1", "finished", None, ""),
                        lane("Thread 2", "can-run", None, "starts"),
                    ],
                    state: vec![("value".into(), "1".into())],
                    locks: vec![],
                },
            ],
            end: End::Won("Lost.".into()),
        }
    }

    /// Three lanes as long as the longest levels' (ch15's), each step's words long enough to
    /// wrap, each lane with a history of steps and the code of its next line.
    fn three_long_lanes() -> Game {
        let code = "let mut free = self.semaphore.free.lock().expect(HELD_BRIEFLY); // and a comment long enough to wrap";
        let lanes = [
            (1, "can-run"),
            (2, "waits for the count's lock, held by Job A"),
            (3, "can-run"),
        ]
        .map(|(n, status)| {
            let mut l = lane(
                &format!("Job {n}"),
                status,
                Some("ch15_semaphore/src/lib.rs:1"),
                "release the count's lock (the guard taken here drops at the end of its block)",
            );
            l.code = Some(code.into());
            l.did = steps(&[
                "took the count's lock",
                "released the count's lock",
                "went in (2 inside)",
                "works inside",
                "finished its job (1 inside), still holds its permit",
            ]);
            l
        });
        Game {
            level: level(
                "ch15",
                "A copy of the chapter's semaphore of two, with `if` for `while`",
                "Get a third job past a semaphore of two.",
            ),
            frames: vec![Frame {
                moves: 14,
                lanes: lanes.to_vec(),
                state: vec![
                    ("jobs inside".into(), "1".into()),
                    ("free permits".into(), "(locked: cannot look)".into()),
                ],
                locks: vec![lock("the count's lock", Some("Job 1"))],
            }],
            end: End::OutOfMoves,
        }
    }

    #[test]
    fn no_line_is_wider_than_the_screen_and_a_frame_fits_24_lines() {
        let g = game();
        for width in [80, 100] {
            let lines = frame(&g.level, &g.frames[0], width, 21);
            assert!(lines.len() + 3 <= 24, "{lines:#?}");
            for l in &lines {
                assert!(l.chars().count() <= width, "{l:?}");
            }
            let moves: Vec<usize> = (0..40).map(|k| k % 2 + 1).collect();
            for l in schedule_with(&g, &moves, true, width) {
                assert!(l.chars().count() <= width, "{l:?}");
            }
        }
    }

    /// A step's words and its code were cut with `…` at 80 columns ("release the lock (the
    /// guard taken here d…"): they wrap under themselves, every word kept.
    #[test]
    fn a_long_step_and_its_code_wrap_and_no_word_is_cut() {
        let g = three_long_lanes();
        let lines = frame(&g.level, &g.frames[0], 80, 99);
        let text = lines.join("\n");
        for l in &lines {
            assert!(l.chars().count() <= 80, "{l:?}");
        }
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for words in [
            "release the count's lock (the guard taken here drops at the end of its block)",
            "let mut free = self.semaphore.free.lock().expect(HELD_BRIEFLY); // and a comment long enough to wrap",
            "A copy of the chapter's semaphore of two, with `if` for `while`",
        ] {
            assert!(flat.contains(words), "{words:?} in:\n{text}");
        }
        // Only a step left out of a lane's history is marked `…`, at its start.
        for l in &lines {
            assert!(!l.contains('…') || l.starts_with("    did   … → "), "{l:?}");
        }
        let next = lines
            .iter()
            .position(|l| l.starts_with("    next  "))
            .unwrap();
        assert!(lines[next + 1].starts_with("          "), "{text}");
    }

    /// `went in (2 inside) · works inside, then leaves` read as if the job had left: a lane's
    /// steps read in order, oldest first, each after an arrow, in at most two lines.
    #[test]
    fn what_a_lane_did_reads_in_order() {
        let did = steps(&[
            "took the count's lock",
            "went in (2 inside)",
            "works inside",
        ]);
        assert_eq!(
            did_lines(&did, 80),
            ["    did   took the count's lock → went in (2 inside) → works inside"]
        );
        let many: Vec<Did> = (1..=30).map(|k| Did::Step(format!("step {k}"))).collect();
        let lines = did_lines(&many, 80);
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert!(lines[0].starts_with("    did   … → step "), "{lines:#?}");
        assert!(lines[1].ends_with("step 29 → step 30"), "{lines:#?}");
        assert!(lines[1].starts_with("          "), "{lines:#?}");
    }

    /// A screen of three long lanes, a hint and the keys fits 80×24: the code under a step is
    /// left out where there is no room, first where a thread cannot run.
    #[test]
    fn a_frame_too_tall_leaves_out_code_first_where_a_thread_cannot_run() {
        let g = three_long_lanes();
        let all = frame(&g.level, &g.frames[0], 80, 99);
        let code = |lines: &[String]| lines.iter().filter(|l| l.contains("let mut free")).count();
        assert_eq!(code(&all), 3, "{all:#?}");
        let less = frame(&g.level, &g.frames[0], 80, all.len() - 1);
        assert_eq!(code(&less), 2, "the waiting thread's code goes: {less:#?}");
        let least = frame(&g.level, &g.frames[0], 80, less.len() - 1);
        assert_eq!(code(&least), 0, "{least:#?}");
    }

    /// The model's own lines (`play.rs:55 ... db.update(...)`) were listed beside the student's
    /// code as if they were the student's: they say whose they are, and show no code.
    #[test]
    fn a_line_of_the_models_own_is_marked_and_its_code_left_out() {
        let mut own = lane(
            "Thread 0",
            "can-run",
            Some("04_race/tests/play.rs:1"),
            "pauses (the run's 0.1 s sleep)",
        );
        own.code = Some("db.update(name, || step());".into());
        let mut theirs = lane(
            "Thread 0",
            "can-run",
            Some("04_race/src/lib.rs:1"),
            "load (SeqCst)",
        );
        theirs.code = Some("let x = self.value.load();".into());
        let frame_of = |l: Lane, moves| Frame {
            moves,
            lanes: vec![l],
            ..Frame::default()
        };
        let g = Game {
            level: level("ex04", "Exercise 4", "g"),
            frames: vec![frame_of(own, 0), frame_of(theirs, 1)],
            end: End::OutOfMoves,
        };
        let lines = moves_list(&g, &[1, 1], true, 80);
        let text = lines.join("\n");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(
                "pauses (the run's 0.1 s sleep), in the model's own code (play.rs:1), not yours"
            ),
            "{text}"
        );
        assert!(!text.contains("db.update"), "{text}");
        assert!(
            text.contains("lib.rs:1  load (SeqCst)") && text.contains("self.value.load()"),
            "{text}"
        );
        let lane = frame(&g.level, &g.frames[0], 80, 99).join("\n");
        assert!(
            lane.contains("in the model's own code") && !lane.contains("db.update"),
            "{lane}"
        );
    }

    /// Key 1 stepped chapter 4's Thread 0 and chapter 11-flag's Thread 1, unsaid: where a
    /// thread's name has a number that is not its key, the keys say which is key 1.
    #[test]
    fn the_keys_say_which_thread_key_1_is_where_the_names_count_otherwise() {
        let two = |a: &str, b: &str| {
            [
                lane(a, "can-run", None, "starts"),
                lane(b, "can-run", None, "starts"),
            ]
        };
        let from_0 = keys(&two("Thread 0", "Thread 1"), 80).join(" ");
        assert!(
            from_0.starts_with("Keys: 1-2 step that thread (key 1 is [1], Thread 0) · u undo"),
            "{from_0}"
        );
        let from_1 = keys(&two("Thread 1", "Thread 2"), 80).join(" ");
        assert_eq!(
            from_1,
            "Keys: 1-2 step that thread · u undo · r restart · h hint · q quit"
        );
        let named = keys(&two("Job A", "Job B"), 80).join(" ");
        assert!(!named.contains("key 1 is"), "{named}");
        assert!(
            keys(&two("Thread 0", "Thread 1"), 80)
                .iter()
                .all(|l| l.chars().count() <= 80)
        );
    }

    /// Chapter 5's list said "4. Thread 1 lib.rs:40  take the lock" for a move that blocked
    /// there (its lane `???`): a move that blocks says so, and why.
    #[test]
    fn a_move_that_blocked_says_so() {
        let at = Some("ch05_lock_fix/src/lib.rs:40");
        let frame_of = |l: Lane, moves| Frame {
            moves,
            lanes: vec![l],
            ..Frame::default()
        };
        let before = lane("Thread 1", "can-run", at, "take the lock");
        let blocked = lane(
            "Thread 1",
            "waits for the lock, held by Thread 0",
            at,
            "take the lock",
        );
        let g = Game {
            level: level("ch05", "The lock fix", "g"),
            frames: vec![frame_of(before, 0), frame_of(blocked, 1)],
            end: End::OutOfMoves,
        };
        let text = moves_list(&g, &[1], false, 80).join(" ");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(
                "lib.rs:40 take the lock, and blocks there (waits for the lock, held by \
                 Thread 0)"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_broken_schedule_is_drawn_as_the_timeline_then_its_moves() {
        let g = game();
        let lines = schedule_with(&g, &[1], false, 80);
        assert_eq!(lines[0], "The schedule (1 move): 1");
        let lane = |name: &str| {
            lines
                .iter()
                .find(|l| l.starts_with(name))
                .unwrap_or_else(|| panic!("no lane {name}: {lines:#?}"))
        };
        // Each thread's lane marks the move it took (`*`) or could have (`=`), on the axis of
        // moves, not of time.
        assert!(lane("Thread 1").contains('*'), "{lines:#?}");
        assert!(lane("Thread 2").starts_with("Thread 2 ==="), "{lines:#?}");
        assert!(lines[1].contains("a move is one scheduling"), "{lines:#?}");
        assert!(lines.iter().any(|l| l.starts_with("move ")), "{lines:#?}");
        assert!(
            lines.iter().any(|l| l.starts_with("At the end: value: 1")),
            "{lines:#?}"
        );
        let first = lines
            .iter()
            .position(|l| l.contains("1. Thread 1"))
            .expect("the moves listed");
        assert!(lines[first].contains("lib.rs:37"), "{lines:#?}");
    }
}
