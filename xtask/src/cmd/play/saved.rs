//! The moves of a game as the student gives them (`--moves`, stdin) and as a file keeps them
//! (`--save`, `--replay`, and the schedule that broke an exercise's model).

use std::path::{Path, PathBuf};

use super::draw;
use crate::cli::Fail;

/// A schedule that broke an exercise's model: its level, its moves, and the lines that draw it.
pub struct Broken {
    pub level: String,
    pub moves: Vec<usize>,
    pub lines: Vec<String>,
}

/// The schedule a failed play-runtime model wrote to `file` (`playproto::BROKEN` names it to
/// the model), drawn as the game draws one, each move with its code; `None` if it wrote none.
pub fn model_schedule(file: &Path, width: usize) -> Option<Broken> {
    let text = std::fs::read_to_string(file).ok()?;
    let broken: playproto::Broken = playproto::from_json(text.trim()).ok()?;
    let lines = draw::schedule_with(&broken.game, &broken.moves, true, width);
    Some(Broken {
        level: broken.game.level.id,
        moves: broken.moves,
        lines,
    })
}

/// Where `cargo xtask check` keeps the schedule that broke an exercise's model, in the format
/// of `--save`, for `cargo xtask play --replay`: the exercises' target dir's `play/exercises/`
/// (not prove's `counterexamples/`, which prove clears and fills with the chapters' levels).
pub fn exercise_counterexample(target: &Path, level: &str) -> PathBuf {
    target.join("play/exercises").join(format!("{level}.txt"))
}

/// Keep `broken` in `file` ([`exercise_counterexample`]).
pub fn keep(file: &Path, broken: &Broken) -> Result<(), Fail> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Fail::Broken(format!("cannot make {}: {e}", dir.display())))?;
    }
    save(file, &broken.level, &broken.moves)
}

/// The moves in `text`: thread numbers from 1, split by spaces or commas.
pub(super) fn parse_moves(text: &str) -> Result<Vec<usize>, String> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .enumerate()
        .map(|(k, t)| match t.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(format!(
                "move {} is `{t}`, not a thread number: a move is the number of a thread on the \
                 screen, from 1, like --moves \"1 2 1\"",
                k + 1
            )),
        })
        .collect()
}

pub(super) fn moves_text(moves: &[usize]) -> String {
    moves
        .iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

const SAVED_HEAD: &str = "# a schedule of `cargo xtask play`: play it again with --replay";

pub(super) fn save(file: &Path, level: &str, moves: &[usize]) -> Result<(), Fail> {
    let text = format!("{SAVED_HEAD}\nlevel {level}\nmoves {}\n", moves_text(moves));
    std::fs::write(file, text)
        .map_err(|e| Fail::Usage(format!("cannot save the moves to {}: {e}", file.display())))
}

pub(super) fn read_saved(file: &Path) -> Result<(String, String), Fail> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Fail::Usage(format!("cannot read {}: {e}", file.display())))?;
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_string()))
    };
    match (field("level "), field("moves")) {
        (Some(level), Some(moves)) => Ok((level, moves)),
        _ => Err(Fail::Usage(format!(
            "{} is not a saved schedule (it needs a `level` and a `moves` line; --save writes them)",
            file.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_are_thread_numbers_from_one() {
        assert_eq!(parse_moves("1 2,1\n2").unwrap(), [1, 2, 1, 2]);
        assert!(parse_moves("").unwrap().is_empty());
        let e = parse_moves("1 x").unwrap_err();
        assert!(e.starts_with("move 2 is `x`, not a thread number"), "{e}");
        assert!(parse_moves("0").is_err());
    }

    #[test]
    fn a_saved_schedule_reads_back() {
        let dir = std::env::temp_dir().join(format!("xtask-play-save-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("won.txt");
        save(&file, "ch04", &[1, 2, 1]).unwrap();
        assert_eq!(
            read_saved(&file).unwrap(),
            ("ch04".to_string(), "1 2 1".to_string())
        );
        std::fs::write(&file, "nothing").unwrap();
        assert!(read_saved(&file).is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
