//! The data of the book's games: where each level's game is written (`book/src/play/<id>.js`),
//! the script that holds it, and the fingerprint of the code it was exported from, which
//! `book --check` holds it to.

use std::path::{Path, PathBuf};

use playproto::Level;
use playproto::export::BookGame;

use super::pages::SRC;

/// The folder of the games' data, under `SRC`.
pub const DIR: &str = "play";
/// The most a level's data may weigh, and all the levels' together: a page must load on a phone.
pub const LEVEL_BUDGET: usize = 1_000_000;
pub const TOTAL_BUDGET: usize = 10_000_000;

/// The data file of level `id`.
pub fn file(root: &Path, id: &str) -> PathBuf {
    root.join(SRC).join(DIR).join(format!("{id}.js"))
}

/// The script that gives the page level `id`'s game.
pub fn script(id: &str, data: &BookGame) -> String {
    format!(
        "(window.COURSE_PLAY = window.COURSE_PLAY || {{}})[{}] = {};\n",
        playproto::to_json(&id.to_string()),
        playproto::to_json(data)
    )
}

/// The game in a data file's text.
pub fn parse(text: &str) -> Option<BookGame> {
    let json = text.split_once("] = ")?.1.trim_end().strip_suffix(';')?;
    playproto::from_json(json).ok()
}

pub fn read(path: &Path) -> Option<BookGame> {
    parse(&std::fs::read_to_string(path).ok()?)
}

/// What the data of a level weighs, and what it holds: its positions, on every schedule with at
/// most `preemptions` preemptions (`None`: every schedule).
pub struct Written {
    pub id: String,
    pub bytes: usize,
    pub positions: usize,
    pub preemptions: Option<usize>,
}

/// What is over the budget, if anything is.
pub fn over_budget(written: &[Written]) -> Option<String> {
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

/// Remove from `dir` the data of levels no longer in the table `levels`: none is left behind.
pub fn prune(dir: &Path, levels: &[Level]) {
    for f in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = f.file_name().to_string_lossy().into_owned();
        if !levels.iter().any(|l| format!("{}.js", l.id) == name) {
            let _ = std::fs::remove_file(f.path());
        }
    }
}

/// The text of the data file at `path` when it was exported from the code of fingerprint
/// `source` (the code has not changed since): it is kept as it is.
pub fn current(path: &Path, source: &str) -> Option<String> {
    read(path).filter(|g| g.source == source)?;
    std::fs::read_to_string(path).ok()
}

/// The files a level's game is made from: the engine, its levels and its protocol, the runtime
/// and its version (the lock file names shuttle's), the level's chapter, and the runner's words
/// about it and the questions it asks (all of `xtask/src/cmd/play/`, `ui/search.rs`: the verdict,
/// how often, a real run; `course::engine` and `course::levels`). A change to any of them
/// changes the game's fingerprint.
fn sources(root: &Path, level: &Level) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let chapter = root.join("chapters").join(&level.chapter);
    for dir in [
        root.join("play/src"),
        root.join("play/proto/src"),
        root.join("common/src"),
        root.join("lab/src"),
        root.join("xtask/src/cmd/play"),
        chapter.join("src"),
    ] {
        walk(&dir, &mut files);
    }
    files.push(root.join("Cargo.lock"));
    files.push(root.join("play/Cargo.toml"));
    files.push(root.join("play/proto/Cargo.toml"));
    files.push(root.join("xtask/src/cmd/book/play.rs"));
    files.push(root.join("xtask/src/ui/search.rs"));
    files.push(root.join("xtask/course/src/engine.rs"));
    files.push(root.join("xtask/course/src/levels.rs"));
    files.push(root.join("xtask/course/src/book/games.rs"));
    files.push(chapter.join("expected.log"));
    files.sort();
    files
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The fingerprint of what `level`'s game is made from: FNV-1a of each file's path (from the
/// root) and text.
pub fn fingerprint(root: &Path, level: &Level) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(playproto::to_json(level).as_bytes());
    for f in sources(root, level) {
        eat(f
            .strip_prefix(root)
            .unwrap_or(&f)
            .to_string_lossy()
            .as_bytes());
        eat(&std::fs::read(&f).unwrap_or_default());
    }
    format!("{h:016x}")
}

