//! The book's games: each level's game exported by the play engine (its positions, each with its
//! frame, where each move leads and how each schedule ends), with the model's verdict on a fix as
//! the terminal prints it, how often the bug shows and what a real run is; written beside the
//! pages as a script of data (`book/src/play/<id>.js`, a build product that git ignores), which
//! the page's player (`book/play.js`) reads. Each file keeps the fingerprint of the code it was
//! exported from (`course::book::games`): `book --check` fails when that code has changed since.

use std::path::Path;

use playproto::Level;
use playproto::export::BookGame;

use crate::cli::{Ctx, Fail};
use crate::ui::search;
use course::book::games::{
    DIR, LEVEL_BUDGET, TOTAL_BUDGET, file, fingerprint, parse, read, script,
};
use course::book::pages::SRC;
use course::engine::{self, Engine};

/// What the data of a level weighs, and what it holds: its positions, on every schedule with at
/// most `preemptions` preemptions (`None`: every schedule).
pub struct Written {
    pub id: String,
    pub bytes: usize,
    pub positions: usize,
    pub preemptions: Option<usize>,
}

/// Export every level's game (those whose code has not changed since their file was written are
/// kept as they are); the files written, with their sizes.
pub fn export(ctx: &Ctx) -> Result<Vec<Written>, Fail> {
    let root = &ctx.root;
    let levels = course::levels::listed(root)?;
    let dir = root.join(SRC).join(DIR);
    std::fs::create_dir_all(&dir)
        .map_err(|e| Fail::Broken(format!("cannot make {}: {e}", dir.display())))?;
    // A level no longer in the table leaves no data behind.
    for f in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = f.file_name().to_string_lossy().into_owned();
        if !levels.iter().any(|l| format!("{}.js", l.id) == name) {
            let _ = std::fs::remove_file(f.path());
        }
    }
    let mut engine: Option<Engine> = None;
    let mut out = Vec::new();
    for level in &levels {
        let path = file(root, &level.id);
        let source = fingerprint(root, level);
        let text = match read(&path).filter(|g| g.source == source) {
            Some(_) => std::fs::read_to_string(&path).unwrap_or_default(),
            None => {
                let engine = match &engine {
                    Some(e) => e,
                    None => engine.insert(Engine::chapters(&ctx.cargo())?),
                };
                let text = game(engine, root, level, source)?;
                std::fs::write(&path, &text)
                    .map_err(|e| Fail::Broken(format!("cannot write {}: {e}", path.display())))?;
                text
            }
        };
        let game = parse(&text).ok_or_else(|| {
            Fail::Broken(format!("{} does not read back as a game", path.display()))
        })?;
        out.push(Written {
            id: level.id.clone(),
            bytes: text.len(),
            positions: game.game.nodes.len(),
            preemptions: game.game.preemptions,
        });
    }
    let total: usize = out.iter().map(|w| w.bytes).sum();
    if let Some(problem) = over_budget(&out) {
        return Err(Fail::Broken(problem));
    }
    say!(
        "book: the games of {} levels, {total} bytes in all (budget {TOTAL_BUDGET})",
        out.len()
    );
    Ok(out)
}

/// What is over the budget, if anything is.
fn over_budget(written: &[Written]) -> Option<String> {
    if let Some(w) = written.iter().find(|w| w.bytes > LEVEL_BUDGET) {
        return Some(format!(
            "the game of {} is {} bytes, over the budget of {LEVEL_BUDGET} a level",
            w.id, w.bytes
        ));
    }
    let total: usize = written.iter().map(|w| w.bytes).sum();
    (total > TOTAL_BUDGET)
        .then(|| format!("the games are {total} bytes in all, over the budget of {TOTAL_BUDGET}"))
}

/// The data of `level`'s game: its export, every position of the schedules of its search (at
/// most [`engine::POSITIONS`] before they are merged), and the words beside it: the model's
/// verdict on a fix, how often the bug shows on those schedules, what a real run is. The budget
/// is checked on what it weighs ([`over_budget`]).
fn game(engine: &Engine, root: &Path, level: &Level, source: String) -> Result<String, Fail> {
    let verdict = match level.fixed {
        Some(_) => search::paragraphs(level, &engine.check(level)?),
        None => Vec::new(),
    };
    let tally = engine.count(level)?;
    let data = BookGame {
        source,
        often: search::often(level, &tally),
        run: search::real_run(root, level, &tally),
        verdict,
        game: engine.export(level, engine::POSITIONS)?,
    };
    Ok(script(&level.id, &data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_a_megabyte_a_level_and_ten_in_all() {
        let w = |id: &str, bytes| Written {
            id: id.into(),
            bytes,
            positions: 1,
            preemptions: None,
        };
        assert_eq!(over_budget(&[w("a", LEVEL_BUDGET), w("b", 5)]), None);
        let one = over_budget(&[w("a", LEVEL_BUDGET + 1)]).unwrap();
        assert!(one.starts_with("the game of a is 1000001 bytes"), "{one}");
        let all: Vec<Written> = (0..11).map(|k| w(&k.to_string(), 950_000)).collect();
        assert!(
            over_budget(&all)
                .unwrap()
                .contains("over the budget of 10000000")
        );
    }
}
