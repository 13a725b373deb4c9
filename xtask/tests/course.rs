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

/// The section of CONTRIBUTING.md under `## {title}`, to the next section.
fn recipe(title: &str) -> String {
    let text = std::fs::read_to_string(root().join("CONTRIBUTING.md")).unwrap();
    let head = format!("\n## {title}\n");
    let at = text
        .find(&head)
        .unwrap_or_else(|| panic!("no `## {title}`"))
        + head.len();
    let rest = &text[at..];
    rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
}

/// What a text names in backticks, in order.
fn named(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// The non-test code of the `.rs` files under `dir`, without its comments: (path, code).
fn code_under(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or("");
                let code: Vec<&str> = code
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect();
                out.push((path, code.join("\n")));
            }
        }
    }
    out
}

/// "Changing how a failed check is printed": every function the recipe names is in the ui file
/// it names, every value it names is in the library file it names, and the words of a failed
/// check are in no file but the ui files it names: a change to them touches those files only.
#[test]
fn the_printing_recipe_names_where_a_failed_check_is_put_into_words() {
    let recipe = recipe("Changing how a failed check is printed");
    let xtask = root().join("xtask");
    let mut ui_files = Vec::new();
    // `ui/report.rs` (`render`, `runs_failed`, ...): each name a fn of that file.
    for chunk in recipe.split("`ui/").skip(1) {
        let file = chunk.split('`').next().unwrap();
        let path = xtask.join("src/ui").join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("the recipe names ui/{file}: {e}"));
        ui_files.push(path);
        let after = &chunk[file.len() + 1..];
        let Some(list) = after.strip_prefix(" (") else {
            continue;
        };
        let list = &list[..list.find(')').unwrap()];
        let names = named(list);
        let names = names
            .iter()
            .filter(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        for name in names {
            assert!(
                text.contains(&format!("fn {name}(")) || text.contains(&format!("fn {name}<")),
                "the recipe says ui/{file} has `{name}`; it has no such fn"
            );
        }
    }
    assert!(ui_files.len() >= 3, "{ui_files:?}");
    for (value, file) in [
        ("course::verdict::Verdict", "xtask/course/src/verdict.rs"),
        ("course::noise::Judged", "xtask/course/src/noise.rs"),
        ("course::judge::Judgement", "xtask/course/src/judge/mod.rs"),
    ] {
        assert!(recipe.contains(value), "the recipe does not name {value}");
        let ty = value.rsplit("::").next().unwrap();
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        assert!(
            text.contains(&format!("pub struct {ty}")),
            "{ty} is not in {file}"
        );
    }
    // The words a failed check says, as the runner's tests read them: in the ui files named.
    let words = [
        "what this means:",
        "was expected at",
        "the lesson did not show",
        "✗",
        "NOT blessed",
        "FAILED",
        "does not match",
        "did not show its lesson",
    ];
    let mut said = Vec::new();
    for dir in ["xtask/src", "xtask/course/src", "xtask/timeline/src"] {
        for (path, code) in code_under(&root().join(dir)) {
            for w in words.iter().filter(|w| code.contains(**w)) {
                said.push(*w);
                assert!(
                    ui_files.contains(&path),
                    "{} says `{w}` of a failed check; the recipe names only {ui_files:?}",
                    path.display()
                );
            }
        }
    }
    for w in words {
        assert!(
            said.contains(&w),
            "no file says `{w}`: the test looks for nothing"
        );
    }
}

/// "Adding a chapter": every file and folder beside a chapter's crate is one that the recipe
/// names (a chapter's `broken.txt` as much as its `expected.log`), so that the recipe makes a
/// chapter whole; and the runner's source is no step of it.
#[test]
fn the_chapter_recipe_names_every_file_a_chapter_has() {
    let recipe = recipe("Adding a chapter");
    let names = named(&recipe);
    let mut seen = 0;
    for entry in std::fs::read_dir(root().join("chapters")).unwrap() {
        let dir = entry.unwrap().path();
        let chapter = dir.file_name().unwrap().to_string_lossy().into_owned();
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap();
            let mut name = file.file_name().to_string_lossy().into_owned();
            if file.path().is_dir() {
                name.push('/');
            }
            // `expected.log`, `src/main.rs` (the folder `src/`), or the whole path.
            let said = names.iter().any(|n| {
                let n = n.strip_prefix("chapters/chNN_name/").unwrap_or(n);
                n == name || (name.ends_with('/') && n.starts_with(&name))
            });
            assert!(said, "{chapter}/{name} is in no step of the recipe");
            seen += 1;
        }
    }
    assert!(seen >= 18 * 4, "{seen}");
    for n in &names {
        assert!(
            !n.starts_with("xtask/src/") && !n.starts_with("xtask/course/src/verdict.rs"),
            "the recipe has a chapter author edit the runner: `{n}`"
        );
    }
}

/// "Adding a level of `cargo xtask play`": the levels' folder holds only what the recipe names,
/// a chapter's table and scenarios side by side (and `mod.rs`, which lists the chapters), and
/// every table has its scenarios beside it.
#[test]
fn the_level_recipe_names_the_files_a_level_is_made_of() {
    let recipe = recipe("Adding a level of `cargo xtask play`");
    for file in [
        "play/src/levels/chNN.json",
        "play/src/levels/chNN.rs",
        "play/src/levels/mod.rs",
        "play/tests/fixes.rs",
        "play/tests/levels.rs",
    ] {
        assert!(recipe.contains(file), "the recipe does not name {file}");
    }
    let dir = root().join("play/src/levels");
    let mut tables = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let stem = name
            .strip_suffix(".rs")
            .or_else(|| name.strip_suffix(".json"))
            .unwrap_or("");
        let chapter = stem.len() == 4
            && stem.starts_with("ch")
            && stem[2..].chars().all(|c| c.is_ascii_digit());
        assert!(
            chapter || name == "mod.rs",
            "play/src/levels/{name} is no file the recipe names"
        );
        if let Some(stem) = name.strip_suffix(".json") {
            tables += 1;
            assert!(
                dir.join(format!("{stem}.rs")).exists(),
                "{name} has no scenarios"
            );
        }
    }
    assert!(tables >= 14, "{tables}");
}
