//! The runner finds its workspace at run time. Two clones of a course that share one target dir
//! (`CARGO_TARGET_DIR`) run one and the same runner binary; each must check its own chapters,
//! not those of the clone the binary was built in.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A small course: a workspace with one chapter, the `fx_pass` fixture, whose expected log says
/// `value` where the fixture prints 42.
fn clone(root: &Path, value: &str) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fx_pass");
    let chapter = root.join("chapters/fx_pass");
    std::fs::create_dir_all(&chapter).unwrap();
    std::fs::create_dir_all(root.join("xtask")).unwrap();
    std::fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
    std::fs::copy(fixture.join("main.rs"), chapter.join("main.rs")).unwrap();
    let log = std::fs::read_to_string(fixture.join("expected.log")).unwrap();
    std::fs::write(
        chapter.join("expected.log"),
        log.replace("value is [..]", &format!("value is {value}")),
    )
    .unwrap();
    root.to_path_buf()
}

/// The one runner binary, started in `dir` the way cargo starts it (`CARGO_MANIFEST_DIR` set
/// to the clone's xtask package) or by hand (not set).
fn run_in(dir: &Path, manifest_dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.current_dir(dir)
        .args(["--no-build", "run", "fx_pass", "--speed", "4"])
        .env_remove("CARGO_MANIFEST_DIR");
    if let Some(m) = manifest_dir {
        cmd.env("CARGO_MANIFEST_DIR", m);
    }
    cmd.output().unwrap()
}

#[test]
fn two_clones_sharing_one_target_dir_each_check_their_own_chapters() {
    let base = std::env::temp_dir().join(format!("xtask-clones-{}", std::process::id()));
    let good = clone(&base.join("good"), "42");
    let broken = clone(&base.join("broken"), "41");
    let say = |o: &Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    for (started_by_cargo, name) in [(true, "cargo run"), (false, "by hand")] {
        let m = |c: &Path| started_by_cargo.then(|| c.join("xtask"));
        // Both started from the same folder, outside either clone: only the manifest dir tells.
        let from = |c: &Path| {
            if started_by_cargo {
                base.clone()
            } else {
                c.join("chapters")
            }
        };
        let o = run_in(&from(&good), m(&good).as_deref());
        assert_eq!(o.status.code(), Some(0), "{name}, good clone: {}", say(&o));
        let o = run_in(&from(&broken), m(&broken).as_deref());
        assert_eq!(
            o.status.code(),
            Some(1),
            "{name}, broken clone: {}",
            say(&o)
        );
        let expected = broken.join("chapters/fx_pass/expected.log");
        assert!(
            say(&o).contains(&expected.display().to_string()),
            "{name}: the broken clone's own log is named: {}",
            say(&o)
        );
    }
    // Outside any workspace, the runner says where to run it.
    let o = run_in(&std::env::temp_dir(), None);
    assert_eq!(o.status.code(), Some(2), "{}", say(&o));
    assert!(
        say(&o).contains("not inside the course's workspace"),
        "{}",
        say(&o)
    );
    std::fs::remove_dir_all(base).unwrap();
}

/// The `.rs` files under `dir`, as (their path from `dir`, their text).
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), text));
            }
        }
    }
    out.sort();
    out
}

/// The names `crate::cmd::NAME` names in `text`, `use crate::cmd::{A, B}` too.
fn commands_named(text: &str) -> Vec<String> {
    named_after(text, "crate::cmd::")
}

/// The names that follow `prefix` in `text` (`prefix{A, B}` too).
fn named_after(text: &str, prefix: &str) -> Vec<String> {
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (_, rest) in text
        .match_indices(prefix)
        .map(|(i, _)| text.split_at(i + prefix.len()))
    {
        match rest.strip_prefix('{') {
            Some(group) => {
                let group = group.split('}').next().unwrap_or("");
                out.extend(group.split(',').map(|n| word(n.trim())));
            }
            None => out.push(word(rest)),
        }
    }
    out.retain(|n| !n.is_empty());
    out
}

