//! What a game's screens say around the lanes (`draw.rs` draws those): under a game going on,
//! the hint, a word on the last key and the keys; at its end, what happened, how to play it
//! again, and the schedule with what the model found.

use playproto::{End, Frame, Game};

use course::engine::Engine;
use course::play::moves_text;

use super::list;
use crate::cli::Fail;
use crate::ui::game as draw;
use crate::ui::search;
use crate::ui::term::page::Page;

/// Said while the model runs the level's search (`play check`; the longest, ch15-while's, took
/// 1.4 s: `play check ch15-while` in target/play/debug, after the build, at load 2.5).
pub const MODEL_RUNS: &str =
    "The program ran to its end. The model now runs the other schedules...";

/// The screen of a game going on at `width`×`height`: the lanes, and under them the hint when
/// asked for, a word on the last key, and the keys.
pub fn playing(
    game: &Game,
    frame: &Frame,
    hint: bool,
    message: Option<String>,
    width: usize,
    height: usize,
) -> Vec<String> {
    let level = &game.level;
    let mut under = Vec::new();
    if hint {
        under.extend(textfit::wrap_line(&format!("Hint: {}", level.hint), width));
        // What the level plays, when it is not only the chapter's own code.
        if level.fixed.is_none()
            && let Some(note) = &level.note
        {
            under.extend(textfit::wrap_line(&format!("Note: {note}"), width));
        }
    }
    if let Some(m) = message {
        under.extend(textfit::wrap_line(&m, width));
    }
    under.extend(draw::keys(frame.lanes.len(), width));
    let rows = height.saturating_sub(under.len());
    let mut lines = draw::frame(level, frame, width, rows);
    lines.extend(under);
    lines
}

/// The lines that end a game: what happened, and for a win how to play it again (the head, which
/// a terminal always shows), then the schedule and what the model found (the body, which it
/// pages when it does not fit).
pub fn ending(
    engine: &Engine,
    game: &Game,
    moves: &[usize],
    width: usize,
    color: bool,
) -> Result<(Vec<String>, Vec<String>), Fail> {
    let level = &game.level;
    let mut out = Vec::new();
    let mut body = Vec::new();
    let again = format!(
        "  cargo xtask play {} --moves \"{}\"",
        level.id,
        moves_text(moves)
    );
    let root = &engine.course;
    match &game.end {
        End::Won(words) | End::Failed(words) => {
            // A thread that panicked or a deadlock the level does not expect breaks a fixed
            // level's claim as a win would, and is drawn and replayable the same way. An
            // exercise's level plays the student's code, and its goal is the bug.
            let head = match (&game.end, &level.fixed) {
                (End::Won(_), _) if engine.model => {
                    format!("This schedule breaks your code. {words}")
                }
                (End::Won(_), _) => format!("Goal reached. {words}"),
                (_, Some(_)) => format!("The claim is broken: {words}."),
                (_, None) => format!("The program failed: {words}."),
            };
            out.extend(textfit::wrap_line(&head, width));
            out.push("Play it again (or keep it with --save FILE):".into());
            out.extend(textfit::fit(&again, width));
            out.extend(list::onward_lines(root, &level.id, width));
            body.extend(schedule(game, moves, width, color));
        }
        End::OutOfMoves => {
            // Text mode: the moves go on where a terminal takes keys.
            out.extend(textfit::wrap_line(
                "The moves ran out before the goal. To play on from here, run this at a \
                 terminal (a thread's number steps it, u undoes a step):",
                width,
            ));
            out.extend(textfit::fit(&again, width));
            if level.fixed.is_some() {
                out.extend(textfit::wrap_line(
                    "When the program has run to its end, the model runs the other schedules.",
                    width,
                ));
            }
        }
        End::Ended(words) => {
            out.extend(textfit::wrap_line(
                &format!("Not this time: {words}."),
                width,
            ));
            if level.fixed.is_some() {
                out.extend(list::onward_lines(root, &level.id, width));
                // The point of a fixed level is the proof: it comes first, the game after it.
                body.extend(search::model_lines(
                    level,
                    &engine.model_check(level)?,
                    width,
                ));
                body.extend(schedule(game, moves, width, color));
            } else {
                body.extend(schedule(game, moves, width, color));
                body.extend(textfit::wrap_line(&format!("Hint: {}", level.hint), width));
                if let Some(note) = &level.note {
                    body.extend(textfit::wrap_line(&format!("Note: {note}"), width));
                }
            }
        }
        End::Bad(_) => {}
    }
    if matches!(game.end, End::Won(_) | End::Ended(_) | End::Failed(_)) {
        // How often the bug shows, on the schedules of the level's search, beside what a real
        // run is.
        body.push(String::new());
        body.extend(textfit::wrap_line(
            &search::often(level, &engine.count(level)?),
            width,
        ));
        body.extend(textfit::wrap_line(
            &search::real_run(&engine.root, level),
            width,
        ));
    }
    Ok((out, body))
}

