//! What the play tests share: where a schedule that breaks a fixed level is kept for `cargo
//! xtask prove` to draw, and where each fixed level's search notes what it covered.
// Each test binary uses a part of it.
#![allow(dead_code)]

use std::path::PathBuf;

/// Where a schedule that breaks a fixed level is kept, for `cargo xtask prove` to draw (it
/// clears the folder before this step and draws what it finds after): the format of `cargo
/// xtask play --save`, so that `--replay` plays it.
pub fn counterexamples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../{}", playproto::COUNTEREXAMPLES))
}

/// A fixed level broken by `moves`: keep them where prove finds them, and say how to play them.
pub fn broken(id: &str, moves: &[usize], words: &str) -> String {
    let dir = counterexamples();
    let file = dir.join(format!("{id}.txt"));
    let moves: Vec<String> = moves.iter().map(|m| m.to_string()).collect();
    let kept = std::fs::create_dir_all(&dir).and_then(|()| {
        std::fs::write(
            &file,
            format!(
                "# a schedule of `cargo xtask play`: play it again with --replay\nlevel {id}\nmoves {}\n",
                moves.join(" ")
            ),
        )
    });
    let play = match kept {
        Ok(()) => format!("cargo xtask play --replay target/play/counterexamples/{id}.txt"),
        Err(e) => format!(
            "(not kept: {e}) cargo xtask play {id} --moves \"{}\"",
            moves.join(" ")
        ),
    };
    format!("{id}: a schedule breaks the claim ({words}); play it: {play}")
}

/// Where each fixed level's search notes what it covered, for `cargo xtask prove` to print (it
/// clears the folder before this step): a [`playproto::Searched`], in `<id>.json`.
pub fn searches() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../{}", playproto::SEARCHES))
}

/// Note what fixed level `id`'s search covered, and how long it took.
pub fn note_covered(id: &str, s: &play::search::Search, took: std::time::Duration) {
    let noted = playproto::Searched {
        level: id.to_string(),
        search: s.clone(),
        millis: u64::try_from(took.as_millis()).unwrap_or(u64::MAX),
    };
    let dir = searches();
    // A note that cannot be written leaves prove's list one short; the test's verdict stands.
    let _ = std::fs::create_dir_all(&dir).and_then(|()| {
        std::fs::write(
            dir.join(format!("{id}.json")),
            playproto::to_json(&noted) + "\n",
        )
    });
}
