//! Cargo and the workspace: the only place the runner calls cargo (always `$CARGO`, the cargo
//! that started it) and finds what it runs: the chapters' binaries, and `python3` with the
//! chapters' Python twins. Cargo's own output goes where the runner's does; what the library
//! has to say beside it goes to the caller's [`Cargo::tell`].

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use crate::chapter::Chapter;
use crate::launch::Program;
use crate::{Built, Doing, Error, Python};

/// The workspace this runner works on, found at run time, never from a path compiled in: two
/// clones sharing one `CARGO_TARGET_DIR` run one runner binary, and each must check its own
/// chapters. Cargo tells the process it runs (`cargo run`, `cargo test`) its package's folder in
/// `CARGO_MANIFEST_DIR`; started by hand, the runner looks up from the current folder. Either way
/// the workspace is the nearest folder above whose `Cargo.toml` has a `[workspace]` table.
pub fn workspace() -> crate::Result<PathBuf> {
    let start = match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::current_dir().map_err(Error::NoCurrentDir)?,
    };
    start
        .ancestors()
        .find(|dir| is_workspace(dir))
        .map(Path::to_path_buf)
        .ok_or(Error::NoWorkspace(start))
}

fn is_workspace(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("Cargo.toml"))
        .is_ok_and(|t| t.lines().any(|l| l.trim() == "[workspace]"))
}

/// What a build may say beside cargo's own output, for the caller to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    /// The play runtime is built for the first time: that compiles shuttle and the chapters
    /// under it, the course's longest build; with `progress`, cargo's progress shows.
    FirstPlayRuntime { progress: bool },
    /// That first build is done, after this long.
    PlayRuntimeBuilt(std::time::Duration),
}

/// How the workspace's builds go: where, whether at all, and what cargo shows.
pub struct Cargo<'a> {
    /// The workspace's root.
    pub root: &'a Path,
    /// `false` with `--no-build`: only find what was built before.
    pub build: bool,
    /// Whether cargo shows its progress (the caller's stderr is a terminal); else `--quiet`, and
    /// only its errors show.
    pub progress: bool,
    /// Told what a build has to say beside cargo's output.
    pub tell: &'a dyn Fn(Note),
}

