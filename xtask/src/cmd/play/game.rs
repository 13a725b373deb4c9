//! The game's loop: on a terminal, a key per step on the alternate screen; elsewhere, the moves
//! given played and every screen printed as text.

use std::path::Path;
use std::time::{Duration, Instant};

use playproto::{End, Level};

use course::engine::Engine;
use course::play::save;

use super::keys::{Act, act};
use super::screens::{ended, ending, playing, working};
use super::timeline;
use crate::cli::Fail;
use crate::ui::game as draw;
use crate::ui::search::capital;
use crate::ui::term::page::Page;
use crate::ui::term::{Keys, Screen};

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
    if let Some(words) = unplayed(moves, played.len()) {
        for line in textfit::wrap_line(&words, width) {
            println!("{line}");
        }
    }
    if game.end.is_over() {
        // The model's searches come next: said before they run, however long they take.
        for line in textfit::wrap_line(&working(level, &game.end, engine.model), width) {
            println!("{line}");
        }
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
    let shown = game.end.is_over();
    show.after(&game, played, shown, color)?;
    Ok(matches!(game.end, End::Won(_)))
}

/// What is said of the moves given after the game ended (at move `played`): they were not
/// played.
pub(super) fn unplayed(moves: &[usize], played: usize) -> Option<String> {
    let rest = moves.get(played..).filter(|r| !r.is_empty())?;
    let rest: Vec<String> = rest.iter().map(|m| m.to_string()).collect();
    Some(format!(
        "The game ended after move {played}; the moves after it ({}) were not played.",
        rest.join(" ")
    ))
}

/// An ended game's screen, for its moves at its width, with how far its body is scrolled.
type Ended = (Vec<usize>, usize, Page);

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
    // An ended game's screen, kept while the moves and the width stay (the model takes a second
    // or two: a scroll key must not run it again).
    let mut ended: Option<Ended> = None;
    loop {
        let (width, height) = screen.size();
        let game = engine.game(level, &moves, true)?;
        let Some(frame) = game.frames.last() else {
            return Err(Fail::Broken("the play engine showed no screen".into()));
        };
        let over = game.end.is_over();
        let lines = match ended.as_mut() {
            Some((m, w, page)) if over && *m == moves && *w == width => page.frame(width, height),
            _ if over => {
                // The model's searches take a second or two, far longer on code that sleeps:
                // the last position stays in view, with what is being done, and for how long.
                let says = working(level, &game.end, engine.model);
                let says = textfit::wrap_line(&says, width);
                let rows = height.saturating_sub(says.len() + 1);
                let lines = draw::frame(&game.level, frame, width, rows);
                let title = lines[0].clone();
                let end = || the_end(engine, level, &game.end, &moves, keep, &title, width);
                let mut page = meanwhile(screen, &lines, &says, end)?;
                let lines = page.frame(width, height);
                ended = Some((moves.clone(), width, page));
                lines
            }
            _ => playing(&game, frame, hint, message.take(), width, height),
        };
        screen.draw(&lines);
        for key in keys.read(None).unwrap_or_default() {
            match act(key, over) {
                Act::Quit => return Ok((matches!(game.end, End::Won(_)), moves)),
                Act::Scroll(key) => {
                    if let Some((_, _, page)) = ended.as_mut().filter(|_| over) {
                        page.scroll(key);
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

/// Run `work`, drawing `lines` and `says` under them meanwhile, with the seconds it has taken
/// (redrawn each half second).
fn meanwhile<T: Send>(
    screen: &mut Screen,
    lines: &[String],
    says: &[String],
    work: impl FnOnce() -> T + Send,
) -> T {
    let started = Instant::now();
    std::thread::scope(|s| {
        let job = s.spawn(work);
        loop {
            let mut shown = lines.to_vec();
            shown.extend(says.iter().cloned());
            shown.push(format!(
                "(working: {:.0} s so far)",
                started.elapsed().as_secs_f64()
            ));
            screen.draw(&shown);
            let tick = Instant::now();
            while !job.is_finished() && tick.elapsed() < Duration::from_millis(500) {
                std::thread::sleep(Duration::from_millis(20));
            }
            if job.is_finished() {
                break;
            }
        }
        job.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

/// The screen of a game that ended in `end` after `moves` (the model's search run where the
/// level is a fix), under the `title` line of its last screen, at `width`; a won or failed
/// game's moves kept in `keep`.
fn the_end(
    engine: &Engine,
    level: &Level,
    end: &End,
    moves: &[usize],
    keep: Option<&Path>,
    title: &str,
    width: usize,
) -> Result<Page, Fail> {
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
    Ok(ended(title, head, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Moves given past a game's end are said, not dropped without a word.
    #[test]
    fn moves_after_the_end_are_said_not_played() {
        assert_eq!(
            unplayed(&[1, 1, 1, 2, 2, 2, 1, 1], 6).as_deref(),
            Some("The game ended after move 6; the moves after it (1 1) were not played.")
        );
        assert_eq!(unplayed(&[1, 2], 2), None);
    }
}
