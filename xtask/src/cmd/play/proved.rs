//! What the play step of `cargo xtask prove` leaves for prove to print: what each fixed level's
//! search covered, and each schedule that broke a fixed level, drawn as a won game's is.

use std::path::PathBuf;

use playproto::End;

use super::draw;
use super::engine::Engine;
use super::verdict::covered_short;
use super::{parse_moves, read_saved};
use crate::cli::{Ctx, Fail};
use crate::{ui::screen, ui::term};

/// Where each fixed level's search notes what it covered in the play step of `cargo xtask
/// prove` (`play/tests/kept/mod.rs` writes them: `<bound or -> <schedules> <milliseconds>`).
pub const SEARCHES: &str = "target/play/searches";

/// What each fixed level's search covered in the play step of prove, a line each, read from
/// [`SEARCHES`]: "ch15-while: every schedule with at most 3 preemptions: 32,686, none breaks
/// it (1.45 s)".
pub fn searches(ctx: &Ctx) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(ctx.root.join(SEARCHES))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|file| {
            let id = file.file_stem()?.to_string_lossy().into_owned();
            let text = std::fs::read_to_string(file).ok()?;
            let mut f = text.trim().split('\t');
            let bound = f.next()?.parse().ok();
            let schedules = f.next()?.parse().ok()?;
            let millis: f64 = f.next()?.parse().ok()?;
            Some(format!(
                "{id}: {}, none breaks it ({:.2} s)",
                covered_short(bound, schedules),
                millis / 1000.0
            ))
        })
        .collect()
}

/// Where the play step of `cargo xtask prove` keeps each schedule that breaks a fixed level's
/// claim (`play/tests/levels.rs` writes them, in the format of `--save`).
pub const COUNTEREXAMPLES: &str = "target/play/counterexamples";

/// The schedules kept in [`COUNTEREXAMPLES`], each drawn as a won game's is (a lane per thread,
/// each move with the line it ran) with the command that plays it again.
pub fn counterexamples(ctx: &Ctx) -> Result<Vec<String>, Fail> {
    let dir = ctx.root.join(COUNTEREXAMPLES);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let mut out = Vec::new();
    if files.is_empty() {
        return Ok(out);
    }
    let engine = Engine::chapters(ctx)?;
    let levels = engine.levels()?;
    let width = term::width().unwrap_or(80).saturating_sub(4);
    for file in files {
        let (id, text) = read_saved(&file)?;
        let moves = parse_moves(&text).map_err(Fail::Usage)?;
        let Some(level) = levels.iter().find(|l| l.id == id) else {
            continue;
        };
        let game = engine.game(level, &moves, false)?;
        let claim = level.fixed.clone().unwrap_or_default();
        // A win says it in the goal's words; a panic, a deadlock or a spin in the engine's.
        let what = match &game.end {
            End::Won(words) => words.clone(),
            other => format!("On it, {}.", super::engine::end_words(other)),
        };
        out.extend(screen::wrap_line(
            &format!(
                "{id} ({}): this schedule breaks the claim that {claim}. {what}",
                level.title
            ),
            width,
        ));
        let shown = file.strip_prefix(&ctx.root).unwrap_or(&file);
        // Wrapped, not cut: the command must be whole to be copied.
        out.extend(screen::wrap_line(
            &format!("Play it: cargo xtask play --replay {}", shown.display()),
            width,
        ));
        out.extend(draw::schedule_with(&game, &moves, true, width));
    }
    Ok(out)
}
