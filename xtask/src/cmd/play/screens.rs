//! What a game's screens say around the lanes (`draw.rs` draws those): under a game going on,
//! the hint, a word on the last key and the keys; at its end, what happened, how to play it
//! again, and the schedule with what the model found.

use playproto::{End, Frame, Game, Level};

use course::engine::Engine;
use course::play::moves_text;

use super::list;
use crate::cli::Fail;
use crate::ui::game as draw;
use crate::ui::search;
use crate::ui::term::page::Page;

/// What is said while a game's end is worked out: the model runs the level's search (`play
/// check` and `play count`; the longest check, ch15-while's, took 1.4 s: `play check
/// ch15-while` in target/play/debug, after the build, at load 2.5). `model` is an exercise's,
/// on the student's code, where a sleep is a real sleep, in each schedule that gets to it. The
/// game ended in `end`.
pub fn working(level: &Level, end: &End, model: bool) -> String {
    let mut s = match end {
        End::Ended(_) if level.fixed.is_some() => "The program ran to its end. The model now \
                                                   runs every schedule of the level's search, \
                                                   to check the claim and to count how often \
                                                   each ending comes."
            .to_string(),
        _ => "The game is over. The model now runs every schedule of the level's search, to \
              count how often this ending comes."
            .to_string(),
    };
    if model {
        s += " It runs your code once for each schedule, sleeps and all: a sleep in your code \
              is waited out in each schedule that gets to it, so it makes this slower (it \
              changes no order the model tries).";
    }
    s
}

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
    under.extend(draw::keys(&frame.lanes, width));
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
            out.extend(textfit::wrap_line(&ended_words(level, words), width));
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
    if game.end.is_over() {
        // How often the bug shows, on the schedules of the level's search, beside what a real
        // run is.
        body.push(String::new());
        let tally = engine.count(level)?;
        body.extend(textfit::wrap_line(&search::often(level, &tally), width));
        body.extend(textfit::wrap_line(
            &search::real_run(&engine.root, level, &tally),
            width,
        ));
    }
    Ok((out, body))
}

/// What a game that ran to its end without the goal says first. On a fix, not reaching the
/// goal is the point (the words read as a loss there): the model's search, under it, says
/// whether any schedule does.
fn ended_words(level: &Level, words: &str) -> String {
    match level.fixed {
        Some(_) => format!(
            "This schedule did not break the fix: {words}. On a fix, that is the point; the \
             model's search below says whether any schedule breaks it."
        ),
        None => format!("Not this time: {words}."),
    }
}

/// The schedule that ends a game: drawn as the course's timeline, then each move with its line.
fn schedule(game: &Game, moves: &[usize], width: usize, color: bool) -> Vec<String> {
    let mut out = vec![String::new()];
    out.extend(draw::draw_timeline(game, moves, width, color));
    out.push(EACH_MOVE.into());
    out.extend(draw::moves_list(game, moves, false, width));
    out
}

/// The line under the timeline of a game's end, over its moves.
const EACH_MOVE: &str = "Each move: who took it, where, and what it did there.";

