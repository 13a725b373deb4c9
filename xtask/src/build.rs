//! Cargo and the workspace: the only place the runner calls cargo (always `$CARGO`, the cargo
//! that started it) and finds the chapters' binaries.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use crate::cli::{Ctx, Fail};
use crate::course::Chapter;

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
        let status = cmd
            .status()
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
        let status = cargo(ctx)
            .args(["build", "--quiet", "--package", "xtask", "--bin", name])
            .status()
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

/// `cargo <args>` in the workspace, its output straight to the terminal. With `loom`, under
/// `--cfg loom` (loom's types replace std's only then) in a target dir of its own, which keeps
/// the ordinary build's cache.
pub fn cargo_run(ctx: &Ctx, args: &[&str], loom: bool) -> Result<ExitStatus, Fail> {
    let mut cmd = cargo(ctx);
    cmd.args(args);
    if loom {
        cmd.env("RUSTFLAGS", "--cfg loom")
            .env("CARGO_TARGET_DIR", ctx.root.join("target/loom"));
    }
    cmd.status()
        .map_err(|e| Fail::Broken(format!("cannot start cargo: {e}")))
}