impl Cargo<'_> {
    /// `$CARGO`, in the workspace.
    fn command(&self) -> Command {
        let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        cmd.current_dir(self.root);
        cmd
    }

    /// Build the chapters' binaries (unless not to build) and find each: they land next to this
    /// runner's own binary. (The runner itself is built by `cargo xtask`, the alias in
    /// `.cargo/config.toml`, which is not `--quiet` for the same reason.)
    pub fn chapters(&self, chapters: &[&Chapter]) -> crate::Result<Vec<PathBuf>> {
        if self.build && !chapters.is_empty() {
            let mut cmd = self.command();
            cmd.args(["build", "--workspace"]);
            // On a terminal, cargo's own progress shows that a first build is under way; piped
            // (CI, the runner's tests), only its errors.
            if !self.progress {
                cmd.arg("--quiet");
            }
            for c in chapters {
                cmd.args(["--bin", &c.name]);
            }
            let status = crate::child::status(&mut cmd)
                .map_err(|e| Error::Start(Doing::BuildChapters, e))?;
            if !status.success() {
                return Err(Error::DidNotBuild(Built::Chapters));
            }
        }
        chapters.iter().map(|c| beside_me(&c.name)).collect()
    }

    /// Build one of the runner's fixtures (a bin of the xtask package, see
    /// `xtask/fixtures/README.md`) unless not to build, and find it next to this runner.
    pub fn fixture(&self, name: &str) -> crate::Result<PathBuf> {
        if self.build {
            let status = crate::child::status(self.command().args([
                "build",
                "--quiet",
                "--package",
                "xtask",
                "--bin",
                name,
            ]))
            .map_err(|e| Error::Start(Doing::Build(name.into()), e))?;
            if !status.success() {
                return Err(Error::DidNotBuild(Built::Named(name.into())));
            }
        }
        beside_me(name)
    }

    /// `cargo <args>` in the workspace, its output straight to the terminal. Under a model
    /// checker's runtime, with its `--cfg` (its types replace std's only then) in a target dir
    /// of its own, which keeps the ordinary build's cache.
    pub fn run(&self, args: &[&str], runtime: Runtime) -> crate::Result<ExitStatus> {
        let mut cmd = self.command();
        match runtime {
            Runtime::Std => {}
            Runtime::Loom => {
                cmd.env("RUSTFLAGS", "--cfg loom")
                    .env("CARGO_TARGET_DIR", self.root.join("target/loom"));
            }
            Runtime::Shuttle => on_play_runtime(&mut cmd, &self.root.join("target/play")),
        }
        cmd.args(args);
        crate::child::status(&mut cmd).map_err(|e| Error::Start(Doing::Cargo, e))
    }

    /// Build the play engine (the `play` crate under `--cfg shuttle`, shuttle's types in place
    /// of std's, in `target/play`, a target dir of its own like loom's) unless not to build, and
    /// find it. The first build compiles shuttle: [`Note::FirstPlayRuntime`] says so, and with
    /// `progress` cargo's shows.
    pub fn play_engine(&self) -> crate::Result<PathBuf> {
        let target = self.root.join("target/play");
        let exe = target
            .join("debug/play")
            .with_extension(std::env::consts::EXE_EXTENSION);
        if self.build {
            let first = !exe.is_file();
            if first {
                (self.tell)(Note::FirstPlayRuntime {
                    progress: self.progress,
                });
            }
            let started = std::time::Instant::now();
            let mut cmd = self.command();
            cmd.args(["build", "--package", "play", "--bin", "play"]);
            if !self.progress {
                cmd.arg("--quiet");
            }
            on_play_runtime(&mut cmd, &target);
            let status = cmd
                .status()
                .map_err(|e| Error::Start(Doing::Build("play".into()), e))?;
            if !status.success() {
                return Err(Error::DidNotBuild(Built::PlayRuntime));
            }
            if first {
                (self.tell)(Note::PlayRuntimeBuilt(started.elapsed()));
            }
        }
        if exe.is_file() {
            Ok(exe)
        } else {
            Err(Error::NotBuilt(Built::PlayRuntime, exe))
        }
    }

    /// The Python twins of `chapters`: `python3` with each twin's script, or why a chapter has
    /// none. First checks that there is a `python3` of 3.9 or newer: if not, that is the error,
    /// before anything runs.
    pub fn twins(&self, chapters: &[&Chapter]) -> crate::Result<Vec<crate::Result<Program>>> {
        python_version("python3")?;
        Ok(chapters
            .iter()
            .map(|c| {
                let script = c.twin_script(self.root);
                if !script.is_file() {
                    return Err(Error::NoTwin {
                        name: c.name.clone(),
                        script: script.strip_prefix(self.root).unwrap_or(&script).into(),
                    });
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
}

/// The binary `name`, next to this runner's own (where cargo puts the workspace's binaries).
fn beside_me(name: &str) -> crate::Result<PathBuf> {
    let me = std::env::current_exe().map_err(Error::OwnBinary)?;
    let exe = me
        .with_file_name(name)
        .with_extension(std::env::consts::EXE_EXTENSION);
    if exe.is_file() {
        Ok(exe)
    } else {
        Err(Error::NotBuilt(Built::Named(name.into()), exe))
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
pub fn lock_in(root: &Path, ws: &Path) -> crate::Result<()> {
    let (from, to) = (root.join("Cargo.lock"), ws.join("Cargo.lock"));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if modified(&to).is_some() && modified(&to) >= modified(&from) {
        return Ok(());
    }
    std::fs::copy(&from, &to).map_err(|error| Error::LockCopy {
        from: from.clone(),
        to: ws.to_path_buf(),
        error,
    })?;
    // `cargo metadata` resolves the workspace against the copied lock, keeping its versions.
    let status = crate::child::status(
        Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .current_dir(ws)
            .args(["metadata", "--quiet", "--format-version", "1"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null()),
    )
    .map_err(|e| Error::Start(Doing::Cargo, e))?;
    if !status.success() {
        return Err(Error::ExercisesWorkspace(ws.to_path_buf()));
    }
    Ok(())
}

/// Whether shuttle, the play runtime, is already built in `target`'s play dir: the first build
/// on it compiles it (the play engine's took 31 s on 2 cores at load 3.2, `cargo xtask play ch04
/// --moves 1` after `rm -rf target/play`; a student measured 85 to 90 s), every later one reuses
/// it.
pub fn play_runtime_is_built(target: &Path) -> bool {
    std::fs::read_dir(target.join("play/debug/.fingerprint")).is_ok_and(|d| {
        d.flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("shuttle-"))
    })
}

/// How an exercise build went: the binary, or what the compiler said. Its words are the
/// evidence a student reads, not an error of the runner's, so this is a value, not an `Err`.
#[derive(Debug)]
pub enum Compiled {
    Binary(PathBuf),
    /// The compiler's output.
    Refused(String),
}

/// Build exercise `name` of the exercise workspace `ws` (`exercises/`, or a scratch copy) with
/// the course's one `Cargo.lock` (see [`lock_in`]), in `target`: for `exercises/`, the course's own
/// target dir, so that the course's compiled dependencies are reused and only the exercise is
/// compiled. A scratch copy needs a target dir of its own: cargo names a path package's build by
/// its path inside its workspace, which is the same in the copy, so the two would share (and
/// overwrite) each other's builds.
pub fn exercise(ws: &Path, target: &Path, name: &str, color: bool) -> crate::Result<Compiled> {
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
) -> crate::Result<Compiled> {
    exercise_on(ws, target, name, Some(Runtime::Shuttle), color)
}

fn exercise_on(
    ws: &Path,
    target: &Path,
    name: &str,
    model: Option<Runtime>,
    color: bool,
) -> crate::Result<Compiled> {
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
    let out =
        crate::child::output(&mut cmd).map_err(|e| Error::Start(Doing::Build(name.into()), e))?;
    if !out.status.success() {
        return Ok(Compiled::Refused(
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ));
    }
    // Cargo names what it built, one JSON message a line: the binary, or the test's executable
    // (whose name has a hash in it, so it cannot be worked out beforehand).
    let kind = if model { "test" } else { "bin" };
    executable(&String::from_utf8_lossy(&out.stdout), kind)
        .map(|p| Ok(Compiled::Binary(p)))
        .unwrap_or_else(|| Err(Error::NoBinaryNamed(name.into())))
}

/// The executable of the `kind` (`bin`, `test`) target cargo built, from its JSON messages.
fn executable(messages: &str, kind: &str) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(playproto::json::parse)
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

/// The version of `python` (a command on `PATH`), if it is new enough for the twins.
pub fn python_version(python: &str) -> crate::Result<(u32, u32)> {
    let out = crate::child::output(
        Command::new(python).args(["-c", "import sys; print(*sys.version_info[:2])"]),
    )
    .map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Python(Python::Missing(python.into())),
        _ => Error::Python(Python::WillNotRun(python.into(), e)),
    })?;
    let text = String::from_utf8_lossy(&out.stdout);
    let version = parse_version(&text).filter(|_| out.status.success());
    match version {
        Some(v) if v >= PYTHON_MIN => Ok(v),
        Some(v) => Err(Error::Python(Python::TooOld(python.into(), v))),
        None => Err(Error::Python(Python::NoVersion(
            python.into(),
            text.trim().to_string(),
        ))),
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

/// Build shuttle, the play runtime, in the background while the student works, so that the
/// first exercise with a model is checked in seconds, not after a minute of building. Its output
/// is dropped; a real check reports its own build.
pub fn warm_up_play_runtime(place: &crate::Place, all: &[crate::Exercise]) {
    if play_runtime_is_built(&place.target) {
        return;
    }
    let Some(ex) = all
        .iter()
        .find(|e| place.ws.join(&e.folder).join("tests/play.rs").is_file())
    else {
        return;
    };
    let (ws, target, name) = (place.ws.clone(), place.target.clone(), ex.name.clone());
    std::thread::spawn(move || {
        let _ = exercise_play_model(&ws, &target, &name, false);
    });
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
