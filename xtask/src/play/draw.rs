//! The play screen, drawn as lines of text no wider than the terminal: the same lines on a
//! terminal and in the text mode (`--moves`, piped). Each screen fits 80×24.

use playproto::{Did, Frame, Game, Lane, Level, Status};

use crate::screen::wrap_line;

/// `s` cut to `width` columns, with `…` where it was cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// One thing a thread did, for its lane: the chapter's log lines in quotes.
fn deed(d: &Did) -> String {
    match d {
        Did::Log(line) => format!("\"{line}\""),
        Did::Step(words) => words.clone(),
    }
}

/// The last of `did` that fit in `width`, newest last.
fn recent(did: &[Did], width: usize) -> String {
    let mut shown: Vec<String> = Vec::new();
    let mut used = 0;
    for d in did.iter().rev() {
        let d = deed(d);
        let cost = d.chars().count() + 3;
        if used + cost > width && !shown.is_empty() {
            shown.push("…".into());
            break;
        }
        used += cost;
        shown.push(d);
    }
    shown.reverse();
    fit(&shown.join(" · "), width)
}

fn lane_lines(i: usize, lane: &Lane, width: usize) -> Vec<String> {
    let mut out = vec![fit(
        &format!("[{}] {} · {}", i + 1, lane.name, lane.status.words()),
        width,
    )];
    if lane.status == Status::NotStarted {
        out.push(fit(&format!("    next  {}", lane.next), width));
    } else if let Some(at) = &lane.at {
        let short = at.strip_prefix("chapters/").unwrap_or(at);
        out.push(fit(&format!("    next  {short}  {}", lane.next), width));
        if let Some(code) = &lane.code {
            out.push(fit(&format!("          {code}"), width));
        }
    }
    if !lane.did.is_empty() {
        out.push(format!(
            "    did   {}",
            recent(&lane.did, width.saturating_sub(10))
        ));
    }
    out
}

/// The state line(s): the lesson's values and who holds each lock.
fn state_lines(frame: &Frame, width: usize) -> Vec<String> {
    let parts = state_parts(frame);
    if parts.is_empty() {
        return Vec::new();
    }
    let mut lines = wrap_line(&format!("State: {}", parts.join(" · ")), width);
    lines.truncate(3);
    lines
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

/// The screen at one moment: title, goal, a lane per thread, the state.
pub fn frame(level: &Level, frame: &Frame, width: usize) -> Vec<String> {
    let head = format!("{} · {}", level.id, level.title);
    let moves = format!("move {}", frame.moves);
    let room = width.saturating_sub(moves.len() + 1);
    let mut out = vec![format!("{:<room$} {moves}", fit(&head, room))];
    let mut goal = wrap_line(&format!("Goal: {}", level.goal), width);
    goal.truncate(3);
    out.extend(goal);
    out.push("─".repeat(width.min(80)));
    for (i, lane) in frame.lanes.iter().enumerate() {
        out.extend(lane_lines(i, lane, width));
    }
    out.push("─".repeat(width.min(80)));
    out.extend(state_lines(frame, width));
    out
}

/// The keys, on one line.
pub fn keys(lanes: usize, width: usize) -> String {
    let threads = match lanes {
        1 => "1 step the thread".to_string(),
        n => format!("1-{n} step that thread"),
    };
    fit(
        &format!("Keys: {threads} · u undo · r restart · h hint · q quit"),
        width,
    )
}

/// The column the threads' names take in a schedule, with its gap.
fn name_width(game: &Game) -> usize {
    game.frames
        .first()
        .and_then(|f| f.lanes.iter().map(|l| l.name.chars().count()).max())
        .unwrap_or(6)
        .max(4)
        + 2
}

/// A schedule that broke a claim (a fixed level's, or an exercise's model's): its moves, the
/// course's timeline of them (as a game's end draws it), the state the lesson is about at the
/// end, then each move with the line it ran and, under each when `code`, the code of that line.
pub fn schedule_with(game: &Game, moves: &[usize], code: bool, width: usize) -> Vec<String> {
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
    out.extend(super::timeline::draw(game, moves, width, false));
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
    out.push("Each move: who took it, where, and what it did there.".into());
    out.extend(moves_list(game, moves, code, width));
    out
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
                let short = at.rsplit('/').next().unwrap_or(at);
                format!("{short}  {}", lane.next)
            }
            _ => lane.next.clone(),
        };
        out.push(fit(
            &format!("{:>3}. {:<w$} {what}", k + 1, lane.name, w = name_w - 2),
            width,
        ));
        if let (true, Some(line)) = (code, &lane.code)
            && lane.status != Status::NotStarted
        {
            out.push(fit(&format!("{:w$}{line}", "", w = name_w + 3), width));
        }
    }
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use playproto::{End, Held, Lock};

    /// A lane: `status` `can-run`, `not-started`, `finished` or the words of a block.
    pub fn lane(name: &str, status: &str, at: Option<&str>, next: &str) -> Lane {
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

    pub fn lock(name: &str, holder: Option<&str>) -> Lock {
        Lock {
            name: name.into(),
            held: holder.map_or(Held::Free, |h| Held::By(h.into())),
        }
    }

    pub fn level(id: &str, title: &str, goal: &str) -> Level {
        Level {
            id: id.into(),
            chapter: format!("{id}_crate"),
            title: title.into(),
            goal: goal.into(),
            hint: "h".into(),
            ..Level::default()
        }
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
                    locks: vec![lock("the lock", None)],
                },
            ],
            end: End::Won("Lost.".into()),
        }
    }

    #[test]
    fn no_line_is_wider_than_the_screen_and_a_frame_fits_24_lines() {
        let g = game();
        for width in [80, 100] {
            let lines = frame(&g.level, &g.frames[0], width);
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
        assert!(!lines.iter().any(|l| l.contains("let local")), "{lines:#?}");
        // With the code: each move's line, under it.
        let lines = schedule_with(&g, &[1], true, 80);
        let first = lines
            .iter()
            .position(|l| l.contains("1. Thread 1"))
            .unwrap();
        assert!(
            lines[first + 1].trim_start().starts_with("let local = x"),
            "{lines:#?}"
        );
    }
}
