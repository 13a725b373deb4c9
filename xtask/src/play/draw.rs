//! The play screen, drawn as lines of text no wider than the terminal: the same lines on a
//! terminal and in the text mode (`--moves`, piped). Each screen fits 80×24.

use std::collections::HashMap;
use std::path::Path;

use super::wire::{Frame, Game, Lane, Level};
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

/// The chapters' source lines, read once each file.
#[derive(Default)]
pub struct Source {
    files: HashMap<String, Vec<String>>,
}

impl Source {
    /// The code at `file:line`, trimmed; empty when it cannot be read.
    pub fn line(&mut self, root: &Path, at: &str) -> String {
        let Some((file, line)) = at.rsplit_once(':') else {
            return String::new();
        };
        let Ok(n) = line.parse::<usize>() else {
            return String::new();
        };
        let lines = self.files.entry(file.to_string()).or_insert_with(|| {
            std::fs::read_to_string(root.join(file))
                .map(|t| t.lines().map(|l| l.trim().to_string()).collect())
                .unwrap_or_default()
        });
        lines.get(n.wrapping_sub(1)).cloned().unwrap_or_default()
    }
}

/// One thing a thread did, for its lane: the chapter's log lines in quotes.
fn deed(d: &str) -> String {
    match d.strip_prefix("log: ") {
        Some(line) => format!("\"{line}\""),
        None => d.to_string(),
    }
}

