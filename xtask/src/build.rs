//! Cargo and the workspace: the only place the runner calls cargo (always `$CARGO`, the cargo
//! that started it) and finds what it runs: the chapters' binaries, and `python3` with the
//! chapters' Python twins.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use crate::cli::{Ctx, Fail};
use crate::course::Chapter;
use crate::launch::Program;

/// The workspace this runner works on, found at run time, never from a path compiled in: two
/// clones sharing one `CARGO_TARGET_DIR` run one runner binary, and each must check its own
/// chapters. Cargo tells the process it runs (`cargo run`, `cargo test`) its package's folder in
/// `CARGO_MANIFEST_DIR`; started by hand, the runner looks up from the current folder. Either way
/// the workspace is the nearest folder above whose `Cargo.toml` has a `[workspace]` table.
pub fn workspace() -> Result<PathBuf, String> {
    let start = match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            std::env::current_dir().map_err(|e| format!("cannot tell the current folder: {e}"))?
        }
    };
    start
        .ancestors()
        .find(|dir| is_workspace(dir))
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            format!(
                "{} is not inside the course's workspace; run `cargo xtask` in the course's folder",
                start.display()
            )
        })
}

fn is_workspace(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("Cargo.toml"))
        .is_ok_and(|t| t.lines().any(|l| l.trim() == "[workspace]"))
}

/// `$CARGO`, in the workspace.
fn cargo(ctx: &Ctx) -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(&ctx.root);
    cmd
}

/// Build the chapters' binaries (unless `--no-build`) and find each: they land next to this
/// runner's own binary. (The runner itself is built by `cargo xtask`, the alias in
/// `.cargo/config.toml`, which is not `--quiet` for the same reason.)
pub fn chapters(ctx: &Ctx, chapters: &[&Chapter]) -> Result<Vec<PathBuf>, Fail> {
    if ctx.opts.build && !chapters.is_empty() {
        let mut cmd = cargo(ctx);
        cmd.args(["build", "--workspace"]);
        // On a terminal, cargo's own progress shows that a first build is under way; piped (CI,
        // the runner's tests), only its errors.
        if !std::io::stderr().is_terminal() {
            cmd.arg("--quiet");
        }
        for c in chapters {
            cmd.args(["--bin", &c.name]);
        }
        let status = crate::child::status(&mut cmd)
            .map_err(|e| Fail::Broken(format!("cannot start cargo to build the chapters: {e}")))?;
        if !status.success() {
            return Err(Fail::Broken(
                "the chapters did not build (cargo's errors are above)".into(),
            ));
        }
    }
    let me = std::env::current_exe()
        .map_err(|e| Fail::Broken(format!("cannot find the runner's own binary: {e}")))?;
    chapters
        .iter()
        .map(|c| {
            let exe = me
                .with_file_name(&c.name)
                .with_extension(std::env::consts::EXE_EXTENSION);
            if exe.is_file() {
                Ok(exe)
            } else {
                Err(Fail::Usage(format!(
                    "{} is not built ({} is missing); run without --no-build",
                    c.name,
                    exe.display()
                )))
            }
        })
        .collect()
}

/// Build one of the runner's fixtures (a bin of this package, see `fixtures/README.md`) unless
/// `--no-build`, and find it next to this runner.
pub fn fixture(ctx: &Ctx, name: &str) -> Result<PathBuf, Fail> {
    if ctx.opts.build {
        let status = crate::child::status(cargo(ctx).args([
            "build",
            "--quiet",
            "--package",
            "xtask",
            "--bin",
            name,
        ]))
        .map_err(|e| Fail::Broken(format!("cannot start cargo to build {name}: {e}")))?;
        if !status.success() {
            return Err(Fail::Broken(format!(
                "{name} did not build (cargo's errors are above)"
            )));
        }
    }
    let me = std::env::current_exe()
        .map_err(|e| Fail::Broken(format!("cannot find the runner's own binary: {e}")))?;
    let exe = me
        .with_file_name(name)
        .with_extension(std::env::consts::EXE_EXTENSION);
    if exe.is_file() {
        Ok(exe)
    } else {
        Err(Fail::Usage(format!(
            "{name} is not built ({} is missing); run without --no-build",
            exe.display()
        )))
    }
}