/// The commands a file of command `own` at `parts` (`cmd/list.rs`, `cmd/check/mod.rs`,
/// `cmd/check/timeline_out.rs`) reaches through `super::` (the `super::`s that lead to `cmd`),
/// other than its own: `commands` are the commands' names. A test module's `super::` is its
/// file's, and is not read.
fn commands_through_super(
    text: &str,
    parts: &[String],
    own: &str,
    commands: &[String],
) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let depth =
        parts.len() - 1 - usize::from(parts.len() > 2 && parts[parts.len() - 1] == "mod.rs");
    let prefix = "super::".repeat(depth);
    named_after(code, &prefix)
        .into_iter()
        .filter(|n| n != own && commands.contains(n))
        .collect()
}

/// The house's layers (CONTRIBUTING, "The house"): a command (`src/cmd/<name>`) never imports
/// another, what the commands share (`cli/`, `ui/`) imports no command, `ui/` does not import
/// `cli/` (which uses `ui`), and the libraries `course` and `timeline` never print: no
/// `print!`, no terminal, no colour code.
#[test]
fn commands_never_import_one_another_and_the_library_never_prints() {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut wrong = Vec::new();
    let commands: Vec<String> = sources(&xtask.join("src/cmd"))
        .iter()
        .filter_map(|(p, _)| {
            let first = p.components().next()?.as_os_str().to_string_lossy();
            let name = first.trim_end_matches(".rs");
            (name != "mod").then(|| name.to_string())
        })
        .collect();
    for (path, text) in sources(&xtask.join("src")) {
        let parts: Vec<String> = path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let named = commands_named(&text);
        match parts.as_slice() {
            [main] if main == "main.rs" => {}
            [cmd, rest @ ..] if cmd == "cmd" => {
                let own = rest[0].trim_end_matches(".rs");
                let reached = commands_through_super(&text, &parts, own, &commands);
                for other in named.iter().chain(&reached).filter(|n| *n != own) {
                    wrong.push(format!(
                        "src/{}: the command `{own}` imports `{other}`",
                        path.display()
                    ));
                }
            }
            _ => {
                if let Some(n) = named.first() {
                    wrong.push(format!("src/{}: imports the command `{n}`", path.display()));
                }
                if parts[0] == "ui" && text.contains("crate::cli") {
                    wrong.push(format!(
                        "src/{}: ui imports cli, which imports ui",
                        path.display()
                    ));
                }
            }
        }
    }
    let printing = [
        "println!",
        "print!",
        "eprintln!",
        "eprint!",
        "\\x1b[",
        "is_terminal",
    ];
    let libraries = [
        "course/src",
        "timeline/src",
        "textfit/src",
        "../play/proto/src",
    ];
    for (lib, (path, text)) in libraries
        .iter()
        .flat_map(|lib| sources(&xtask.join(lib)).into_iter().map(move |s| (lib, s)))
    {
        // What a test prints to explain itself is no output of the library (nor is a file of
        // tests), nor are words in a comment.
        if path.ends_with("tests.rs") {
            continue;
        }
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or("")
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        for p in printing.iter().filter(|p| code.contains(**p)) {
            wrong.push(format!("{lib}/{}: the library has `{p}`", path.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_import_of_a_command_is_found_however_it_is_written() {
    assert_eq!(
        commands_named("use crate::cmd::check::run; crate::cmd::play::listed(r)"),
        ["check", "play"]
    );
    assert_eq!(
        commands_named("use crate::cmd::{bless, book};"),
        ["bless", "book"]
    );
    assert!(commands_named("use crate::cli::Cmd;").is_empty());
    let commands = ["check".to_string(), "list".to_string(), "play".to_string()];
    let parts = |p: &str| -> Vec<String> { p.split('/').map(String::from).collect() };
    let reached = |text, path, own| commands_through_super(text, &parts(path), own, &commands);
    assert_eq!(
        reached("use super::check::run;", "cmd/list.rs", "list"),
        ["check"]
    );
    assert_eq!(
        reached("use super::{check, list};", "cmd/play/mod.rs", "play"),
        ["check", "list"]
    );
    assert_eq!(
        reached("use super::super::check::x;", "cmd/play/game.rs", "play"),
        ["check"]
    );
    // A module's own `super::` (`cmd/play/game.rs` to `play`), and a test module's, are not
    // another command.
    assert!(reached("use super::keys;", "cmd/play/game.rs", "play").is_empty());
    assert!(reached("#[cfg(test)]\nuse super::check;", "cmd/list.rs", "list").is_empty());
}