/// The screen of an ended game: the title line of its last screen, which always shows, then
/// the head (what happened, how to play it again) and the body (the schedule, what the model
/// found), which the one pager scrolls when they do not fit, the timeline kept whole by a
/// page's scroll, and the keys on the last line. (With the head kept in view too, a timeline
/// taller than the rows left was never seen whole: its axis and first lanes went off the top.)
pub fn ended(title: &str, head: Vec<String>, body: Vec<String>) -> Page {
    let mut all = head;
    all.extend(body);
    // The timeline: after the blank line above it, up to the line over the moves.
    let block = all.iter().position(|l| l == EACH_MOVE).and_then(|end| {
        let from = all[..end].iter().rposition(String::is_empty)? + 1;
        Some((from, end - from))
    });
    let mut page = Page::new(
        vec![title.to_string()],
        all,
        "Keys: u undo · r restart · q quit",
    );
    page.blocks.extend(block);
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::play::keys::{Act, act};
    use crate::ui::term::Key;

    /// While the model works out a game's end, the screen says what it does; on an exercise's
    /// code, that its sleeps are waited out in each schedule (14 s of nothing said, on an
    /// exercise 4 that slept 0.2 s: 70 schedules).
    #[test]
    fn what_the_model_does_at_the_end_is_said() {
        let mut level = Level::default();
        let won = End::Won("lost".into());
        let says = working(&level, &won, false);
        assert!(
            says.starts_with("The game is over. The model now runs"),
            "{says}"
        );
        assert!(!says.contains("sleep"), "{says}");
        let says = working(&level, &won, true);
        assert!(
            says.contains("a sleep in your code is waited out in each schedule that gets to it"),
            "{says}"
        );
        level.fixed = Some("claim".into());
        let says = working(&level, &End::Ended("done".into()), false);
        assert!(says.contains("to check the claim"), "{says}");
    }

    /// Chapter 5's end, on the fix, said "Not this time: ... the goal was not reached", which
    /// read as a loss: on a fix it says the schedule did not break it, and that this is the
    /// point.
    #[test]
    fn a_fix_that_ran_to_its_end_is_not_said_as_a_loss() {
        let mut level = Level::default();
        let words = "every thread finished, and the goal was not reached";
        assert_eq!(
            ended_words(&level, words),
            format!("Not this time: {words}.")
        );
        level.fixed = Some("no schedule loses an update".into());
        let said = ended_words(&level, words);
        assert!(!said.starts_with("Not this time"), "{said}");
        assert!(
            said.starts_with("This schedule did not break the fix: every thread finished")
                && said.contains("On a fix, that is the point"),
            "{said}"
        );
    }

    /// Play scrolled its ended screen by itself; it pages through the tour's and the watch's
    /// pager, its title kept and the keys on the last line. A won screen scrolled had its
    /// timeline cut by the head kept in view (no axis, no first lane): the head scrolls with
    /// the body, and a page's scroll shows the timeline whole.
    #[test]
    fn an_ended_game_pages_under_its_title_with_its_timeline_whole() {
        let head: Vec<String> = (1..=6).map(|k| format!("head {k}")).collect();
        let mut body = vec![String::new()];
        body.extend((1..=17).map(|k| format!("timeline {k}")));
        body.push(EACH_MOVE.into());
        body.extend((1..=30).map(|k| format!("move {k}")));
        let mut page = ended("ch15 · title        move 9", head.clone(), body.clone());
        let frame = page.frame(80, 24);
        assert_eq!(frame.len(), 24);
        assert_eq!(frame[0], "ch15 · title        move 9");
        assert_eq!(frame[1..7], head[..]);
        assert_eq!(
            frame[22],
            "[↑↓ PgUp PgDn] scroll: lines 1-21 of 55, more below"
        );
        assert_eq!(frame[23], "Keys: u undo · r restart · q quit");
        // Space pages on, as Page Down: to the timeline's first line, all of it in view.
        let Act::Scroll(key) = act(Key::Char(' '), true) else {
            panic!("space does not scroll")
        };
        assert!(page.scroll(key));
        let frame = page.frame(80, 24);
        assert_eq!(frame[0], "ch15 · title        move 9");
        assert_eq!(frame[1], "timeline 1", "{frame:#?}");
        assert_eq!(frame[17], "timeline 17", "{frame:#?}");
        // A body that fits: as it is, no scroll line.
        let mut page = ended("title", head.clone(), body[..5].to_vec());
        let frame = page.frame(80, 24);
        assert_eq!(frame[1..7], head[..]);
        assert_eq!(frame[7..12], body[..5]);
        assert!(!frame.iter().any(|l| l.contains("scroll")), "{frame:#?}");
        assert_eq!(frame[23], "Keys: u undo · r restart · q quit");
    }
}
