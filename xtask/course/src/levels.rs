//! The play engine's levels as their table lists them (`play/src/levels.json`), read without
//! building the engine: the tour and the book name a chapter's levels, `play` resolves a name
//! to one, and a won level names the one to play after it.

use std::path::Path;

use playproto::Level;

use crate::Error;

/// Every level, in the engine's order, from the table the engine embeds: read from the course,
/// so that the tour and the book name a chapter's levels without building the engine.
pub fn listed(root: &Path) -> crate::Result<Vec<Level>> {
    let file = root.join(playproto::TABLE);
    let text = std::fs::read_to_string(&file).map_err(|e| Error::Table(file, e))?;
    playproto::table(&text).map_err(Error::Play)
}

/// The ids of the levels of `chapter` (its crate's name), in the engine's order; none when the
/// table cannot be read (the tour and the book then name no level, and `play` says why).
pub fn levels_of(root: &Path, chapter: &str) -> Vec<String> {
    listed(root)
        .unwrap_or_default()
        .into_iter()
        .filter(|l| l.chapter == chapter)
        .map(|l| l.id)
        .collect()
}

/// Where to go after level `id` in the table `all`, each as `(words, level)`: after a level
/// where the bug can happen, its fix, then the level after it in the table when that is another;
/// after a fix, the level after it. A level's fix: the next level of its chapter when that one
/// is fixed (`ch07`, `ch07-ordered`); for a chapter with no fixed level, the first fixed level
/// after it (after `ch04`, `ch05`); for a Try this after its chapter's fix, that fix. Where a
/// level of the chapter that can break comes before its fixed one, that fix is not this one's
/// (`ch11`'s counter is not fixed by `ch11-flag-exchange`): only the next level is named.
pub fn onward<'l>(all: &'l [Level], id: &str) -> Vec<(&'static str, &'l Level)> {
    let Some(at) = all.iter().position(|l| l.id == id) else {
        return Vec::new();
    };
    let here = &all[at];
    let next = all.get(at + 1);
    let fixed = |l: &Level| l.fixed.is_some();
    let fix = if fixed(here) {
        None
    } else {
        let same = |l: &&Level| l.chapter == here.chapter;
        let (before, after) = (&all[..at], &all[at + 1..]);
        if !all.iter().filter(same).any(&fixed) {
            after.iter().find(|l| fixed(l))
        } else {
            match after.iter().find(same) {
                Some(l) => fixed(l).then_some(l),
                None => before.iter().filter(same).find(|l| fixed(l)),
            }
        }
    };
    let mut out: Vec<(&'static str, &Level)> = fix.map(|f| ("Its fix", f)).into_iter().collect();
    out.extend(next.filter(|n| Some(*n) != fix).map(|n| ("Next", n)));
    out
}

/// The line of the chapter's expected log that gives a real run's figure of the level's bug,
/// where the level names one (`run` in the table: words of that line), without its time.
pub fn run_line(root: &Path, level: &Level) -> Option<String> {
    let fragment = level.run.as_ref()?;
    let log = std::fs::read_to_string(
        root.join("chapters")
            .join(&level.chapter)
            .join("expected.log"),
    )
    .ok()?;
    let line = log.lines().find(|l| l.contains(fragment.as_str()))?;
    Some(
        line.split_once(": ")
            .map_or(line, |(_, rest)| rest)
            .to_string(),
    )
}
