//! CONTRIBUTING's "Adding a level", followed: a level added beside its chapter, and no runner
//! source changed.

use std::path::Path;
use std::process::Command;

use super::{err, error_line, out};

/// CONTRIBUTING's "Adding a level": a level is its chapter's two files in `play/src/levels/`,
/// and no runner source. A scratch course holds the course's tables and one more, `ch19.json`,
/// written here as a chapter author would: the runner, as built, lists its level in the order
/// of the files' names and resolves a name near it, reading the tables from the course before
/// any build.
#[test]
fn level_added_beside_its_chapter_is_listed_and_named_by_the_runner() {
    let root = std::env::temp_dir().join(format!("xtask-new-level-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let levels = root.join(playproto::LEVELS);
    std::fs::create_dir_all(&levels).unwrap();
    std::fs::create_dir_all(root.join("chapters")).unwrap();
    std::fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
    let course = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(playproto::LEVELS);
    for e in std::fs::read_dir(&course).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "json") {
            std::fs::copy(&path, levels.join(path.file_name().unwrap())).unwrap();
        }
    }
    let added = playproto::Level {
        id: "ch19-handoff".into(),
        chapter: "ch19_handoff".into(),
        title: "A level added beside its chapter".into(),
        goal: "Reach the goal.".into(),
        hint: "Any hint.".into(),
        kept: Some(vec![1, 2]),
        ..playproto::Level::default()
    };
    std::fs::write(levels.join("ch19.json"), playproto::to_json(&vec![added])).unwrap();
    let in_root = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .current_dir(&root)
            .env_remove("CARGO_MANIFEST_DIR")
            .env("COLUMNS", "80")
            .args(["--no-build", "play"])
            .args(args)
            .output()
            .unwrap()
    };
    let list = in_root(&[]);
    let text = out(&list);
    assert_eq!(list.status.code(), Some(0), "{}", err(&list));
    let ids: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.starts_with("ch"))
        .collect();
    assert_eq!(ids.last(), Some(&"ch19-handoff"), "{text}");
    assert!(ids.contains(&"ch18-look-and-set"), "{text}");
    assert!(text.contains("A level added beside its chapter"), "{text}");
    let o = in_root(&["ch19-handof", "--moves", ""]);
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        error_line(&o).contains("did you mean `ch19-handoff`?"),
        "{}",
        err(&o)
    );
}
