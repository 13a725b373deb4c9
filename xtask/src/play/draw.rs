//! The play screen, drawn as lines of text no wider than the terminal: the same lines on a
//! terminal and in the text mode (`--moves`, piped). Each screen fits 80×24.

use std::collections::HashMap;
use std::path::Path;

use super::wire::{Frame, Game, Lane, Level};
use crate::screen::wrap_line;

/// `s` fitted to `width`: as it is when it fits, else broken between words, its next lines two
/// columns in under its own indent. Never cut: a word is only broken when it alone is wider.
pub fn fit(s: &str, width: usize) -> Vec<String> {
    crate::screen::fit(s, width)
}

/// `text` after `label` (`    next  `), its next lines under the text, not under the label.
pub fn under(label: &str, text: &str, width: usize) -> Vec<String> {
    let pad = label.chars().count();
    let room = width.saturating_sub(pad).max(20);
    crate::screen::wrap_line(text, room)
        .into_iter()
        .enumerate()
        .map(|(k, l)| match k {
            0 => format!("{label}{l}"),
            _ => format!("{:pad$}{l}", ""),
        })
        .collect()
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

/// What a lane did, oldest first, each step after an arrow (`took the lock → went in`): as many
/// of the last steps as fit two lines after `    did   `, a `…` for those left out before them.
/// The last step alone may take more lines, broken between words.
fn did_lines(did: &[String], width: usize) -> Vec<String> {
    const LABEL: &str = "    did   ";
    let deeds: Vec<String> = did.iter().map(|d| deed(d)).collect();
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
fn lane_lines(
    i: usize,
    lane: &Lane,
    (root, src): (&Path, &mut Source),
    code: bool,
    width: usize,
) -> Vec<String> {
    let mut out = fit(
        &format!("[{}] {} · {}", i + 1, lane.name, lane.status_words()),
        width,
    );
    if lane.status == "not-started" {
        out.extend(under("    next  ", &lane.next, width));
    } else if let Some(at) = &lane.at {
        let short = at.strip_prefix("chapters/").unwrap_or(at);
        out.extend(under("    next  ", &step_at(at, short, &lane.next), width));
        let line = src.line(root, at);
        if code && !line.is_empty() && !model_own(at) {
            out.extend(under("          ", &line, width));
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
    for (lock, holder) in &frame.locks {
        parts.push(match holder {
            Some(h) => format!("{lock}: held by {h}"),
            None => format!("{lock}: free"),
        });
    }
    parts
}

/// The screen at one moment: title, goal, a lane per thread, the state; in at most `rows`
/// lines where it can be: the code under a next step is left out where it does not fit, first
/// for the threads that cannot run, then for all.
pub fn frame(
    level: &Level,
    frame: &Frame,
    root: &Path,
    src: &mut Source,
    width: usize,
    rows: usize,
) -> Vec<String> {
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
    let codes: [fn(&Lane) -> bool; 3] = [|_| true, Lane::can_run, |_| false];
    let mut out = Vec::new();
    for code in codes {
        out = top.clone();
        for (i, lane) in frame.lanes.iter().enumerate() {
            out.extend(lane_lines(i, lane, (root, &mut *src), code(lane), width));
        }
        out.extend(bottom.iter().cloned());
        if out.len() <= rows {
            break;
        }
    }
    out
}

/// The keys, on one line where it fits.
pub fn keys(lanes: usize, width: usize) -> Vec<String> {
    let threads = match lanes {
        1 => "1 step the thread".to_string(),
        n => format!("1-{n} step that thread"),
    };
    fit(
        &format!("Keys: {threads} · u undo · r restart · h hint · q quit"),
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
        .and_then(|f| f.lanes.iter().map(|l| l.name.chars().count()).max())
        .unwrap_or(6)
        .max(4)
        + 2
}

/// A schedule that broke a claim (a fixed level's, or an exercise's model's): its moves, the
/// course's timeline of them (as a game's end draws it), the state the lesson is about at the
/// end, then each move with the line it ran and, under each, the code of that line, read from
/// the sources in `code`.
pub fn schedule_with(
    game: &Game,
    moves: &[usize],
    code: Option<(&Path, &mut Source)>,
    width: usize,
) -> Vec<String> {
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
        for lane in last
            .lanes
            .iter()
            .filter(|l| l.status.starts_with("blocked:"))
        {
            end.push(format!(
                "{} {}",
                lane.name,
                &lane.status["blocked:".len()..]
            ));
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
                step_at(at, at.rsplit('/').next().unwrap_or(at), &lane.next)
            }
            _ => lane.next.clone(),
        };
        let label = format!("{:>3}. {:<w$} ", k + 1, lane.name, w = name_w - 2);
        out.extend(under(&label, &what, width));
        if let (Some((root, src)), Some(at)) = (code.as_mut(), &lane.at)
            && lane.status != "not-started"
            && !model_own(at)
        {
            let line = src.line(root, at);
            if !line.is_empty() {
                out.extend(under(&" ".repeat(name_w + 3), &line, width));
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
             state\tvalue\t1\n\
             end\twon\tLost.\n"
        );
        wire::game(&text).unwrap()
    }

    /// Three lanes as long as the longest levels' (ch15's), each step's words long enough to
    /// wrap, each lane with a history of steps, and its code on disk under `root`.
    fn three_long_lanes(root: &Path) -> Game {
        let code = "        let mut free = self.semaphore.free.lock().expect(HELD_BRIEFLY); // and a comment long enough to wrap";
        std::fs::create_dir_all(root.join("ch15_semaphore/src")).unwrap();
        std::fs::write(root.join("ch15_semaphore/src/lib.rs"), format!("{code}\n")).unwrap();
        let did = "did\t{n}\ttook the count's lock\ndid\t{n}\treleased the count's lock\n\
                   did\t{n}\twent in (2 inside)\ndid\t{n}\tworks inside\n\
                   did\t{n}\tfinished its job (1 inside), still holds its permit\n";
        let mut text = "level\tch15\tch15_semaphore\tA copy of the chapter's semaphore of two, with `if` for `while`\n\
                        goal\tGet a third job past a semaphore of two.\nhint\th\nframe\t14\n"
            .to_string();
        for (n, status) in [
            (1, "can-run"),
            (2, "blocked:waits for the count's lock, held by Job A"),
            (3, "can-run"),
        ] {
            text += &format!(
                "lane\t{n}\tJob {n}\t{status}\tch15_semaphore/src/lib.rs:1\trelease the count's lock (the guard taken here drops at the end of its block)\n"
            );
            text += &did.replace("{n}", &n.to_string());
        }
        text += "state\tjobs inside\t1\nstate\tfree permits\t(locked: cannot look)\nlock\tthe count's lock\tJob 1\nend\tout\t-\n";
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
                21,
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

    /// A step's words and its code were cut with `…` at 80 columns ("release the lock (the
    /// guard taken here d…"): they wrap under themselves, every word kept.
    #[test]
    fn a_long_step_and_its_code_wrap_and_no_word_is_cut() {
        let root = std::env::temp_dir().join(format!("draw-wrap-{}", std::process::id()));
        let g = three_long_lanes(&root);
        let lines = frame(
            &g.level,
            &g.frames[0],
            &root,
            &mut Source::default(),
            80,
            99,
        );
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
        let _ = std::fs::remove_dir_all(&root);
    }

    /// `went in (2 inside) · works inside, then leaves` read as if the job had left: a lane's
    /// steps read in order, oldest first, each after an arrow, in at most two lines.
    #[test]
    fn what_a_lane_did_reads_in_order() {
        let did: Vec<String> = [
            "took the count's lock",
            "went in (2 inside)",
            "works inside",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            did_lines(&did, 80),
            ["    did   took the count's lock → went in (2 inside) → works inside"]
        );
        let many: Vec<String> = (1..=30).map(|k| format!("step {k}")).collect();
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
        let root = std::env::temp_dir().join(format!("draw-rows-{}", std::process::id()));
        let g = three_long_lanes(&root);
        let mut src = Source::default();
        let all = frame(&g.level, &g.frames[0], &root, &mut src, 80, 99);
        let code = |lines: &[String]| lines.iter().filter(|l| l.contains("let mut free")).count();
        assert_eq!(code(&all), 3, "{all:#?}");
        let less = frame(&g.level, &g.frames[0], &root, &mut src, 80, all.len() - 1);
        assert_eq!(code(&less), 2, "the waiting thread's code goes: {less:#?}");
        let least = frame(&g.level, &g.frames[0], &root, &mut src, 80, less.len() - 1);
        assert_eq!(code(&least), 0, "{least:#?}");
        let _ = std::fs::remove_dir_all(&root);
    }

    /// The model's own lines (`play.rs:55 ... db.update(...)`) were listed beside the student's
    /// code as if they were the student's: they say whose they are, and show no code.
    #[test]
    fn a_line_of_the_models_own_is_marked_and_its_code_left_out() {
        let root = std::env::temp_dir().join(format!("draw-model-{}", std::process::id()));
        std::fs::create_dir_all(root.join("04_race/tests")).unwrap();
        std::fs::create_dir_all(root.join("04_race/src")).unwrap();
        std::fs::write(
            root.join("04_race/tests/play.rs"),
            "db.update(name, || step());\n",
        )
        .unwrap();
        std::fs::write(
            root.join("04_race/src/lib.rs"),
            "let x = self.value.load();\n",
        )
        .unwrap();
        let g = wire::game(
            "level\tex04\tex04_race\tExercise 4\ngoal\tg\nhint\th\n\
             frame\t0\nlane\t1\tThread 0\tcan-run\t04_race/tests/play.rs:1\tpauses (the notebook's sleep)\n\
             frame\t1\nlane\t1\tThread 0\tcan-run\t04_race/src/lib.rs:1\tload (SeqCst)\n\
             end\tout\t-\n",
        )
        .unwrap();
        let mut src = Source::default();
        let lines = moves_list(&g, &[1, 1], Some((&root, &mut src)), 80);
        let text = lines.join("\n");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(
                "pauses (the notebook's sleep), in the model's own code (play.rs:1), not yours"
            ),
            "{text}"
        );
        assert!(!text.contains("db.update"), "{text}");
        assert!(
            text.contains("lib.rs:1  load (SeqCst)") && text.contains("self.value.load()"),
            "{text}"
        );
        let lane = frame(&g.level, &g.frames[0], &root, &mut src, 80, 99).join("\n");
        assert!(
            lane.contains("in the model's own code") && !lane.contains("db.update"),
            "{lane}"
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_broken_schedule_is_drawn_as_the_timeline_then_its_moves() {
        let g = game();
        let lines = schedule_with(&g, &[1], None, 80);
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
