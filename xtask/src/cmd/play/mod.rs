//! `cargo xtask play <chapter>`: be the scheduler. The chapter's own code runs in a scenario of
//! two or three threads under the play runtime (shuttle, through `common::sync`), and the
//! student chooses which thread takes its next step, until the lesson's bug happens, or, for a
//! fixed version, until the model has run every schedule and none breaks the claim.
//!
//! The engine (the `play` crate, built under `--cfg shuttle` in `target/play`) is stateless: each
//! step plays the moves so far from the start, so undo is the same moves less the last one.
//! This file reads the moves (keys on a terminal; `--moves`, `--replay` or stdin otherwise),
//! asks the engine, and draws its answers (`draw.rs`; the schedule that ends a game, as the
//! course's timeline: `timeline.rs`).

mod draw;
pub mod engine;
mod list;
mod proved;
mod timeline;
mod verdict;

pub use proved::{COUNTEREXAMPLES, SEARCHES, counterexamples, searches};
pub use verdict::schedules_covered;

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use playproto::{End, Game, Level};

use crate::cli::{Cmd, Ctx, Fail, Given};
use crate::ui::screen;
use crate::ui::term::{self, Key, Keys, Screen};
pub use engine::scratch;
use engine::{Engine, capital};
pub use list::{levels_of, listed};
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
            Some(ex) => (Engine::exercise(ctx, &ex)?, ex.name, Some(wanted)),
            None => {
                // The chapter first, so that a wrong name is told before any build.
                let (chapter, level_id) = resolve(ctx, &wanted)?;
                (Engine::chapters(ctx)?, chapter, level_id)
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
                start = parse_moves(&moves).map_err(Fail::Usage)?;
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
                let moves = parse_moves(&text).map_err(Fail::Usage)?;
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

/// Where a game's end keeps the schedule its model found that breaks a fixed level's claim, for
/// `--replay` (not [`COUNTEREXAMPLES`], which prove clears and fills).
const FOUND: &str = "target/play/found";

/// A schedule that broke an exercise's model: its level, its moves, and the lines that draw it.
pub struct Broken {
    pub level: String,
    pub moves: Vec<usize>,
    pub lines: Vec<String>,
}

/// The schedule a failed play-runtime model wrote to `file` (`playproto::BROKEN` names it to
/// the model), drawn as the game draws one, each move with its code; `None` if it wrote none.
pub fn model_schedule(file: &Path, width: usize) -> Option<Broken> {
    let text = std::fs::read_to_string(file).ok()?;
    let broken: playproto::Broken = playproto::from_json(text.trim()).ok()?;
    let lines = draw::schedule_with(&broken.game, &broken.moves, true, width);
    Some(Broken {
        level: broken.game.level.id,
        moves: broken.moves,
        lines,
    })
}

/// Where `cargo xtask check` keeps the schedule that broke an exercise's model, in the format
/// of `--save`, for `cargo xtask play --replay`: the exercises' target dir's `play/exercises/`
/// (not prove's `counterexamples/`, which prove clears and fills with the chapters' levels).
pub fn exercise_counterexample(target: &Path, level: &str) -> PathBuf {
    target.join("play/exercises").join(format!("{level}.txt"))
}

/// Keep `broken` in `file` ([`exercise_counterexample`]).
pub fn keep(file: &Path, broken: &Broken) -> Result<(), Fail> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Fail::Broken(format!("cannot make {}: {e}", dir.display())))?;
    }
    save(file, &broken.level, &broken.moves)
}

/// The exercise `wanted` names when it names one (`ex04`, `ex04_race`: an exercise's level,
/// as `cargo xtask check` keeps them), with a model on the play runtime to play.
fn exercise_named(ctx: &Ctx, wanted: &str) -> Result<Option<crate::cmd::practice::Exercise>, Fail> {
    if !wanted.starts_with("ex") {
        return Ok(None);
    }
    let Ok((place, all)) = crate::cmd::practice::course(ctx) else {
        return Ok(None);
    };
    let Ok(ex) = crate::cmd::practice::find(&all, wanted) else {
        return Ok(None);
    };
    if !place.ws.join(&ex.folder).join("tests/play.rs").is_file() {
        return Err(Fail::Usage(format!(
            "{} has no model on the play runtime (tests/play.rs) to play",
            ex.name
        )));
    }
    let number = ex.number;
    Ok(all.into_iter().find(|e| e.number == number))
}

/// The moves in `text`: thread numbers from 1, split by spaces or commas.
fn parse_moves(text: &str) -> Result<Vec<usize>, String> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .enumerate()
        .map(|(k, t)| match t.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(format!(
                "move {} is `{t}`, not a thread number: a move is the number of a thread on the \
                 screen, from 1, like --moves \"1 2 1\"",
                k + 1
            )),
        })
        .collect()
}

fn moves_text(moves: &[usize]) -> String {
    moves
        .iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

const SAVED_HEAD: &str = "# a schedule of `cargo xtask play`: play it again with --replay";

fn save(file: &Path, level: &str, moves: &[usize]) -> Result<(), Fail> {
    let text = format!("{SAVED_HEAD}\nlevel {level}\nmoves {}\n", moves_text(moves));
    std::fs::write(file, text)
        .map_err(|e| Fail::Usage(format!("cannot save the moves to {}: {e}", file.display())))
}

fn read_saved(file: &Path) -> Result<(String, String), Fail> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Fail::Usage(format!("cannot read {}: {e}", file.display())))?;
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_string()))
    };
    match (field("level "), field("moves")) {
        (Some(level), Some(moves)) => Ok((level, moves)),
        _ => Err(Fail::Usage(format!(
            "{} is not a saved schedule (it needs a `level` and a `moves` line; --save writes them)",
            file.display()
        ))),
    }
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
                body.extend(engine.model(level, width)?);
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
        body.extend(screen::wrap_line(&engine::often_words(&often), width));
        body.extend(screen::wrap_line(
            &engine::real_run(&engine.root, level),
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

    #[test]
    fn moves_are_thread_numbers_from_one() {
        assert_eq!(parse_moves("1 2,1\n2").unwrap(), [1, 2, 1, 2]);
        assert!(parse_moves("").unwrap().is_empty());
        let e = parse_moves("1 x").unwrap_err();
        assert!(e.starts_with("move 2 is `x`, not a thread number"), "{e}");
        assert!(parse_moves("0").is_err());
    }

    #[test]
    fn a_saved_schedule_reads_back() {
        let dir = std::env::temp_dir().join(format!("xtask-play-save-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("won.txt");
        save(&file, "ch04", &[1, 2, 1]).unwrap();
        assert_eq!(
            read_saved(&file).unwrap(),
            ("ch04".to_string(), "1 2 1".to_string())
        );
        std::fs::write(&file, "nothing").unwrap();
        assert!(read_saved(&file).is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
