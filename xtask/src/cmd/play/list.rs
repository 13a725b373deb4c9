//! The levels as their tables list them (`play/src/levels/chNN.json`), read without building the
//! engine: `cargo xtask play` with no level lists them, a name on the command line is resolved
//! to one, a won level names the one after it, and the tour and the book name a chapter's.

use std::path::Path;

use course::levels::{listed, onward};
use playproto::Level;

use crate::cli::{Ctx, Fail};

/// [`onward`] from the levels' table, as lines of at most `width`: `Its fix: cargo xtask play
/// ch05 (The lock fix: two locked updates)`.
pub fn onward_lines(root: &Path, id: &str, width: usize) -> Vec<String> {
    onward(&listed(root).unwrap_or_default(), id)
        .into_iter()
        .flat_map(|(words, l)| {
            textfit::fit(
                &format!("{words}: cargo xtask play {} ({})", l.id, l.title),
                width,
            )
        })
        .collect()
}

/// `cargo xtask play` with no level: the levels, one a line (so that they fit a screen of 24).
pub(super) fn print_levels(all: &[Level], width: usize) {
    let id_w = all.iter().map(|l| l.id.len()).max().unwrap_or(4) + 1;
    let mut text = String::from(
        "The levels: play one with `cargo xtask play <level>` (a chapter: its first).\n\
         A fix is a level no schedule should break.\n",
    );
    for l in all {
        let mark = if l.fixed.is_some() { "fix" } else { "" };
        let label = format!("  {:<id_w$}{mark:<4}", l.id);
        for line in textfit::under(&label, &l.title, width) {
            text += &line;
            text.push('\n');
        }
    }
    // A reader that stops early (`| head`) is no error of ours: no panic on a closed pipe.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
}

/// The chapter and level `wanted` names (`course::levels::resolve`).
pub(super) fn resolve(ctx: &Ctx, wanted: &str) -> Result<(String, Option<String>), Fail> {
    Ok(course::levels::resolve(
        &ctx.chapters,
        &listed(&ctx.root)?,
        wanted,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use course::levels::levels_of;

    fn root() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    /// A won level pointed nowhere: it names its fix, found in the one table of levels.
    #[test]
    fn a_level_names_the_one_to_play_after_it() {
        let all = listed(&root()).unwrap();
        let after = |id: &str| -> Vec<(&str, &str)> {
            onward(&all, id)
                .iter()
                .map(|(w, l)| (*w, l.id.as_str()))
                .collect()
        };
        assert_eq!(after("ch04"), [("Its fix", "ch05")]);
        assert_eq!(after("ch07"), [("Its fix", "ch07-ordered")]);
        assert_eq!(after("ch15"), [("Its fix", "ch15-while")]);
        // A fix that is not the next level: the next one too, so that none is skipped.
        assert_eq!(
            after("ch08"),
            [("Its fix", "ch09"), ("Next", "ch08-overdraw")]
        );
        assert_eq!(after("ch08-overdraw"), [("Its fix", "ch09")]);
        // A Try this after its chapter's fix: that fix, and the way goes on.
        assert_eq!(
            after("ch16-parties-2"),
            [("Its fix", "ch16"), ("Next", "ch17")]
        );
        // A chapter whose fixed level fixes another of its levels: only the next.
        let next_of_ch11 = after("ch11");
        assert_eq!(next_of_ch11.len(), 1, "{next_of_ch11:?}");
        assert_eq!(next_of_ch11[0].0, "Next");
        // After a fix, the next level; after the last, none; an exercise's is not in the table.
        assert_eq!(after("ch05"), [("Next", "ch06")]);
        assert!(
            onward(&all, &all.last().unwrap().id)
                .iter()
                .all(|(w, _)| *w != "Next")
        );
        assert!(after("ex04").is_empty());
        // The rules on a table of their own.
        let l = |id: &str, chapter: &str, fixed: bool| Level {
            id: id.into(),
            chapter: chapter.into(),
            title: "T".into(),
            fixed: fixed.then(|| "claim".into()),
            ..Level::default()
        };
        let table = [
            l("a", "a", true),
            l("b", "b", false),
            l("b-more", "b", false),
            l("b-fix", "b", true),
            l("c", "c", false),
        ];
        let ids = |id| -> Vec<(&str, &str)> {
            onward(&table, id)
                .iter()
                .map(|(w, l)| (*w, l.id.as_str()))
                .collect()
        };
        assert_eq!(ids("b"), [("Next", "b-more")]);
        assert_eq!(ids("b-more"), [("Its fix", "b-fix")]);
        assert_eq!(ids("b-fix"), [("Next", "c")]);
        assert!(
            ids("c").is_empty(),
            "no fix anywhere after it, and no level after it"
        );
        for line in onward_lines(&root(), "ch04", 80) {
            assert!(line.chars().count() <= 80, "{line}");
        }
        assert_eq!(
            onward_lines(&root(), "ch04", 80),
            ["Its fix: cargo xtask play ch05 (The lock fix: two locked updates)"]
        );
    }

    #[test]
    fn the_levels_of_a_chapter_are_read_from_the_table() {
        assert_eq!(levels_of(&root(), "ch04_race"), ["ch04"]);
        assert_eq!(
            levels_of(&root(), "ch07_deadlock"),
            ["ch07", "ch07-ordered"]
        );
        assert!(levels_of(&root(), "ch01_spawn_join").is_empty());
        assert!(levels_of(Path::new("/nonexistent"), "ch04_race").is_empty());
    }

    #[test]
    fn the_books_introduction_names_every_level() {
        // The hand-written list of levels (README points to the book; the chapters' pages
        // take theirs from `levels_of`).
        let intro = include_str!("../../../../book/src/introduction.md");
        let section = intro
            .split("## Be the scheduler")
            .nth(1)
            .expect("the introduction has the play section");
        let listed = listed(&root()).unwrap();
        for l in &listed {
            assert!(
                section.contains(&format!("`{}`", l.id)),
                "book/src/introduction.md's play section does not name the level `{}`",
                l.id
            );
            assert!(!l.chapter.is_empty() && !l.title.is_empty(), "{l:?}");
        }
        assert!(
            listed.iter().any(|l| l.fixed.is_some()) && listed.iter().any(|l| l.kept.is_some())
        );
    }
}