/// Which sync types a build runs the chapters on (see `common::sync`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runtime {
    /// std's: the ordinary build.
    Std,
    /// loom's, under `--cfg loom`, in `target/loom`.
    Loom,
    /// shuttle's (the play runtime), under `--cfg shuttle`, in `target/play`.
    Shuttle,
}

/// `cargo <args>` in the workspace, its output straight to the terminal. Under a model
/// checker's runtime, with its `--cfg` (its types replace std's only then) in a target dir of
/// its own, which keeps the ordinary build's cache.
pub fn cargo_run(ctx: &Ctx, args: &[&str], runtime: Runtime) -> Result<ExitStatus, Fail> {
    let mut cmd = cargo(ctx);
    match runtime {
        Runtime::Std => {}
        Runtime::Loom => {
            cmd.env("RUSTFLAGS", "--cfg loom")
                .env("CARGO_TARGET_DIR", ctx.root.join("target/loom"));
        }
        Runtime::Shuttle => on_play_runtime(&mut cmd, &ctx.root.join("target/play")),
    }
    cmd.args(args);
    crate::child::status(&mut cmd).map_err(|e| Fail::Broken(format!("cannot start cargo: {e}")))
}

/// The packages a model's search spends its time in (shuttle's task switches, the play backend's
/// book-keeping), optimised in the play runtime's builds only: exercise 7's model, 4,438
/// schedules, took 3.5 to 4.0 s with them unoptimised and 0.9 to 1.0 s so (load 6). The
/// course's own build never has them at this level, and the exercises' and the engine's builds
/// share these settings, so each is compiled once in `target/play`.
const PLAY_OPTIMISED: [&str; 12] = [
    "shuttle",
    "shuttle-engine",
    "shuttle-std",
    "shuttle-schedulers",
    "corosensei",
    "tracing",
    "tracing-core",
    "scoped-tls",
    "smallvec",
    "bitvec",
    "common",
    "play",
];

/// A cargo command on the play runtime: shuttle's types in place of std's (`--cfg shuttle`), in
/// the target dir `target` of its own, with the search's packages optimised.
fn on_play_runtime(cmd: &mut Command, target: &Path) {
    cmd.env("RUSTFLAGS", "--cfg shuttle")
        .env("CARGO_TARGET_DIR", target);
    for p in PLAY_OPTIMISED {
        cmd.arg("--config")
            .arg(format!("profile.dev.package.{p}.opt-level=2"));
    }
}

/// The course's target dir: `CARGO_TARGET_DIR` when set (as cargo reads it), else `target/`.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(t) if !t.is_empty() => root.join(t),
        _ => root.join("target"),
    }
}

/// Put the course's one `Cargo.lock` into the exercise workspace `ws`, when it is not there yet
/// or the course's is newer, and let cargo add the exercises to the copy (which git ignores) at
/// once: the builds that follow, two at a time, then find it complete and never write it.
pub fn lock_in(root: &Path, ws: &Path) -> Result<(), Fail> {
    let (from, to) = (root.join("Cargo.lock"), ws.join("Cargo.lock"));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if modified(&to).is_some() && modified(&to) >= modified(&from) {
        return Ok(());
    }
    std::fs::copy(&from, &to).map_err(|e| {
        Fail::Broken(format!(
            "cannot copy {} into {}: {e}",
            from.display(),
            ws.display()
        ))
    })?;
    // `cargo metadata` resolves the workspace against the copied lock, keeping its versions.
    let status = crate::child::status(
        Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .current_dir(ws)
            .args(["metadata", "--quiet", "--format-version", "1"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null()),
    )
    .map_err(|e| Fail::Broken(format!("cannot start cargo: {e}")))?;
    if !status.success() {
        return Err(Fail::Broken(format!(
            "cargo could not read the exercises' workspace {} (its errors are above)",
            ws.display()
        )));
    }
    Ok(())
}

/// Whether shuttle, the play runtime, is already built in `target`'s play dir: the first model
/// build compiles it (about a minute on two cores), every later one reuses it.
pub fn play_runtime_is_built(target: &Path) -> bool {
    std::fs::read_dir(target.join("play/debug/.fingerprint")).is_ok_and(|d| {
        d.flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("shuttle-"))
    })
}

