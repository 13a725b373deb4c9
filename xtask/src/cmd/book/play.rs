//! The book's games: each level's game exported by the play engine (its positions, each with its
//! frame, where each move leads and how each schedule ends), with the model's verdict on a fix as
//! the terminal prints it, how often the bug shows and what a real run is; written beside the
//! pages as a script of data (`book/src/play/<id>.js`, a build product that git ignores), which
//! the page's player (`book/play.js`) reads. Each file keeps the fingerprint of the code it was
//! exported from: `book --check` fails when that code has changed since.

use std::path::{Path, PathBuf};

use playproto::Level;
use playproto::export::BookGame;

use super::pages::SRC;
use crate::cli::{Ctx, Fail};
use crate::cmd::play::engine::{self, Engine};

/// The folder of the games' data, under `SRC`.
pub const DIR: &str = "play";
/// The most a level's data may weigh, and all the levels' together: a page must load on a phone.
pub const LEVEL_BUDGET: usize = 1_000_000;
pub const TOTAL_BUDGET: usize = 10_000_000;

/// The data file of level `id`.
pub fn file(root: &Path, id: &str) -> PathBuf {
    root.join(SRC).join(DIR).join(format!("{id}.js"))
}

/// What the data of a level weighs, and what it holds.
pub struct Written {
    pub id: String,
    pub bytes: usize,
    pub positions: usize,
    pub complete: bool,
}

/// Export every level's game (those whose code has not changed since their file was written are
/// kept as they are); the files written, with their sizes.
pub fn export(ctx: &Ctx) -> Result<Vec<Written>, Fail> {
    let root = &ctx.root;
    let levels = crate::cmd::play::listed(root)?;
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
                    None => engine.insert(Engine::chapters(ctx)?),
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
            complete: game.game.complete,
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

/// The data of `level`'s game: its export at most [`engine::POSITIONS`] positions (fewer, when
/// that would weigh more than [`LEVEL_BUDGET`]), and the words beside it.
fn game(engine: &Engine, root: &Path, level: &Level, source: String) -> Result<String, Fail> {
    let verdict = match level.fixed {
        Some(_) => engine.verdict(level)?,
        None => Vec::new(),
    };
    let mut max = engine::POSITIONS;
    loop {
        let game = engine.export(level, max)?;
        let data = BookGame {
            source: source.clone(),
            often: engine::often_words(&game.often),
            run: engine::real_run(root, level),
            verdict: verdict.clone(),
            game,
        };
        let text = script(&level.id, &data);
        if text.len() <= LEVEL_BUDGET || max < 100 {
            return Ok(text);
        }
        // Fewer positions, in proportion, with a tenth to spare.
        max = max * LEVEL_BUDGET / text.len() * 9 / 10;
    }
}

/// The script that gives the page level `id`'s game.
fn script(id: &str, data: &BookGame) -> String {
    format!(
        "(window.COURSE_PLAY = window.COURSE_PLAY || {{}})[{}] = {};\n",
        playproto::to_json(&id.to_string()),
        playproto::to_json(data)
    )
}

/// The game in a data file's text.
fn parse(text: &str) -> Option<BookGame> {
    let json = text.split_once("] = ")?.1.trim_end().strip_suffix(';')?;
    playproto::from_json(json).ok()
}

fn read(path: &Path) -> Option<BookGame> {
    parse(&std::fs::read_to_string(path).ok()?)
}

/// The files a level's game is made from: the engine and its runtime, the level's chapter, and
/// the runner's words about it. A change to any of them changes the game's fingerprint.
fn sources(root: &Path, level: &Level) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let chapter = root.join("chapters").join(&level.chapter);
    for dir in [
        root.join("play/src"),
        root.join("play/proto/src"),
        root.join("common/src"),
        root.join("lab/src"),
        chapter.join("src"),
    ] {
        walk(&dir, &mut files);
    }
    // The runner's words beside the game: the verdict, how often, a real run.
    files.push(root.join("xtask/src/cmd/play/engine.rs"));
    files.push(root.join("play/Cargo.toml"));
    files.push(root.join("xtask/src/cmd/book/play.rs"));
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

/// `book --check`: each level's game that was exported is still that of its code.
pub fn problems(root: &Path) -> Vec<String> {
    let Ok(levels) = crate::cmd::play::listed(root) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for level in &levels {
        let path = file(root, &level.id);
        if !path.is_file() {
            continue;
        }
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        match read(&path) {
            Some(g) if g.source == fingerprint(root, level) => {}
            Some(_) => out.push(format!(
                "{rel} is the game of {} as its code was before it changed (the chapter, the \
                 engine or the level): run `cargo xtask book`",
                level.id
            )),
            None => out.push(format!(
                "{rel} does not read as a game: run `cargo xtask book`"
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
            (playproto::TABLE, &playproto::to_json(&vec![level()])),
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
        assert!(problems(&root).is_empty(), "no data, nothing to check");
        let data = BookGame {
            source: fingerprint(&root, &level()),
            ..BookGame::default()
        };
        let path = file(&root, "ch04");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, script("ch04", &data)).unwrap();
        assert_eq!(read(&path), Some(data));
        assert!(problems(&root).is_empty(), "{:?}", problems(&root));
        // The chapter's code changes; the game was not exported again.
        std::fs::write(
            root.join("chapters/ch04_race/src/lib.rs"),
            "fn update() { }\n",
        )
        .unwrap();
        let p = problems(&root);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("book/src/play/ch04.js is the game of ch04 as its code was before"),
            "{p:?}"
        );
        std::fs::write(&path, "nothing").unwrap();
        assert!(problems(&root)[0].contains("does not read as a game"));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn the_budget_is_a_megabyte_a_level_and_ten_in_all() {
        let w = |id: &str, bytes| Written {
            id: id.into(),
            bytes,
            positions: 1,
            complete: true,
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
