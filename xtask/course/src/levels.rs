//! The play engine's levels as their tables list them (`play/src/levels/chNN.json`, each beside
//! its chapter's scenarios), read without building the engine: the tour and the book name a chapter's levels, `play` resolves a name
//! to one, and a won level names the one to play after it.

use std::path::Path;

use playproto::Level;

use crate::{Chapter, Error};

/// Every level, in the engine's order, from the tables the engine embeds: each `.json` file of
/// the levels' folder, in the order of their names (`ch04.json`, `ch05.json`, ...), read from
/// the course, so that the tour and the book name a chapter's levels without building the
/// engine, and a level added there is listed with no change here.
pub fn listed(root: &Path) -> crate::Result<Vec<Level>> {
    let dir = root.join(playproto::LEVELS);
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::Table(dir.clone(), e))?;
    let mut names = Vec::new();
    for e in entries {
        let e = e.map_err(|e| Error::Table(dir.clone(), e))?;
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            names.push(name);
        }
    }
    names.sort();
    let mut texts = Vec::new();
    for name in &names {
        let file = dir.join(name);
        texts.push(std::fs::read_to_string(&file).map_err(|e| Error::Table(file, e))?);
    }
    let files: Vec<(&str, &str)> = names
        .iter()
        .map(String::as_str)
        .zip(texts.iter().map(String::as_str))
        .collect();
    playproto::tables(&files).map_err(Error::LevelTable)
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

/// The chapter and level `wanted` names among `chapters` and their levels `all`: a level's id
/// (`ch07-ordered`), or a chapter by its number or crate (`7`, `ch07`, `ch07_deadlock`: its
/// first level). Anything else is refused before any build, with the nearest id, since a part
/// of a name (`deadlock`) or a mistyped id (`ch07-orderd`) would otherwise play some other
/// level.
pub fn resolve(
    chapters: &[Chapter],
    all: &[Level],
    wanted: &str,
) -> crate::Result<(String, Option<String>)> {
    if let Some(l) = all.iter().find(|l| l.id == wanted) {
        return Ok((l.chapter.to_string(), Some(l.id.to_string())));
    }
    let ids: Vec<String> = all.iter().map(|l| l.id.clone()).collect();
    let number: Option<u32> = wanted.strip_prefix("ch").unwrap_or(wanted).parse().ok();
    let chapter = chapters.iter().find(|c| {
        c.name == wanted || c.short() == wanted || (number.is_some() && c.number() == number)
    });
    match chapter {
        Some(c) if all.iter().any(|l| l.chapter == c.name) => Ok((c.name.clone(), None)),
        Some(c) => Err(Error::NoLevel {
            chapter: c.name.clone(),
            ids,
        }),
        None => {
            let near = crate::nearest(wanted, ids.iter().map(String::as_str)).map(String::from);
            // `ch07-xyz`: the levels of the chapter it begins with.
            let head = wanted.split_once('-').map(|(head, _)| head.to_string());
            let same: Vec<String> = ids
                .iter()
                .filter(|id| head.as_deref() == id.split('-').next())
                .cloned()
                .collect();
            Err(Error::UnknownLevel {
                wanted: wanted.to_string(),
                near,
                same: head.filter(|_| !same.is_empty()).map(|h| (h, same)),
                ids,
            })
        }
    }
}
