//! `cargo xtask play <chapter>`: be the scheduler. The chapter's own code runs in a scenario of
//! two or three threads under the play runtime (shuttle, through `common::sync`), and the
//! student chooses which thread takes its next step, until the lesson's bug happens, or, for a
//! fixed version, until the model has run every schedule and none breaks the claim.
//!
//! The engine (the `play` crate, built under `--cfg shuttle` in `target/play`) is stateless: each
//! step plays the moves so far from the start, so undo is the same moves less the last one.
//! This file reads the moves (keys on a terminal; `--moves`, `--replay` or stdin otherwise),
//! asks the engine (`course::engine`), and draws its answers (`ui/game.rs`, which draws the
//! schedule that ends a game as the course's timeline too; `--timeline` and `--trace-out`:
//! `timeline.rs`; what a search found: `ui/search.rs`).

mod game;
mod keys;
mod list;
mod screens;
mod timeline;

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use course::engine::Engine;
use course::levels::listed;
use course::play::{parse_moves, read_saved};
use playproto::{End, Level};

use crate::cli::{Cmd, Ctx, Fail, flags};
use crate::ui::term::{self, Keys, Screen};
use game::{interactive, text_game};
use list::{print_levels, resolve};

pub struct Play {
    chapter: Option<String>,
    moves: Option<String>,
    save: Option<PathBuf>,
    replay: Option<PathBuf>,
    show: timeline::Show,
}

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
        timeline::TIMELINE,
        timeline::TRACE_OUT,
    ];

    type Flags = flags::Play;

    fn parse(given: flags::Play) -> Result<Self, Fail> {
        let replay = given.replay;
        let chapter = given.level;
        let moves = given.moves;
        let show = timeline::Show::parse(given.timeline, given.trace_out)?;
        if chapter.is_none() && replay.is_none() && show.wanted() {
            return Err(Fail::Usage(
                "--timeline and --trace-out draw a game: give a level, like \
                 `cargo xtask play ch04 --moves \"1 2 1 2 1 2\" --timeline`"
                    .into(),
            ));
        }
        if chapter.is_none() && replay.is_none() && moves.is_some() {
            return Err(Fail::Usage(
                "`--moves` needs a level, like `cargo xtask play ch04 --moves \"1 2\"`; \
                 `cargo xtask play` lists the levels"
                    .into(),
            ));
        }
        Ok(Play {
            chapter,
            moves,
            save: given.save,
            replay,
            show,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        if self.chapter.is_none() && self.replay.is_none() {
            print_levels(&listed(&ctx.root)?, term::width().unwrap_or(80));
            return Ok(true);
        }
        let (engine, level, kept) = self.level(ctx)?;
        let color = ctx.opts.style.color;
        match self.moves(&engine, &level, kept)? {
            Moves::Text(text) => self.in_text(&engine, &level, &text, color),
            Moves::Terminal(start) => self.at_terminal(&engine, &level, start, color),
        }
    }
}

/// Where the moves of a game come from.
enum Moves {
    /// Given (`--moves`, kept, or on stdin), to play and print as text.
    Text(String),
    /// Keys at a terminal, from these moves on.
    Terminal(Vec<usize>),
}

impl Play {
    /// The engine and the level to play (an exercise's, a chapter's, or the one a kept
    /// schedule names), and the moves kept, when a schedule is replayed.
    fn level(&self, ctx: &Ctx) -> Result<(Engine, Level, Option<String>), Fail> {
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
        Ok((engine, level, kept))
    }

    /// Where the moves come from: moves kept or given, at a terminal, are a game at its last
    /// move (`u` steps back through it, a number plays on); elsewhere (a pipe) they are played
    /// as text, and so are the moves on stdin when it is no terminal.
    fn moves(&self, engine: &Engine, level: &Level, kept: Option<String>) -> Result<Moves, Fail> {
        let at_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
        Ok(match (kept, self.moves.clone()) {
            (Some(moves), None) | (None, Some(moves)) if at_terminal && !self.show.wanted() => {
                let mut start = parse_moves(&moves)?;
                let game = engine.game(level, &start, false)?;
                if let End::Bad(why) = &game.end {
                    return Err(stale(why, self.replay.as_deref(), &level.id));
                }
                // Moves after the game's end are not played: undo steps back from its end.
                start.truncate(game.frames.len().saturating_sub(1));
                Moves::Terminal(start)
            }
            (Some(moves), _) => Moves::Text(moves),
            (None, Some(m)) => Moves::Text(m),
            (None, None) if !std::io::stdin().is_terminal() => {
                let mut s = String::new();
                std::io::stdin()
                    .read_to_string(&mut s)
                    .map_err(|e| Fail::Usage(format!("cannot read the moves from stdin: {e}")))?;
                Moves::Text(s)
            }
            (None, None) => Moves::Terminal(Vec::new()),
        })
    }

    /// Play the moves in `text`, printing every screen; whether the goal was reached.
    fn in_text(
        &self,
        engine: &Engine,
        level: &Level,
        text: &str,
        color: bool,
    ) -> Result<bool, Fail> {
        let width = term::width().unwrap_or(80);
        let moves = parse_moves(text)?;
        if moves.is_empty() && self.show.wanted() {
            return Err(Fail::Usage(
                "--timeline and --trace-out draw the moves played, and none were given: \
                 give them with --moves \"1 2 ...\" (or on stdin), or play on a terminal"
                    .into(),
            ));
        }
        let keep = self.save.as_deref();
        let played = text_game(engine, level, &moves, width, keep, &self.show, color);
        match (played, &self.replay) {
            (Err(Fail::Usage(words)), Some(file)) => Err(stale(&words, Some(file), &level.id)),
            (played, _) => played,
        }
    }

    /// Play at the terminal from the moves `start`; whether the goal was reached.
    fn at_terminal(
        &self,
        engine: &Engine,
        level: &Level,
        start: Vec<usize>,
        color: bool,
    ) -> Result<bool, Fail> {
        let (Some(keys), Some(mut screen)) = (Keys::enter(), Screen::enter()) else {
            return Err(Fail::Usage(
                "no terminal to play on: give the moves with --moves \"1 2 ...\" or on stdin"
                    .into(),
            ));
        };
        let keep = self.save.as_deref();
        let (won, played) = interactive(engine, level, start, &keys, &mut screen, keep)?;
        // Back on the terminal as it was: what is drawn now stays there.
        drop((screen, keys));
        if self.show.wanted() && !played.is_empty() {
            let game = engine.game(level, &played, false)?;
            self.show.after(&game, &played, false, color)?;
        }
        Ok(won)
    }
}

/// The engine of the exercise `wanted` names when it names one (`ex04`, `ex04_race`: an
/// exercise's level, as `cargo xtask check` keeps them), with a model on the play runtime to
/// play, and the exercise's name.
fn exercise_named(ctx: &Ctx, wanted: &str) -> Result<Option<(Engine, String)>, Fail> {
    let Some((place, ex)) = course::exercise::with_model(&ctx.root, wanted)? else {
        return Ok(None);
    };
    // The build says nothing of its own (cargo is quiet here): said first, as it may take a
    // while after the code changed.
    let says = format!(
        "Building the model of exercise {} (its tests/play.rs) on your code as it is now...",
        ex.number
    );
    for line in textfit::wrap_line(&says, term::width().unwrap_or(80)) {
        eprintln!("{line}");
    }
    let engine = Engine::exercise(&place, &ex, ctx.opts.style.color)?;
    Ok(Some((engine, ex.name.clone())))
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
