//! The play engine's files, as the course keeps them: a scratch file for a model to write to,
//! and a schedule kept for `cargo xtask play --replay` (`--save`'s format: its level and its
//! moves, the threads' numbers from 1).

use std::path::{Path, PathBuf};

use crate::Error;

pub use playproto::{COUNTEREXAMPLES, SEARCHES, Searched};

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

/// The files of `dir` under `root`, sorted; none when there is no such folder.
fn files(root: &Path, dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// What each fixed level's search covered in the play step of prove, read from [`SEARCHES`]
/// (`play/tests/kept/mod.rs` writes them, a [`Searched`] a level); a file that does not read
/// as one is an error that names it.
pub fn searches(root: &Path) -> crate::Result<Vec<Searched>> {
    files(root, SEARCHES)
        .iter()
        .map(|file| {
            let text =
                std::fs::read_to_string(file).map_err(|e| Error::Read(file.to_path_buf(), e))?;
            let noted: Searched = playproto::from_json(text.trim()).map_err(|e| {
                Error::Play(playproto::Error(format!(
                    "{} does not read as a search the play tests noted: {e}",
                    file.display()
                )))
            })?;
            // Prove says "every schedule ..., none breaks it" of each: only of a search that did.
            let every = matches!(noted.search.how, playproto::How::Dfs { .. });
            match every && noted.search.holds() {
                true => Ok(noted),
                false => Err(Error::Play(playproto::Error(format!(
                    "{} notes a search that did not run every schedule of its set, or found one \
                     that breaks the claim",
                    file.display()
                )))),
            }
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

    /// What the play tests note of a fixed level's search (`play/tests/kept/mod.rs`) is read
    /// back whole; a note that does not read is an error that names its file, not a level left
    /// out.
    #[test]
    fn a_noted_search_reads_back_and_one_that_does_not_read_is_named() {
        let root = std::env::temp_dir().join(format!("xtask-searches-{}", std::process::id()));
        let dir = root.join(SEARCHES);
        std::fs::create_dir_all(&dir).unwrap();
        let noted = Searched {
            level: "ch15-while".into(),
            search: playproto::Search {
                how: playproto::How::Dfs {
                    preemptions: Some(3),
                },
                executions: 32_686,
                complete: true,
                won: None,
                failed: None,
                cut: None,
            },
            millis: 1450,
        };
        std::fs::write(
            dir.join("ch15-while.json"),
            playproto::to_json(&noted) + "\n",
        )
        .unwrap();
        assert_eq!(searches(&root).unwrap(), std::slice::from_ref(&noted));
        std::fs::write(dir.join("ch16.json"), "3\t32686\t1450\n").unwrap();
        let e = searches(&root).unwrap_err().to_string();
        assert!(e.contains("ch16.json does not read"), "{e}");
        let mut cut = noted.clone();
        cut.search.complete = false;
        std::fs::write(dir.join("ch16.json"), playproto::to_json(&cut)).unwrap();
        let e = searches(&root).unwrap_err().to_string();
        assert!(
            e.contains("ch16.json notes a search that did not run every"),
            "{e}"
        );
        let _ = std::fs::remove_dir_all(root);
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