/// What `book --check` says when no level's game has been exported yet: the games are checked
/// once a build has made them (a fresh clone has none: they are not committed).
pub const UNBUILT: &str = "the games are checked once `cargo xtask book` has built them: no \
                           level's game is there yet";

/// `book --check`: each level's game is still that of its code. `None` when no game has been
/// exported at all (the caller says [`UNBUILT`]: a state, not a problem); a game missing beside
/// others that are there is a problem.
pub fn problems(root: &Path) -> Option<Vec<String>> {
    let Ok(levels) = crate::levels::listed(root) else {
        return Some(Vec::new());
    };
    if !levels.iter().any(|l| file(root, &l.id).is_file()) {
        return None;
    }
    let mut out = Vec::new();
    for level in &levels {
        let path = file(root, &level.id);
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        match read(&path) {
            Some(g) if g.source == fingerprint(root, level) => {}
            Some(_) => out.push(format!(
                "{rel} is the game of {} as its code was before it changed (the chapter, the \
                 engine, the level or the runner's words about it): run `cargo xtask book`",
                level.id
            )),
            None if !path.is_file() => out.push(format!(
                "{rel} is missing, beside the other levels' games: run `cargo xtask book`"
            )),
            None => out.push(format!(
                "{rel} does not read as a game: run `cargo xtask book`"
            )),
        }
    }
    Some(out)
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

    fn level() -> Level {
        Level {
            id: "ch04".into(),
            chapter: "ch04_race".into(),
            kept: Some(vec![1]),
            ..Level::default()
        }
    }

    /// A course of a chapter and a table, in a folder of its own.
    fn course(name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("xtask-book-play-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (file, text) in [
            ("chapters/ch04_race/src/lib.rs", "fn update() {}\n"),
            ("chapters/ch04_race/expected.log", "00:00:00: done\n"),
            (
                format!("{}/ch04.json", playproto::LEVELS).as_str(),
                playproto::to_json(&vec![level()]).as_str(),
            ),
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        root
    }

    #[test]
    fn a_game_exported_from_code_that_changed_since_fails_the_check() {
        let root = course("check");
        assert_eq!(problems(&root), None, "no data: said so");
        let mut data = BookGame {
            source: fingerprint(&root, &level()),
            ..BookGame::default()
        };
        let path = file(&root, "ch04");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, script("ch04", &data)).unwrap();
        assert_eq!(read(&path), Some(data.clone()));
        assert_eq!(problems(&root), Some(vec![]));
        // What the game is made from changes, and it was not exported again: the chapter's code,
        // the runner's words about it (the verdict's), the lock file (shuttle's version).
        for (changed, text) in [
            ("chapters/ch04_race/src/lib.rs", "fn update() { }\n"),
            ("xtask/src/cmd/play/verdict.rs", "// other words\n"),
            ("Cargo.lock", "# shuttle 0.9.11\n"),
        ] {
            std::fs::write(&path, script("ch04", &data)).unwrap();
            let changed = root.join(changed);
            std::fs::create_dir_all(changed.parent().unwrap()).unwrap();
            std::fs::write(&changed, text).unwrap();
            let p = problems(&root).unwrap();
            assert_eq!(p.len(), 1, "{p:?}");
            assert!(
                p[0].starts_with("book/src/play/ch04.js is the game of ch04 as its code was"),
                "{p:?}"
            );
            data.source = fingerprint(&root, &level());
        }
        std::fs::write(&path, "nothing").unwrap();
        assert!(problems(&root).unwrap()[0].contains("does not read as a game"));
        let _ = std::fs::remove_dir_all(&root);
    }
}