/// How an exercise build went: the binary, or what the compiler said.
pub type Built = Result<PathBuf, String>;

/// Build exercise `name` of the exercise workspace `ws` (`exercises/`, or a scratch copy) with
/// the course's one `Cargo.lock` (see [`lock_in`]), in `target`: for `exercises/`, the course's own
/// target dir, so that the course's compiled dependencies are reused and only the exercise is
/// compiled. A scratch copy needs a target dir of its own: cargo names a path package's build by
/// its path inside its workspace, which is the same in the copy, so the two would share (and
/// overwrite) each other's builds.
pub fn exercise(ws: &Path, target: &Path, name: &str, color: bool) -> Result<Built, Fail> {
    exercise_on(ws, target, name, None, color)
}

/// Build exercise `name`'s model on the play runtime (`tests/play.rs`), under `--cfg shuttle` in
/// `target/play`, where the play engine's build is (so shuttle is compiled once for both), in
/// the dev profile (a re-check after a save rebuilds it, and release takes several times longer).
pub fn exercise_play_model(
    ws: &Path,
    target: &Path,
    name: &str,
    color: bool,
) -> Result<Built, Fail> {
    exercise_on(ws, target, name, Some(Runtime::Shuttle), color)
}

fn exercise_on(
    ws: &Path,
    target: &Path,
    name: &str,
    model: Option<Runtime>,
    color: bool,
) -> Result<Built, Fail> {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(ws)
        .env("CARGO_TARGET_DIR", target)
        .stdin(std::process::Stdio::null());
    let color = if color {
        "--color=always"
    } else {
        "--color=never"
    };
    let common = [
        "--quiet",
        "--message-format=json-render-diagnostics",
        color,
        "-p",
        name,
    ];
    match model {
        Some(Runtime::Shuttle) => {
            on_play_runtime(&mut cmd, &target.join("play"));
            cmd.args(["test", "--no-run"])
                .args(common)
                .args(["--test", "play"]);
        }
        _ => {
            cmd.arg("build").args(common).args(["--bin", name]);
        }
    }
    let model = model.is_some();
    let out = crate::child::output(&mut cmd)
        .map_err(|e| Fail::Broken(format!("cannot start cargo to build {name}: {e}")))?;
    if !out.status.success() {
        return Ok(Err(String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    // Cargo names what it built, one JSON message a line: the binary, or the test's executable
    // (whose name has a hash in it, so it cannot be worked out beforehand).
    let kind = if model { "test" } else { "bin" };
    executable(&String::from_utf8_lossy(&out.stdout), kind)
        .map(|p| Ok(Ok(p)))
        .unwrap_or_else(|| {
            Err(Fail::Broken(format!(
                "cargo built {name} but named no binary"
            )))
        })
}

/// The executable of the `kind` (`bin`, `test`) target cargo built, from its JSON messages.
fn executable(messages: &str, kind: &str) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(crate::json::parse)
        .find_map(|m| {
            let artifact = m.get("reason")?.as_str()? == "compiler-artifact";
            let target = m.get("target")?;
            let named = target
                .get("kind")?
                .items()
                .iter()
                .any(|k| k.as_str() == Some(kind));
            (artifact && named).then(|| m.get("executable")?.as_str().map(PathBuf::from))?
        })
}

/// The oldest Python the twins are written for.
pub const PYTHON_MIN: (u32, u32) = (3, 9);

/// The Python twins of `chapters`: `python3` with each twin's script, or why a chapter has none.
/// First checks that there is a `python3` of 3.9 or newer: if not, that is a usage error, said
/// in one line, before anything runs.
pub fn twins(ctx: &Ctx, chapters: &[&Chapter]) -> Result<Vec<Result<Program, String>>, Fail> {
    python_version("python3").map_err(Fail::Usage)?;
    Ok(chapters
        .iter()
        .map(|c| {
            let script = c.twin_script(&ctx.root);
            if !script.is_file() {
                return Err(format!(
                    "{} has no Python twin ({} is missing)",
                    c.name,
                    script.strip_prefix(&ctx.root).unwrap_or(&script).display()
                ));
            }
            Ok(Program {
                exe: "python3".into(),
                args: vec![script.into_os_string()],
                // No `__pycache__` folders left in the repository by a check.
                env: vec![("PYTHONDONTWRITEBYTECODE", "1".into())],
            })
        })
        .collect())
}

/// The version of `python` (a command on `PATH`), if it is new enough for the twins.
pub fn python_version(python: &str) -> Result<(u32, u32), String> {
    let need = format!(
        "the Python twins need CPython {}.{} or newer",
        PYTHON_MIN.0, PYTHON_MIN.1
    );
    let out = crate::child::output(
        Command::new(python).args(["-c", "import sys; print(*sys.version_info[:2])"]),
    )
    .map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            format!("{python} is not installed (not on PATH); {need}")
        }
        _ => format!("cannot run {python} ({e}); {need}"),
    })?;
    let text = String::from_utf8_lossy(&out.stdout);
    let version = parse_version(&text).filter(|_| out.status.success());
    match version {
        Some(v) if v >= PYTHON_MIN => Ok(v),
        Some((major, minor)) => Err(format!("{python} is Python {major}.{minor}; {need}")),
        None => Err(format!(
            "{python} did not say its version (it printed `{}`); {need}",
            text.trim()
        )),
    }
}

