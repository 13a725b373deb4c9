//! CONTRIBUTING's "Adding a level", followed: a level added beside its chapter, and no runner
//! source changed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::{err, error_line, out};

/// CONTRIBUTING's "Adding a level": a level is its chapter's two files in `play/src/levels/`,
/// and no runner source. A scratch course holds the course's tables and one more, `ch19.json`,
/// written here as a chapter author would: the runner, as built, lists its level in the order
/// of the files' names and resolves a name near it, reading the tables from the course before
/// any build.
#[test]
fn level_added_beside_its_chapter_is_listed_and_named_by_the_runner() {
    let (root, levels) = scratch_tables("new-level");
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
    let in_root = |args: &[&str]| play_in(&root, args);
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

/// A scratch course with a copy of the course's level tables: its root and its tables' folder.
fn scratch_tables(name: &str) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
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
    (root, levels)
}

/// `cargo xtask play` with `args`, as built, in the scratch course `root`.
fn play_in(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(root)
        .env_remove("CARGO_MANIFEST_DIR")
        .env("COLUMNS", "80")
        .args(["--no-build", "play"])
        .args(args)
        .output()
        .unwrap()
}

/// A level table a chapter author mistyped is a usage error (exit 2), one line that names the
/// file, where it stops reading or what is wrong, and what to do.
#[test]
fn a_level_table_that_does_not_read_is_a_usage_error_naming_the_file_and_line() {
    let (root, levels) = scratch_tables("bad-level");
    let table = levels.join("ch04.json");
    let good = std::fs::read_to_string(&table).unwrap();
    let comma = good.match_indices(',').nth(2).unwrap().0;
    let line = good[..comma].matches('\n').count() + 1;
    let cases = [
        (
            format!("{},{}", &good[..comma], &good[comma..]),
            format!("it stops reading at line {line}"),
        ),
        (
            good.replacen("\"title\"", "\"titel\"", 1),
            "titel".to_string(),
        ),
    ];
    for (text, says) in cases {
        std::fs::write(&table, text).unwrap();
        let o = play_in(&root, &[]);
        assert_eq!(o.status.code(), Some(2), "{}{}", out(&o), err(&o));
        assert_eq!(err(&o).lines().count(), 1, "{}", err(&o));
        let line = error_line(&o);
        for part in [
            "play/src/levels/ch04.json",
            &says,
            "mend it as CONTRIBUTING's \"Adding a level\" says",
        ] {
            assert!(line.contains(part), "no `{part}` in: {line}");
        }
    }
    let _ = std::fs::remove_dir_all(&root);
}
