//! The game's loop: on a terminal, a key per step on the alternate screen; elsewhere, the moves
//! given played and every screen printed as text.

use std::path::Path;

use playproto::{End, Level};

use super::engine::{Engine, capital};
use super::keys::{Act, act};
use super::saved::save;
use super::screens::{MODEL_RUNS, ending, paged, playing};
use super::{draw, timeline};
use crate::cli::Fail;
use crate::ui::term::{Key, Keys, Screen};

/// No terminal: play `moves`, print every screen as text; exit 0 when the goal was reached.
pub(super) fn text_game(
    engine: &Engine,
    level: &Level,
    moves: &[usize],
    width: usize,
    keep: Option<&Path>,
    show: &timeline::Show,
    color: bool,
) -> Result<bool, Fail> {
    let game = engine.game(level, moves, false)?;
    for (k, frame) in game.frames.iter().enumerate() {
        if k > 0 {
            let m = moves[k - 1];
            let name = game.frames[k - 1]
                .lanes
                .get(m - 1)
                .map_or("", |l| l.name.as_str());
            println!("\n> move {k}: {m} ({name})");
        }
        for line in draw::frame(&game.level, frame, width, usize::MAX) {
            println!("{line}");
        }
    }
    if let End::Bad(why) = &game.end {
        return Err(Fail::Usage(why.clone()));
    }
    let played = &moves[..game.frames.len().saturating_sub(1).min(moves.len())];
    println!();
    if matches!(game.end, End::Ended(_)) && level.fixed.is_some() {
        println!("{MODEL_RUNS}");
    }
    let (head, body) = ending(engine, &game, played, width, color)?;
    for line in head.iter().chain(&body) {
        println!("{line}");
    }
    if let Some(file) = keep {
        save(file, &level.id, played)?;
        println!("Saved the {} moves to {}.", played.len(), file.display());
    }
    // A won, failed or ended game's screen drew its timeline already.
    let shown = matches!(game.end, End::Won(_) | End::Failed(_) | End::Ended(_));
    show.after(&game, played, shown, color)?;
    Ok(matches!(game.end, End::Won(_)))
}

/// An ended game's screen, for its moves at its width: the head that stays, the body that pages.
type Ended = (Vec<usize>, usize, Vec<String>, Vec<String>);

/// On a terminal: a key per step, on the alternate screen. The terminal layer's guards (`keys`,
/// `screen`) put the terminal back however the game ends: a key, an error, a panic, a signal.
pub(super) fn interactive(
    engine: &Engine,
    level: &Level,
    start: Vec<usize>,
    keys: &Keys,
    screen: &mut Screen,
    keep: Option<&Path>,
) -> Result<(bool, Vec<usize>), Fail> {
    let mut moves = start;
    let mut message: Option<String> = None;
    let mut hint = false;
    // An ended game's lines, kept while the moves and the width stay (the model takes a second
    // or two: a scroll key must not run it again), and how far its body is scrolled.
    let mut ended: Option<Ended> = None;
    let mut top = 0;
    loop {
        let (width, height) = screen.size();
        let game = engine.game(level, &moves, true)?;
        let Some(frame) = game.frames.last() else {
            return Err(Fail::Broken("the play engine showed no screen".into()));
        };
        let over = matches!(game.end, End::Won(_) | End::Failed(_) | End::Ended(_));
        // The rows the body of an ended game may scroll through, and the last top it may have.
        let mut last_top = 0;
        let mut page = 1;
        let lines = if over {
            let mut lines = draw::frame(&game.level, frame, width, height);
            if ended
                .as_ref()
                .is_none_or(|(m, w, _, _)| *m != moves || *w != width)
            {
                // The end replaces the lanes: the whole schedule needs the room.
                if matches!(game.end, End::Ended(_)) && level.fixed.is_some() {
                    // The model takes a second or two: say so while it runs.
                    let mut wait = lines.clone();
                    wait.push(MODEL_RUNS.into());
                    screen.draw(&wait);
                }
                ended = Some(the_end(engine, level, &game.end, &moves, keep, width)?);
                top = 0;
            }
            let Some((_, _, head, body)) = &ended else {
                unreachable!("kept just above")
            };
            lines.truncate(1);
            lines.extend(head.iter().cloned());
            // The head and the keys always show; the body scrolls when it does not fit.
            let free = height.saturating_sub(lines.len() + 1);
            let shown;
            (shown, top, last_top, page) = paged(body, top, free, width);
            lines.extend(shown);
            lines.extend(textfit::fit("Keys: u undo · r restart · q quit", width));
            lines
        } else {
            playing(&game, frame, hint, message.take(), width, height)
        };
        screen.draw(&lines);
        let step = page.saturating_sub(1).max(1);
        for key in keys.read(None).unwrap_or_default() {
            match act(key, over) {
                Act::Quit => return Ok((matches!(game.end, End::Won(_)), moves)),
                Act::Scroll(key) => {
                    top = match key {
                        Key::Up => top.saturating_sub(1),
                        Key::Down => (top + 1).min(last_top),
                        Key::PageUp => top.saturating_sub(step),
                        Key::PageDown => (top + step).min(last_top),
                        Key::Home => 0,
                        _ => last_top,
                    }
                }
                Act::Undo => {
                    moves.pop();
                }
                Act::Restart => moves.clear(),
                Act::Hint => hint = !hint,
                Act::Step(n) => {
                    match frame.refusal(n) {
                        None => moves.push(n),
                        Some(why) => message = Some(format!("{}.", capital(&why))),
                    }
                    // One step per key press: the next key waits for the next screen.
                    break;
                }
                Act::Nothing => {}
            }
        }
    }
}

/// The screen of a game that ended in `end` after `moves` (the model's search run where the
/// level is a fix), at `width`; a won or failed game's moves kept in `keep`.
fn the_end(
    engine: &Engine,
    level: &Level,
    end: &End,
    moves: &[usize],
    keep: Option<&Path>,
    width: usize,
) -> Result<Ended, Fail> {
    let full = engine.game(level, moves, false)?;
    let (mut head, body) = ending(engine, &full, moves, width, false)?;
    if matches!(end, End::Won(_) | End::Failed(_))
        && let Some(file) = keep
    {
        save(file, &level.id, moves)?;
        head.extend(textfit::fit(
            &format!("Saved the moves to {}.", file.display()),
            width,
        ));
    }
    Ok((moves.to_vec(), width, head, body))
}