/// `3 11` (what `print(*sys.version_info[:2])` prints) as `(3, 11)`.
fn parse_version(text: &str) -> Option<(u32, u32)> {
    let mut words = text.split_whitespace().map(str::parse::<u32>);
    match (words.next(), words.next(), words.next()) {
        (Some(Ok(major)), Some(Ok(minor)), None) => Some((major, minor)),
        _ => None,
    }
}

/// Build the play engine (the `play` crate under `--cfg shuttle`, shuttle's types in place of
/// std's, in `target/play`, a target dir of its own like loom's) unless `--no-build`, and find
/// it. The first build compiles shuttle: it says so, and on a terminal cargo's progress shows.
pub fn play_engine(ctx: &Ctx) -> Result<PathBuf, Fail> {
    let target = ctx.root.join("target/play");
    let exe = target
        .join("debug/play")
        .with_extension(std::env::consts::EXE_EXTENSION);
    if ctx.opts.build {
        if !exe.is_file() {
            let says = "Building the play runtime (the chapters under shuttle, in target/play): \
                        the first time compiles shuttle, about a minute on 2 cores.";
            for line in crate::ui::screen::wrap_line(says, crate::ui::term::width().unwrap_or(80)) {
                eprintln!("{line}");
            }
        }
        let mut cmd = cargo(ctx);
        cmd.args(["build", "--package", "play", "--bin", "play"]);
        if !std::io::stderr().is_terminal() {
            cmd.arg("--quiet");
        }
        on_play_runtime(&mut cmd, &target);
        let status = cmd
            .status()
            .map_err(|e| Fail::Broken(format!("cannot start cargo to build play: {e}")))?;
        if !status.success() {
            return Err(Fail::Broken(
                "the play runtime did not build (cargo's errors are above)".into(),
            ));
        }
    }
    if exe.is_file() {
        Ok(exe)
    } else {
        Err(Fail::Usage(format!(
            "the play runtime is not built ({} is missing); run without --no-build",
            exe.display()
        )))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_executable_is_read_from_cargos_messages() {
        // A library, then a bin whose name holds the words a substring search looked for.
        let messages = concat!(
            r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"common"},"executable":null}"#,
            "\n",
            r#"{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"x \"kind\":[\"test\"]"},"executable":"/t/debug/x \"y\""}"#,
            "\n",
            r#"{"reason":"build-finished","success":true}"#,
        );
        let found = super::executable(messages, "bin");
        assert_eq!(found, Some(std::path::PathBuf::from(r#"/t/debug/x "y""#)));
        assert_eq!(super::executable(messages, "test"), None);
    }

    #[test]
    fn a_python_version_is_read_from_its_two_numbers() {
        assert_eq!(super::parse_version("3 11\n"), Some((3, 11)));
        assert_eq!(super::parse_version("3 9"), Some((3, 9)));
        assert_eq!(super::parse_version("3.11"), None);
        assert_eq!(super::parse_version("3 11 2"), None);
        assert_eq!(super::parse_version(""), None);
        assert!((3, 8) < super::PYTHON_MIN && (3, 10) > super::PYTHON_MIN);
    }
}
