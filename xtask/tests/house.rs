//! The house's rules that a test can hold over the whole tree: the size of files and functions
//! under `xtask/`, `common/` and `play/` (CONTRIBUTING, "The size rules"), and the targets that
//! `cargo test` is told to skip, which must have nothing to skip.

mod size;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use size::Source;

/// Lines of code a file may have.
const FILE_LIMIT: usize = 400;
/// Lines of code a function may have.
const FUNCTION_LIMIT: usize = 100;
/// Lines of code the `xtask` binary crate (`xtask/src`) may have in all: the commands and the
/// one screen layer; what decides lives in the libraries beside it (issue 26).
const BINARY_LIMIT: usize = 6000;
/// The line that marks a file as only a table of data, which may be longer.
const DATA_MARK: &str = "// A table of data: it may pass the 400 lines (xtask/tests/house.rs).";

/// The files over the limit before the runner's refactor (issue 26), with their lines of code.
/// The refactor brought each under the limit: the list is empty, and a new file over the limit
/// is split, not listed.
const FILES: &[(&str, usize)] = &[];

/// The functions over the limit before the refactor, as `file::name`, with their lines of code.
const FUNCTIONS: &[(&str, usize)] = &[];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// The `.rs` files under `dir`, but not in a `target` folder or among the exercises' kept
/// answers (`xtask/tests/answers/`: a student's code, not the house's).
fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("target") && !path.ends_with("xtask/tests/answers") {
                rust_files(&path, into);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// What is wrong with the sizes `found` (name to lines of code, only those over `limit`)
/// against the `listed` offenders: a new offender, a listed one grown, or a listed one that is
/// no longer over the limit (its line comes off the list).
fn judge(
    what: &str,
    limit: usize,
    listed: &[(&str, usize)],
    found: &[(String, usize)],
) -> Vec<String> {
    let listed: BTreeMap<&str, usize> = listed.iter().copied().collect();
    let found_map: BTreeMap<&str, usize> = found.iter().map(|(n, c)| (n.as_str(), *c)).collect();
    let mut problems = Vec::new();
    for (name, &count) in &found_map {
        match listed.get(name) {
            None => problems.push(format!(
                "{what} {name} has {count} lines of code, over {limit}: split it"
            )),
            Some(&was) if count > was => problems.push(format!(
                "{what} {name} grew from {was} to {count} lines of code, over {limit}: \
                 make it no longer than it was, better under {limit}"
            )),
            Some(_) => {}
        }
    }
    for (name, was) in listed {
        if !found_map.contains_key(name) {
            problems.push(format!(
                "{what} {name} ({was} lines of code on the list) is no longer over {limit}: \
                 take it off the list in xtask/tests/house.rs"
            ));
        }
    }
    problems
}

#[test]
fn files_and_functions_keep_the_size_rules() {
    let mut paths = Vec::new();
    for dir in ["xtask", "common", "play"] {
        rust_files(&root().join(dir), &mut paths);
    }
    let (mut files, mut functions, mut problems) = (Vec::new(), Vec::new(), Vec::new());
    let mut binary = Vec::new();
    for path in paths {
        let name = path.strip_prefix(root()).unwrap().display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let source = Source::read(&text);
        let fns = source.functions();
        if path.starts_with(root().join("xtask/src")) {
            binary.push((name.clone(), source.lines_of_code()));
        }
        if text.lines().any(|l| l.trim() == DATA_MARK) {
            if !fns.is_empty() {
                problems.push(format!(
                    "{name} is marked as a table of data but has functions: {}",
                    fns.iter()
                        .map(|f| f.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        } else if source.lines_of_code() > FILE_LIMIT {
            files.push((name.clone(), source.lines_of_code()));
        }
        for f in fns.into_iter().filter(|f| f.length > FUNCTION_LIMIT) {
            functions.push((format!("{name}::{}", f.name), f.length));
        }
    }
    problems.extend(binary_over(&binary));
    problems.extend(judge("file", FILE_LIMIT, FILES, &files));
    problems.extend(judge("function", FUNCTION_LIMIT, FUNCTIONS, &functions));
    assert!(
        problems.is_empty(),
        "{}\n\nToday's offenders:\n{files:?}\n{functions:?}",
        problems.join("\n")
    );
}

/// What is wrong with the `xtask` binary's size, from the lines of code of each of its files:
/// nothing, or its total over [`BINARY_LIMIT`] with its largest files.
fn binary_over(files: &[(String, usize)]) -> Option<String> {
    let total: usize = files.iter().map(|(_, n)| n).sum();
    if total <= BINARY_LIMIT {
        return None;
    }
    let mut largest = files.to_vec();
    largest.sort_by_key(|f| std::cmp::Reverse(f.1));
    largest.truncate(5);
    Some(format!(
        "the xtask binary (xtask/src) has {total} lines of code in {} files, over \
         {BINARY_LIMIT}: move what decides into a library (xtask/course), not what is said; \
         its largest files: {largest:?}",
        files.len()
    ))
}

#[test]
fn the_binary_is_summed_over_its_files() {
    let files = |n: &[usize]| -> Vec<(String, usize)> {
        n.iter()
            .enumerate()
            .map(|(k, &n)| (format!("{k}.rs"), n))
            .collect()
    };
    assert_eq!(binary_over(&files(&[3000, 3000])), None);
    let over = binary_over(&files(&[3000, 2000, 1001])).unwrap();
    assert!(over.contains("6001 lines of code in 3 files"), "{over}");
}

#[test]
fn the_judge_says_new_grown_and_mended_offenders() {
    let listed = [("a.rs", 500), ("b.rs", 450), ("c.rs", 420)];
    let found = [
        ("a.rs".to_string(), 501),
        ("b.rs".to_string(), 440),
        ("d.rs".to_string(), 401),
    ];
    let problems = judge("file", 400, &listed, &found);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(
        problems[0].contains("a.rs grew from 500 to 501"),
        "{problems:#?}"
    );
    assert!(
        problems[1].contains("d.rs has 401 lines of code, over 400"),
        "{problems:#?}"
    );
    assert!(
        problems[2].contains("c.rs (420 lines of code on the list) is no longer over"),
        "{problems:#?}"
    );
    // One that shrank and is still over passes: its number stays the ceiling.
    assert!(
        judge(
            "file",
            400,
            &listed,
            &[
                ("a.rs".into(), 500),
                ("b.rs".into(), 401),
                ("c.rs".into(), 420)
            ]
        )
        .is_empty()
    );
}

/// A target of a workspace member whose manifest says `test = false` or `doctest = false`.
struct Untested {
    manifest: PathBuf,
    /// The target's own files: its root file, and for a library every file under `src/` but
    /// the binary's `main.rs`.
    files: Vec<PathBuf>,
    test: bool,
    doctest: bool,
}

/// The `[lib]` and `[[bin]]` targets of `member` that `cargo test` is told to skip.
fn untested(member: &Path) -> Vec<Untested> {
    let manifest = member.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let mut targets = Vec::new();
    // (section, path, test, doctest) of each target section, in order.
    let mut section: Option<(String, Option<String>, bool, bool)> = None;
    for line in text.lines().map(str::trim).chain(["[end]"]) {
        if line.starts_with('[') {
            if let Some((kind, path, test, doctest)) = section.take()
                && (!test || !doctest)
            {
                let files = match (kind.as_str(), path) {
                    (_, Some(p)) if kind == "[[bin]]" => vec![member.join(p)],
                    ("[lib]", p) => {
                        let mut all = Vec::new();
                        rust_files(&member.join("src"), &mut all);
                        let root = member.join(p.unwrap_or("src/lib.rs".into()));
                        all.retain(|f| f == &root || !f.ends_with("main.rs"));
                        all
                    }
                    _ => vec![],
                };
                targets.push(Untested {
                    manifest: manifest.clone(),
                    files,
                    test,
                    doctest,
                });
            }
            if line == "[lib]" || line == "[[bin]]" {
                section = Some((line.to_string(), None, true, true));
            }
        } else if let Some((_, path, test, doctest)) = section.as_mut() {
            let value = |key: &str| {
                let (k, v) = line.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
            };
            if let Some(p) = value("path") {
                *path = Some(p);
            }
            *test &= value("test").as_deref() != Some("false");
            *doctest &= value("doctest").as_deref() != Some("false");
        }
    }
    targets
}

/// Whether a doc comment of `text` holds a code block that rustdoc would test (a fence with no
/// language, or a Rust one: `rust`, `compile_fail`, `no_run`, `should_panic`, `ignore`, ...).
fn has_doc_test(text: &str) -> bool {
    let mut open = false;
    for line in text.lines().map(str::trim) {
        let Some(doc) = line
            .strip_prefix("///")
            .or_else(|| line.strip_prefix("//!"))
        else {
            continue;
        };
        let Some(info) = doc.trim().strip_prefix("```") else {
            continue;
        };
        let rust = [
            "",
            "rust",
            "compile_fail",
            "no_run",
            "should_panic",
            "ignore",
        ];
        let mut words = info.split(',').map(str::trim);
        if !open && words.any(|w| rust.contains(&w) || w.starts_with("edition")) {
            return true;
        }
        open = !open;
    }
    false
}

/// `test = false` and `doctest = false` spare `cargo test` a harness with no test in it and a
/// rustdoc run with no example to test: each holds only while it is so. A test added to such a
/// target would never run.
#[test]
fn untested_targets_have_no_tests() {
    // The workspace's members, as its manifest names them (`chapters/*`: every folder there).
    let workspace = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let line = workspace
        .lines()
        .find(|l| l.starts_with("members"))
        .unwrap();
    let mut members = Vec::new();
    for name in line.split('"').skip(1).step_by(2) {
        match name.strip_suffix("/*") {
            Some(dir) => {
                for entry in std::fs::read_dir(root().join(dir)).unwrap() {
                    members.push(entry.unwrap().path());
                }
            }
            None => members.push(root().join(name)),
        }
    }
    let mut problems = Vec::new();
    let mut seen = 0;
    for target in members.iter().flat_map(|m| untested(m)) {
        seen += 1;
        assert!(
            !target.files.is_empty(),
            "{}: a target without files",
            target.manifest.display()
        );
        for file in &target.files {
            let text = std::fs::read_to_string(file).unwrap();
            let name = file.strip_prefix(root()).unwrap().display();
            let manifest = target.manifest.strip_prefix(root()).unwrap().display();
            if !target.test && text.contains("#[test]") {
                problems.push(format!("{name} has a #[test], but {manifest} says `test = false` for it: remove that line"));
            }
            if !target.doctest && has_doc_test(&text) {
                problems.push(format!("{name} has a doc test, but {manifest} says `doctest = false` for it: remove that line"));
            }
        }
    }
    assert!(
        seen >= 18,
        "only {seen} untested targets found: is the manifest read?"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
