//! A game's schedule as the course's timeline, shown: `--timeline` draws it when the game
//! ends (`ui/game.rs`), `--trace-out` writes it as a Chrome trace. The model of the game's moves
//! and its drawings are the `timeline` crate's (`timeline::game`).

use std::path::{Path, PathBuf};

use playproto::Game;
use timeline::game::{of_game, title};

use crate::cli::Fail;
use timeline::trace::TraceOut;

/// What to make of the schedule when the game ends, besides its screens.
#[derive(Default)]
pub struct Show {
    /// Draw it in the terminal.
    pub timeline: bool,
    /// Write it as a Chrome trace.
    pub trace_out: Option<PathBuf>,
}

/// The words of `--timeline` in the usage.
pub const TIMELINE: crate::cli::Flag = (
    "timeline",
    "",
    "draw the schedule as the course's timeline when the game ends: a lane a thread, \
     move by move",
);

/// The words of `--trace-out` in the usage.
pub const TRACE_OUT: crate::cli::Flag = (
    "trace-out",
    "FILE",
    "also write the schedule as a Chrome trace, for ui.perfetto.dev",
);

impl Show {
    /// `--timeline`, and `--trace-out`'s file, which must be one that can be written.
    pub fn parse(timeline: bool, trace_out: Option<PathBuf>) -> Result<Show, Fail> {
        if trace_out.as_ref().is_some_and(|p| p.as_os_str().is_empty()) {
            return Err(Fail::Usage(
                "--trace-out needs a file to write, like --trace-out game.json".into(),
            ));
        }
        if let Some(file) = &trace_out {
            timeline::trace::check_file(file)?;
        }
        Ok(Show {
            timeline,
            trace_out,
        })
    }

    pub fn wanted(&self) -> bool {
        self.timeline || self.trace_out.is_some()
    }

    /// After the game: its timeline printed (unless the screens that ended it showed it:
    /// `shown`), its trace written.
    pub fn after(
        &self,
        game: &Game,
        moves: &[usize],
        shown: bool,
        color: bool,
    ) -> Result<(), Fail> {
        if self.timeline && !shown {
            println!();
            let width = crate::ui::timeline::terminal_width();
            for line in crate::ui::game::draw_timeline(game, moves, width, color) {
                println!("{line}");
            }
        }
        if let Some(file) = &self.trace_out {
            write_trace(game, moves, file)?;
            println!("The schedule's trace is written to {}.", file.display());
        }
        Ok(())
    }
}

pub fn write_trace(game: &Game, moves: &[usize], file: &Path) -> Result<(), TraceOut> {
    timeline::trace::write(&of_game(game, moves), &title(game), file)
}
