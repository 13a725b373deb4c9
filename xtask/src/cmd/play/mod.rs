//! `cargo xtask play <chapter>`: be the scheduler. The chapter's own code runs in a scenario of
//! two or three threads under the play runtime (shuttle, through `common::sync`), and the
//! student chooses which thread takes its next step, until the lesson's bug happens, or, for a
//! fixed version, until the model has run every schedule and none breaks the claim.
//!
//! The engine (the `play` crate, built under `--cfg shuttle` in `target/play`) is stateless: each
//! step plays the moves so far from the start, so undo is the same moves less the last one.
//! This file reads the moves (keys on a terminal; `--moves`, `--replay` or stdin otherwise),
//! asks the engine (`course::engine`), and draws its answers (`ui/game.rs`; the schedule that
//! ends a game, as the course's timeline: `timeline/game.rs`; what a search found:
//! `ui/search.rs`).

mod list;

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use course::engine::{self, Engine};
use course::levels::listed;
use course::play::{moves_text, parse_moves, read_saved, save};
use playproto::{End, Game, Level};

use crate::cli::{Cmd, Ctx, Fail, Given};
use crate::timeline::game as timeline;
use crate::ui::game as draw;
use crate::ui::screen;
use crate::ui::search::{self, capital};
use crate::ui::term::{self, Key, Keys, Screen};
use list::{print_levels, resolve};

pub struct Play {
    chapter: Option<String>,
    moves: Option<String>,
    save: Option<PathBuf>,
    replay: Option<PathBuf>,
    show: timeline::Show,
}