/// The schedule that ends a game: drawn as the course's timeline, then each move with its line.
fn schedule(game: &Game, moves: &[usize], width: usize, color: bool) -> Vec<String> {
    let mut out = vec![String::new()];
    out.extend(draw::draw_timeline(game, moves, width, color));
    out.push("Each move: who took it, where, and what it did there.".into());
    out.extend(draw::moves_list(game, moves, false, width));
    out
}

/// The screen of an ended game: the title line of its last screen and the head (what happened,
/// how to play it again), which always show, then the body (the schedule, what the model
/// found), which the one pager scrolls when it does not fit, and the keys on the last line.
pub fn ended(title: &str, head: Vec<String>, body: Vec<String>) -> Page {
    let mut top = vec![title.to_string()];
    top.extend(head);
    Page::new(top, body, "Keys: u undo · r restart · q quit")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::play::keys::{Act, act};
    use crate::ui::term::Key;

    /// Play scrolled its ended screen by itself; it pages through the tour's and the watch's
    /// pager, with the same rows for the body at 80×24 and the keys on the last line.
    #[test]
    fn an_ended_game_pages_its_body_under_a_head_that_stays() {
        let body: Vec<String> = (1..=23).map(|k| format!("line {k}")).collect();
        // ch15's won screen at 80×24: its title, 4 head lines, and the keys leave 17 rows and
        // the scroll line.
        let head: Vec<String> = (1..=4).map(|k| format!("head {k}")).collect();
        let mut page = ended("ch15 · title        move 9", head.clone(), body.clone());
        let frame = page.frame(80, 24);
        assert_eq!(frame.len(), 24);
        assert_eq!(frame[0], "ch15 · title        move 9");
        assert_eq!(frame[1..5], head[..]);
        assert_eq!(frame[5], "line 1");
        assert_eq!(frame[21], "line 17");
        assert_eq!(
            frame[22],
            "[↑↓ PgUp PgDn] scroll: lines 1-17 of 23, more below"
        );
        assert_eq!(frame[23], "Keys: u undo · r restart · q quit");
        // Space pages on, as Page Down; past the end, the last page, with the last line.
        let Act::Scroll(key) = act(Key::Char(' '), true) else {
            panic!("space does not scroll")
        };
        assert!(page.scroll(key));
        let frame = page.frame(80, 24);
        assert_eq!(frame[5], "line 7");
        assert_eq!(frame[21], "line 23");
        assert_eq!(frame[22], "[↑↓ PgUp PgDn] scroll: lines 7-23 of 23");
        // A body that fits: as it is, no scroll line.
        let mut page = ended("title", head, body[..5].to_vec());
        let frame = page.frame(80, 24);
        assert_eq!(frame[5..10], body[..5]);
        assert!(!frame.iter().any(|l| l.contains("scroll")), "{frame:#?}");
        assert_eq!(frame[23], "Keys: u undo · r restart · q quit");
    }
}
