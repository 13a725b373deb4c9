//! The course itself: every chapter carries its lesson, its expected log, and its row in the
//! README.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

#[test]
fn every_chapter_has_its_lesson_and_expected_log() {
    let mut count = 0;
    for entry in std::fs::read_dir(root().join("chapters")).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_str().unwrap().to_string();
        let main = std::fs::read_to_string(dir.join("src/main.rs")).unwrap();
        assert!(
            main.starts_with("//! # "),
            "{name}: the doc starts with `//! # Title`"
        );
        for heading in ["## What to look for", "## Python original", "## Try this"] {
            assert!(
                main.contains(&format!("//! {heading}\n")),
                "{name}: no `{heading}`"
            );
        }
        assert!(
            main.contains("#![forbid(unsafe_code)]"),
            "{name}: forbids unsafe"
        );
        let log = std::fs::read_to_string(dir.join("expected.log"))
            .unwrap_or_else(|_| panic!("{name}: no expected.log"));
        assert!(
            log.starts_with("00:00:00: "),
            "{name}: the log starts at 00:00:00"
        );
        count += 1;
    }
    assert!(count >= 3, "found {count} chapters");
}

/// "No schedule" is said only of what a model searched: wherever a chapter's doc says it, the
/// same sentence says which schedules the model ran (a claim about every schedule, where a
/// search has a bound, says more than was shown).
#[test]
fn a_chapters_no_schedule_says_which_schedules() {
    for entry in std::fs::read_dir(root().join("chapters")).unwrap() {
        let dir = entry.unwrap().path();
        let main = std::fs::read_to_string(dir.join("src/main.rs")).unwrap();
        let doc: String = main
            .lines()
            .filter_map(|l| l.strip_prefix("//!"))
            .collect::<Vec<_>>()
            .join(" ");
        let doc = doc.split_whitespace().collect::<Vec<_>>().join(" ");
        for (at, _) in doc.to_lowercase().match_indices("no schedule") {
            let sentence: String = doc[at..].chars().take_while(|c| *c != '.').collect();
            assert!(
                sentence.contains("the model runs") || sentence.contains("the model ran"),
                "{}: \"{sentence}\" does not say which schedules were run",
                dir.display()
            );
        }
    }
}

#[test]
fn the_readme_chapter_map_is_up_to_date() {
    let o = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["readme", "--check"])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}