/// Said while the model runs the level's search (`play check`; the longest, ch15-while's, took
/// 1.4 s: `play check ch15-while` in target/play/debug, after the build, at load 2.5).
const MODEL_RUNS: &str = "The program ran to its end. The model now runs the other schedules...";
impl Cmd for Play {
    const NAME: &'static str = "play";
    const ARGS: &'static str = "[<level>]";
    const HELP: &'static str = "be the scheduler: choose each step of the chapter's threads until\n\
                                the lesson's bug happens, or find that the fix holds";
    const FLAGS: &'static [crate::cli::Flag] = &[
        (
            "moves",
            "\"1 2 ...\"",
            "play these moves (the threads' numbers, from 1): at a terminal, the game goes on \
             from the last; elsewhere, every screen is printed as text",
        ),
        ("save", "FILE", "keep the moves played in FILE"),
        (
            "replay",
            "FILE",
            "play the moves kept in FILE (by --save, or by a check whose model broke)",
        ),
        timeline::FLAGS[0],
        timeline::FLAGS[1],
    ];

    fn parse(given: &mut Given) -> Result<Self, String> {
        let replay = given.value("replay").map(PathBuf::from);
        let chapter = given.chapter();
        let moves = given.value("moves");
        let show = timeline::Show::parse(given)?;
        if chapter.is_none() && replay.is_none() && show.wanted() {
            return Err(
                "--timeline and --trace-out draw a game: give a level, like \
                 `cargo xtask play ch04 --moves \"1 2 1 2 1 2\" --timeline`"
                    .into(),
            );
        }
        if chapter.is_none() && replay.is_none() && moves.is_some() {
            return Err(
                "`--moves` needs a level, like `cargo xtask play ch04 --moves \"1 2\"`; \
                 `cargo xtask play` lists the levels"
                    .into(),
            );
        }
        Ok(Play {
            chapter,
            moves,
            save: given.value("save").map(PathBuf::from),
            replay,
            show,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        if self.chapter.is_none() && self.replay.is_none() {
            print_levels(&listed(&ctx.root)?, term::width().unwrap_or(80));
            return Ok(true);
        }
        let (wanted, kept) = match &self.replay {
            Some(file) => {
                // The check prints a kept schedule's path from the course's root: it plays from
                // any folder of the course.
                let from_root = ctx.root.join(file);
                let file = match file.is_relative() && !file.exists() && from_root.exists() {
                    true => &from_root,
                    false => file,
                };
                let (level, moves) = read_saved(file)?;
                (self.chapter.clone().unwrap_or(level), Some(moves))
            }
            None => (self.chapter.clone().unwrap_or_default(), None),
        };
        let (engine, chapter, level_id) = match exercise_named(ctx, &wanted)? {
            // An exercise's level (`ex04`, kept by `cargo xtask check`): the student's code.
            Some((engine, name)) => (engine, name, Some(wanted)),
            None => {
                // The chapter first, so that a wrong name is told before any build.
                let (chapter, level_id) = resolve(ctx, &wanted)?;
                (Engine::chapters(&ctx.cargo())?, chapter, level_id)
            }
        };
        let levels = engine.levels()?;
        let level = levels
            .iter()
            .find(|l| Some(&l.id) == level_id.as_ref())
            .or_else(|| levels.iter().find(|l| l.chapter == chapter))
            .ok_or_else(|| {
                let ids: Vec<&str> = levels.iter().map(|l| l.id.as_str()).collect();
                Fail::Usage(format!(
                    "{chapter} has no level to play; the levels are {}",
                    ids.join(", ")
                ))
            })?
            .clone();
        // Moves kept or given, at a terminal, are a game at its last move: `u` steps back
        // through it, a number plays on. Elsewhere (a pipe) they are printed as text.
        let at_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
        let mut start = Vec::new();
        let text = match (kept, self.moves.clone()) {
            (Some(moves), None) | (None, Some(moves)) if at_terminal && !self.show.wanted() => {
                start = parse_moves(&moves)?;
                let game = engine.game(&level, &start, false)?;
                if let End::Bad(why) = &game.end {
                    return Err(stale(why, self.replay.as_deref(), &level.id));
                }
                None
            }
            (Some(moves), _) => Some(moves),
            (None, Some(m)) => Some(m),
            (None, None) if !std::io::stdin().is_terminal() => {
                let mut s = String::new();
                std::io::stdin()
                    .read_to_string(&mut s)
                    .map_err(|e| Fail::Usage(format!("cannot read the moves from stdin: {e}")))?;
                Some(s)
            }
            (None, None) => None,
        };
        let width = term::width().unwrap_or(80);
        let color = ctx.opts.style.color;
        match text {
            Some(text) => {
                let moves = parse_moves(&text)?;
                if moves.is_empty() && self.show.wanted() {
                    return Err(Fail::Usage(
                        "--timeline and --trace-out draw the moves played, and none were given: \
                         give them with --moves \"1 2 ...\" (or on stdin), or play on a terminal"
                            .into(),
                    ));
                }
                let played = text_game(
                    &engine,
                    &level,
                    &moves,
                    width,
                    self.save.as_deref(),
                    &self.show,
                    color,
                );
                match (played, &self.replay) {
                    (Err(Fail::Usage(words)), Some(file)) => {
                        Err(stale(&words, Some(file), &level.id))
                    }
                    (played, _) => played,
                }
            }
            None => match (Keys::enter(), Screen::enter()) {
                (Some(keys), Some(mut screen)) => {
                    let (won, played) = interactive(
                        &engine,
                        &level,
                        start,
                        &keys,
                        &mut screen,
                        self.save.as_deref(),
                    )?;
                    // Back on the terminal as it was: what is drawn now stays there.
                    drop((screen, keys));
                    if self.show.wanted() && !played.is_empty() {
                        let game = engine.game(&level, &played, false)?;
                        self.show.after(&game, &played, false, color)?;
                    }
                    Ok(won)
                }
                _ => Err(Fail::Usage(
                    "no terminal to play on: give the moves with --moves \"1 2 ...\" or on stdin"
                        .into(),
                )),
            },
        }
    }
}

/// The engine of the exercise `wanted` names when it names one (`ex04`, `ex04_race`: an
/// exercise's level, as `cargo xtask check` keeps them), with a model on the play runtime to
/// play, and the exercise's name.
fn exercise_named(ctx: &Ctx, wanted: &str) -> Result<Option<(Engine, String)>, Fail> {
    if !wanted.starts_with("ex") {
        return Ok(None);
    }
    let Ok((place, all)) = course::exercise::of_course(&ctx.root) else {
        return Ok(None);
    };
    let Ok(ex) = course::exercise::find(&all, wanted) else {
        return Ok(None);
    };
    if !place.ws.join(&ex.folder).join("tests/play.rs").is_file() {
        return Err(Fail::Usage(format!(
            "{} has no model on the play runtime (tests/play.rs) to play",
            ex.name
        )));
    }
    let engine = Engine::exercise(&place, ex, ctx.opts.style.color)?;
    Ok(Some((engine, ex.name.clone())))
}

/// The lines that end a game: what happened, and for a win how to play it again (the head, which
/// a terminal always shows), then the schedule and what the model found (the body, which it
/// pages when it does not fit).
fn ending(
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
            out.extend(screen::wrap_line(&head, width));
            out.push("Play it again (or keep it with --save FILE):".into());
            out.extend(draw::fit(&again, width));
            out.extend(list::onward_lines(root, &level.id, width));
            body.extend(schedule(game, moves, width, color));
        }
        End::OutOfMoves => {
            // Text mode: the moves go on where a terminal takes keys.
            out.extend(screen::wrap_line(
                "The moves ran out before the goal. To play on from here, run this at a \
                 terminal (a thread's number steps it, u undoes a step):",
                width,
            ));
            out.extend(draw::fit(&again, width));
            if level.fixed.is_some() {
                out.extend(screen::wrap_line(
                    "When the program has run to its end, the model runs the other schedules.",
                    width,
                ));
            }
        }
        End::Ended(words) => {
            out.extend(screen::wrap_line(
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
                body.extend(screen::wrap_line(&format!("Hint: {}", level.hint), width));
                if let Some(note) = &level.note {
                    body.extend(screen::wrap_line(&format!("Note: {note}"), width));
                }
            }
        }
        End::Bad(_) => {}
    }
    if matches!(game.end, End::Won(_) | End::Ended(_) | End::Failed(_)) {
        // How often the bug shows, on the game's schedules, beside what a real run is.
        let often = engine.export(level, engine::POSITIONS)?.often;
        body.push(String::new());
        body.extend(screen::wrap_line(&search::often_words(&often), width));
        body.extend(screen::wrap_line(
            &search::real_run(&engine.root, level),
            width,
        ));
    }
    Ok((out, body))
}

