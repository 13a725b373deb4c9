//! The levels as their source lists them, read without building the engine: `cargo xtask play`
//! with no level lists them, a name on the command line is resolved to one, and a won level
//! names the one after it.

use crate::cli::{Ctx, Fail};

use super::draw;

/// The levels' source, read for their ids and chapters only: so that the tour can offer a
/// chapter's level without building the engine, from the one list there is.
const LEVELS_SOURCE: &str = include_str!("../../../play/src/levels.rs");

/// One level as its source says: its id, its chapter's crate, its title, and whether it is a
/// fixed version (no schedule wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Listed {
    pub id: &'static str,
    pub chapter: &'static str,
    pub title: &'static str,
    pub fixed: bool,
}

/// Every level, in the engine's order, read from its source (each field on its own line there).
pub fn listed() -> Vec<Listed> {
    let mut out: Vec<Listed> = Vec::new();
    for line in LEVELS_SOURCE.lines().map(str::trim) {
        let quoted = |key: &str| {
            line.strip_prefix(key)
                .and_then(|r| r.strip_prefix(": \""))
                .and_then(|r| r.strip_suffix("\","))
        };
        if let Some(id) = quoted("id") {
            out.push(Listed {
                id,
                chapter: "",
                title: "",
                fixed: false,
            });
        } else if let Some(l) = out.last_mut() {
            if let Some(c) = quoted("chapter") {
                l.chapter = c;
            } else if let Some(t) = quoted("title") {
                l.title = t;
            } else if line.starts_with("fixed: Some(") {
                l.fixed = true;
            }
        }
    }
    out
}

/// The ids of the levels of `chapter` (its crate's name), in the engine's order.
pub fn levels_of(chapter: &str) -> Vec<&'static str> {
    listed()
        .into_iter()
        .filter(|l| l.chapter == chapter)
        .map(|l| l.id)
        .collect()
}

/// `cargo xtask play` with no level: the levels, one a line (so that they fit a screen of 24).
pub(super) fn print_levels(width: usize) {
    let all = listed();
    let id_w = all.iter().map(|l| l.id.len()).max().unwrap_or(4) + 1;
    let mut text = String::from(
        "The levels: play one with `cargo xtask play <level>` (a chapter: its first).\n\
         A fix is a level no schedule should break.\n",
    );
    for l in &all {
        let mark = if l.fixed { "fix" } else { "" };
        let line = format!("  {:<id_w$}{mark:<4}{}", l.id, l.title);
        text += &draw::fit(&line, width);
        text.push('\n');
    }
    // A reader that stops early (`| head`) is no error of ours: no panic on a closed pipe.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
}

/// The chapter and level `wanted` names: a level's id (`ch07-ordered`), or a chapter by its
/// number or crate (`7`, `ch07`, `ch07_deadlock`: its first level). Anything else is refused
/// before any build, with the nearest id, since a part of a name (`deadlock`) or a mistyped id
/// (`ch07-orderd`) would otherwise play some other level.
pub(super) fn resolve(ctx: &Ctx, wanted: &str) -> Result<(String, Option<String>), Fail> {
    let all = listed();
    if let Some(l) = all.iter().find(|l| l.id == wanted) {
        return Ok((l.chapter.to_string(), Some(l.id.to_string())));
    }
    let ids: Vec<&str> = all.iter().map(|l| l.id).collect();
    let number: Option<u32> = wanted.strip_prefix("ch").unwrap_or(wanted).parse().ok();
    let chapter = ctx.chapters.iter().find(|c| {
        c.name == wanted || c.short() == wanted || (number.is_some() && c.number() == number)
    });
    match chapter {
        Some(c) if all.iter().any(|l| l.chapter == c.name) => Ok((c.name.clone(), None)),
        Some(c) => Err(Fail::Usage(format!(
            "{} has no level to play; the levels are {} (`cargo xtask play` lists them)",
            c.name,
            ids.join(", ")
        ))),
        None => Err(Fail::Usage(
            match crate::cli::nearest(wanted, ids.iter().copied()) {
                Some(near) => format!(
                    "unknown level `{wanted}`: did you mean `{near}`? (`cargo xtask play` lists the levels)"
                ),
                // `ch07-xyz`: the levels of the chapter it begins with.
                None if wanted.split_once('-').is_some_and(|(head, _)| {
                    all.iter().any(|l| l.id.split('-').next() == Some(head))
                }) =>
                {
                    let head = wanted.split('-').next().unwrap_or(wanted);
                    let same: Vec<&str> = ids
                        .iter()
                        .copied()
                        .filter(|id| id.split('-').next() == Some(head))
                        .collect();
                    format!(
                        "unknown level `{wanted}`; {head}'s levels are {} (`cargo xtask play` lists them all)",
                        same.join(", ")
                    )
                }
                None => format!(
                    "unknown level `{wanted}`; the levels are {} (`cargo xtask play` lists them)",
                    ids.join(", ")
                ),
            },
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_levels_of_a_chapter_are_read_from_the_engine_list() {
        assert_eq!(levels_of("ch04_race"), ["ch04"]);
        assert_eq!(levels_of("ch07_deadlock"), ["ch07", "ch07-ordered"]);
        assert!(levels_of("ch01_spawn_join").is_empty());
    }

    #[test]
    fn the_books_introduction_names_every_level() {
        // The hand-written list of levels (README points to the book; the chapters' pages
        // take theirs from `levels_of`).
        let intro = include_str!("../../../book/src/introduction.md");
        let section = intro
            .split("## Be the scheduler")
            .nth(1)
            .expect("the introduction has the play section");
        for l in listed() {
            assert!(
                section.contains(&format!("`{}`", l.id)),
                "book/src/introduction.md's play section does not name the level `{}`",
                l.id
            );
            assert!(!l.chapter.is_empty() && !l.title.is_empty(), "{l:?}");
        }
        assert!(listed().iter().any(|l| l.fixed) && listed().iter().any(|l| !l.fixed));
    }
}
