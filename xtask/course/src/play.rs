//! The play engine's files, as the course keeps them: a scratch file for a model to write to,
//! and a schedule kept for `cargo xtask play --replay` (`--save`'s format: its level and its
//! moves, the threads' numbers from 1).

use std::path::{Path, PathBuf};

use crate::Error;

/// A file of our own for a model to write to (`what`: its answers, or the schedule that broke
/// it), not there yet: each question its own, so that two at once never read each other's.
pub fn scratch(what: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let file =
        std::env::temp_dir().join(format!("xtask-play-{what}-{}-{n}.json", std::process::id()));
    let _ = std::fs::remove_file(&file);
    file
}

/// The first line of a kept schedule.
const SAVED_HEAD: &str = "# a schedule of `cargo xtask play`: play it again with --replay";

/// The moves in `text`: thread numbers from 1, split by spaces or commas.
pub fn parse_moves(text: &str) -> crate::Result<Vec<usize>> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .enumerate()
        .map(|(k, t)| match t.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(Error::BadMove {
                at: k + 1,
                said: t.to_string(),
            }),
        })
        .collect()
}

/// The moves as `--moves` takes them: `1 2 1`.
pub fn moves_text(moves: &[usize]) -> String {
    moves
        .iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Keep the schedule `moves` of `level` in `file`, for `--replay`.
pub fn save(file: &Path, level: &str, moves: &[usize]) -> crate::Result<()> {
    let text = format!("{SAVED_HEAD}\nlevel {level}\nmoves {}\n", moves_text(moves));
    std::fs::write(file, text).map_err(|e| Error::SaveMoves(file.to_path_buf(), e))
}

/// The level and the moves (as written) of the schedule kept in `file`.
pub fn read_saved(file: &Path) -> crate::Result<(String, String)> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::Read(file.to_path_buf(), e))?;
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_string()))
    };
    match (field("level "), field("moves")) {
        (Some(level), Some(moves)) => Ok((level, moves)),
        _ => Err(Error::NotSaved(file.to_path_buf())),
    }
}

/// Where `cargo xtask check` keeps the schedule that broke an exercise's model, in the format
/// of `--save`, for `cargo xtask play --replay`: the exercises' target dir's `play/exercises/`
/// (not prove's `counterexamples/`, which prove clears and fills with the chapters' levels).
pub fn exercise_counterexample(target: &Path, level: &str) -> PathBuf {
    target.join("play/exercises").join(format!("{level}.txt"))
}

/// Keep the schedule `moves` of `level` in `file` ([`exercise_counterexample`]), making its
/// folder.
pub fn keep(file: &Path, level: &str, moves: &[usize]) -> crate::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::MakeDir(dir.to_path_buf(), e))?;
    }
    save(file, level, moves)
}

/// Where each fixed level's search notes what it covered in the play step of `cargo xtask
/// prove` (`play/tests/kept/mod.rs` writes them: `<bound or -> <schedules> <milliseconds>`).
pub const SEARCHES: &str = "target/play/searches";

/// Where the play step of `cargo xtask prove` keeps each schedule that breaks a fixed level's
/// claim (`play/tests/levels.rs` writes them, in the format of `--save`).
pub const COUNTEREXAMPLES: &str = "target/play/counterexamples";

/// What a fixed level's search covered in the play step of prove.
pub struct Searched {
    pub level: String,
    /// Its bound of preemptions, if it had one.
    pub preemptions: Option<usize>,
    pub schedules: usize,
    pub millis: f64,
}

/// The files of `dir` under `root`, sorted; none when there is no such folder.
fn files(root: &Path, dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// What each fixed level's search covered in the play step of prove, read from [`SEARCHES`]
/// (a file that does not read is left out).
pub fn searches(root: &Path) -> Vec<Searched> {
    files(root, SEARCHES)
        .iter()
        .filter_map(|file| {
            let level = file.file_stem()?.to_string_lossy().into_owned();
            let text = std::fs::read_to_string(file).ok()?;
            let mut f = text.trim().split('\t');
            let preemptions = f.next()?.parse().ok();
            let schedules = f.next()?.parse().ok()?;
            let millis = f.next()?.parse().ok()?;
            Some(Searched {
                level,
                preemptions,
                schedules,
                millis,
            })
        })
        .collect()
}

/// A schedule kept in [`COUNTEREXAMPLES`]: its file, its level and its moves.
pub struct Kept {
    pub file: PathBuf,
    pub level: String,
    pub moves: Vec<usize>,
}

/// The schedules the play step of prove kept in [`COUNTEREXAMPLES`], each read.
pub fn counterexamples(root: &Path) -> crate::Result<Vec<Kept>> {
    files(root, COUNTEREXAMPLES)
        .into_iter()
        .map(|file| {
            let (level, moves) = read_saved(&file)?;
            let moves = parse_moves(&moves)?;
            Ok(Kept { file, level, moves })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_are_thread_numbers_from_one() {
        assert_eq!(parse_moves("1 2,1\n2").unwrap(), [1, 2, 1, 2]);
        assert!(parse_moves("").unwrap().is_empty());
        let e = parse_moves("1 x").unwrap_err().to_string();
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