/// The schedule that ends a game: drawn as the course's timeline, then each move with its line.
fn schedule(game: &Game, moves: &[usize], width: usize, color: bool) -> Vec<String> {
    let mut out = vec![String::new()];
    out.extend(timeline::draw(game, moves, width, color));
    out.push("Each move: who took it, where, and what it did there.".into());
    out.extend(draw::moves_list(game, moves, false, width));
    out
}

/// The rows of `body` from `top` that fit in `free` rows, with a line of scroll keys when not
/// all of it fits; and the top kept within bounds, the last top, the rows a page shows.
fn paged(
    body: &[String],
    top: usize,
    free: usize,
    width: usize,
) -> (Vec<String>, usize, usize, usize) {
    if body.len() <= free {
        return (body.to_vec(), 0, 0, body.len().max(1));
    }
    let page = free.saturating_sub(1).max(1);
    let last_top = body.len().saturating_sub(page);
    let top = top.min(last_top);
    let mut out: Vec<String> = body.iter().skip(top).take(page).cloned().collect();
    let shown = (top + page).min(body.len());
    let more = if shown < body.len() {
        ", more below"
    } else {
        ""
    };
    out.extend(draw::fit(
        &format!(
            "[↑↓ PgUp PgDn] scroll: lines {}-{shown} of {}{more}",
            top + 1,
            body.len()
        ),
        width,
    ));
    (out, top, last_top, page)
}