/// The last of `did` that fit in `width`, newest last.
fn recent(did: &[String], width: usize) -> String {
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

fn lane_lines(i: usize, lane: &Lane, root: &Path, src: &mut Source, width: usize) -> Vec<String> {
    let mut out = vec![fit(
        &format!("[{}] {} · {}", i + 1, lane.name, lane.status_words()),
        width,
    )];
    if lane.status == "not-started" {
        out.push(fit(&format!("    next  {}", lane.next), width));
    } else if let Some(at) = &lane.at {
        let short = at.strip_prefix("chapters/").unwrap_or(at);
        out.push(fit(&format!("    next  {short}  {}", lane.next), width));
        let code = src.line(root, at);
        if !code.is_empty() {
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
    let mut parts: Vec<String> = frame
        .state
        .iter()
        .map(|(label, value)| format!("{label}: {value}"))
        .collect();
    for (lock, holder) in &frame.locks {
        parts.push(match holder {
            Some(h) => format!("{lock}: held by {h}"),
            None => format!("{lock}: free"),
        });
    }
    if parts.is_empty() {
        return Vec::new();
    }
    let mut lines = wrap_line(&format!("State: {}", parts.join(" · ")), width);
    lines.truncate(3);
    lines
}

/// The screen at one moment: title, goal, a lane per thread, the state.
pub fn frame(
    level: &Level,
    frame: &Frame,
    root: &Path,
    src: &mut Source,
    width: usize,
) -> Vec<String> {
    let head = format!("{} · {}", level.id, level.title);
    let moves = format!("move {}", frame.moves);
    let room = width.saturating_sub(moves.len() + 1);
    let mut out = vec![format!("{:<room$} {moves}", fit(&head, room))];
    let mut goal = wrap_line(&format!("Goal: {}", level.goal), width);
    goal.truncate(3);
    out.extend(goal);
    out.push("─".repeat(width.min(80)));
    for (i, lane) in frame.lanes.iter().enumerate() {
        out.extend(lane_lines(i, lane, root, src, width));
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

/// A schedule, as lanes: a mark in its thread's row for each move, then each move with the line
/// it ran, and under each the code of its line, read from the chapters' sources in `code` (for
/// a counterexample; a game's end draws the course's timeline instead, `timeline.rs`).
pub fn schedule_with(
    game: &Game,
    moves: &[usize],
    code: Option<(&Path, &mut Source)>,
    width: usize,
) -> Vec<String> {
    let names: Vec<&str> = game
        .frames
        .first()
        .map(|f| f.lanes.iter().map(|l| l.name.as_str()).collect())
        .unwrap_or_default();
    let name_w = name_width(game);
    let per_row = ((width.saturating_sub(name_w)) / 3).max(1);
    let mut out = vec![fit(
        &format!(
            "The schedule ({} moves): {}",
            moves.len(),
            moves
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        ),
        width,
    )];
    for (row, chunk) in moves.chunks(per_row).enumerate() {
        let first = row * per_row + 1;
        let mut head = format!("{:<name_w$}", "move");
        for k in 0..chunk.len() {
            head += &format!("{:>3}", first + k);
        }
        out.push(head);
        for (i, name) in names.iter().enumerate() {
            let mut line = format!("{:<name_w$}", fit(name, name_w - 1));
            for m in chunk {
                line += if *m == i + 1 { "  ●" } else { "  ·" };
            }
            out.push(line.trim_end().to_string());
        }
    }
    out.extend(moves_list(game, moves, code, width));
    out
}

/// Each move of a schedule, a line each: who ran, from which line, and what it did; and under
/// each, the code of its line when `code` has the chapters' sources.
pub fn moves_list(
    game: &Game,
    moves: &[usize],
    mut code: Option<(&Path, &mut Source)>,
    width: usize,
) -> Vec<String> {
    let name_w = name_width(game);
    let mut out = Vec::new();
    for (k, m) in moves.iter().enumerate() {
        let Some(lane) = game.frames.get(k).and_then(|f| f.lanes.get(m - 1)) else {
            continue;
        };
        let what = match &lane.at {
            Some(at) if lane.status != "not-started" => {
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
        if let (Some((root, src)), Some(at)) = (code.as_mut(), &lane.at)
            && lane.status != "not-started"
        {
            let line = src.line(root, at);
            if !line.is_empty() {
                out.push(fit(&format!("{:w$}{line}", "", w = name_w + 3), width));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::play::wire;

    fn game() -> Game {
        let long = "x".repeat(200);
        let text = format!(
            "level\tch04\tch04_race\tThe race: two updates with no lock and a very long title indeed\n\
             goal\tLose an update: {long}\nhint\th\n\
             frame\t0\nlane\t1\tThread 1\tcan-run\tchapters/ch04_race/src/lib.rs:37\tload {long}\n\
             did\t1\tlog: Thread 1: starting update {long}\ndid\t1\tload -> 0\n\
             lane\t2\tThread 2\tnot-started\t-\tstarts\nstate\tvalue\t{long}\n\
             frame\t1\nlane\t1\tThread 1\tfinished\t-\t\nlane\t2\tThread 2\tcan-run\t-\tstarts\n\
             end\twon\tLost.\n"
        );
        wire::game(&text).unwrap()
    }

    #[test]
    fn no_line_is_wider_than_the_screen_and_a_frame_fits_24_lines() {
        let g = game();
        let mut src = Source::default();
        for width in [80, 100] {
            let lines = frame(
                &g.level,
                &g.frames[0],
                Path::new("/nonexistent"),
                &mut src,
                width,
            );
            assert!(lines.len() + 3 <= 24, "{lines:#?}");
            for l in &lines {
                assert!(l.chars().count() <= width, "{l:?}");
            }
            let moves: Vec<usize> = (0..40).map(|k| k % 2 + 1).collect();
            for l in schedule_with(&g, &moves, None, width) {
                assert!(l.chars().count() <= width, "{l:?}");
            }
        }
    }

    #[test]
    fn the_schedule_marks_each_move_in_its_thread_row() {
        let g = game();
        let lines = schedule_with(&g, &[1, 2], None, 80);
        assert_eq!(lines[0], "The schedule (2 moves): 1 2");
        assert!(
            lines[2].starts_with("Thread 1") && lines[2].ends_with("●  ·"),
            "{lines:#?}"
        );
        assert!(
            lines[3].starts_with("Thread 2") && lines[3].ends_with("·  ●"),
            "{lines:#?}"
        );
        assert!(
            lines[4].contains("1. Thread 1") && lines[4].contains("lib.rs:37"),
            "{lines:#?}"
        );
    }
}