/// No terminal: play `moves`, print every screen as text; exit 0 when the goal was reached.
fn text_game(
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

/// A kept schedule that no longer plays (a move its thread cannot make): the code it was kept
/// for has changed, most likely.
fn stale(words: &str, file: Option<&Path>, level: &str) -> Fail {
    match file {
        Some(file) => Fail::Usage(format!(
            "{words}; {} keeps the moves of the code as it was then: if you changed it since, \
             play it afresh with `cargo xtask play {level}`",
            file.display()
        )),
        None => Fail::Usage(words.to_string()),
    }
}

/// An ended game's screen, for its moves at its width: the head that stays, the body that pages.
type Ended = (Vec<usize>, usize, Vec<String>, Vec<String>);

/// On a terminal: a key per step, on the alternate screen. The terminal layer's guards (`keys`,
/// `screen`) put the terminal back however the game ends: a key, an error, a panic, a signal.
fn interactive(
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
        // Under the lanes of a game going on: the hint, a word on the last key, the keys.
        let mut under = Vec::new();
        if !over {
            if hint {
                under.extend(screen::wrap_line(&format!("Hint: {}", level.hint), width));
                // What the level plays, when it is not only the chapter's own code.
                if level.fixed.is_none()
                    && let Some(note) = &level.note
                {
                    under.extend(screen::wrap_line(&format!("Note: {note}"), width));
                }
            }
            if let Some(m) = message.take() {
                under.extend(screen::wrap_line(&m, width));
            }
            under.extend(draw::keys(frame.lanes.len(), width));
        }
        let rows = height.saturating_sub(under.len());
        let mut lines = draw::frame(&game.level, frame, width, rows);
        // The rows the body of an ended game may scroll through, and the last top it may have.
        let mut last_top = 0;
        let mut page = 1;
        if over {
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
                let full = engine.game(level, &moves, false)?;
                let (mut head, body) = ending(engine, &full, &moves, width, false)?;
                if matches!(game.end, End::Won(_) | End::Failed(_))
                    && let Some(file) = keep
                {
                    save(file, &level.id, &moves)?;
                    head.extend(draw::fit(
                        &format!("Saved the moves to {}.", file.display()),
                        width,
                    ));
                }
                ended = Some((moves.clone(), width, head, body));
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
            lines.extend(draw::fit("Keys: u undo · r restart · q quit", width));
        } else {
            lines.extend(under);
        }
        screen.draw(&lines);
        let step = page.saturating_sub(1).max(1);
        for key in keys.read(None).unwrap_or_default() {
            match key {
                k if k.is_stop() => return Ok((matches!(game.end, End::Won(_)), moves)),
                Key::Char('q') => return Ok((matches!(game.end, End::Won(_)), moves)),
                Key::Up => top = top.saturating_sub(1),
                Key::Down => top = (top + 1).min(last_top),
                Key::PageUp => top = top.saturating_sub(step),
                Key::PageDown | Key::Char(' ') => top = (top + step).min(last_top),
                Key::Home => top = 0,
                Key::End => top = last_top,
                Key::Char('u') => {
                    moves.pop();
                }
                Key::Char('r') => moves.clear(),
                Key::Char('h') => hint = !hint,
                Key::Char(c) if c.is_ascii_digit() && !over => {
                    let n = c.to_digit(10).unwrap_or(0) as usize;
                    match frame.refusal(n) {
                        None => moves.push(n),
                        Some(why) => message = Some(format!("{}.", capital(&why))),
                    }
                    // One step per key press: the next key waits for the next screen.
                    break;
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ended_game_pages_its_body_under_a_head_that_stays() {
        let body: Vec<String> = (1..=23).map(|k| format!("line {k}")).collect();
        // ch15's won screen at 80×24: 5 head lines and the keys leave 18 rows.
        let (shown, top, last, page) = paged(&body, 0, 18, 80);
        assert_eq!((shown.len(), top, last, page), (18, 0, 6, 17));
        assert_eq!(shown[16], "line 17");
        assert_eq!(
            shown[17],
            "[↑↓ PgUp PgDn] scroll: lines 1-17 of 23, more below"
        );
        // Scrolled past the end: the last page, with the last line.
        let (shown, top, _, _) = paged(&body, 99, 18, 80);
        assert_eq!(top, 6);
        assert_eq!(shown[16], "line 23");
        assert_eq!(shown[17], "[↑↓ PgUp PgDn] scroll: lines 7-23 of 23");
        // A body that fits: as it is, no scroll line.
        assert_eq!(paged(&body[..5], 3, 18, 80).0, body[..5].to_vec());
    }
}
