//! mdBook, the tool that turns the book's sources into HTML: found, or installed once with
//! `cargo install` at a pinned version, where cargo installs (`$CARGO_HOME/bin`, which stays).
//! It is never a dependency of the course's crates.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::{Ctx, Fail};
use course::build;

/// The version the book is built with (its `book.toml` is written for it).
pub const VERSION: &str = "0.5.4";

/// The install: the pinned version with the lock file of mdBook's own release, with only the
/// search feature (the book uses neither mdBook's `serve` nor its `watch`), unoptimised
/// (`--debug`: it compiles in less time than it will ever spend on this book's pages).
pub const INSTALL: &[&str] = &[
    "install",
    "mdbook",
    "--locked",
    "--debug",
    "--version",
    VERSION,
    "--no-default-features",
    "--features",
    "search",
];

/// Where `cargo install` puts binaries: `$CARGO_HOME/bin`, else `~/.cargo/bin`.
fn cargo_bin() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    Some(home.join("bin"))
}

/// The mdBook of the pinned version: on `PATH`, or where cargo installs.
pub fn find() -> Option<PathBuf> {
    let exe = format!("mdbook{}", std::env::consts::EXE_SUFFIX);
    let on_path: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(&exe)).collect())
        .unwrap_or_default();
    on_path
        .into_iter()
        .chain(cargo_bin().map(|d| d.join(&exe)))
        .find(|p| p.is_file() && version(p).as_deref() == Some(VERSION))
}

/// `0.5.4` of `mdbook v0.5.4`.
fn version(exe: &Path) -> Option<String> {
    let out = Command::new(exe).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let v = text.split_whitespace().nth(1)?.trim_start_matches('v');
    Some(v.to_string())
}

/// The pinned mdBook, installed first when it is missing (cargo's progress shows).
pub fn find_or_install(ctx: &Ctx) -> Result<PathBuf, Fail> {
    if let Some(exe) = find() {
        return Ok(exe);
    }
    say!(
        "mdBook {VERSION} is not installed: installing it, once, with `cargo {}` \
         (2 to 3 minutes on 2 cores)",
        INSTALL.join(" ")
    );
    let started = std::time::Instant::now();
    let status = ctx.cargo().run(INSTALL, build::Runtime::Std)?;
    if !status.success() {
        return Err(Fail::Broken(format!(
            "cargo could not install mdBook {VERSION} (its errors are above)"
        )));
    }
    say!(
        "mdBook {VERSION} installed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    find().ok_or_else(|| {
        Fail::Broken(format!(
            "mdBook {VERSION} was installed but is neither on PATH nor in {}",
            cargo_bin().map_or_else(|| "$CARGO_HOME/bin".into(), |d| d.display().to_string())
        ))
    })
}

/// `mdbook build` of the book in `book` into `dest`. A warning fails it: mdBook warns of
/// markdown that renders wrong (an unclosed `<T>` outside code, say), which the reader would see.
pub fn build(exe: &Path, book: &Path, dest: &Path) -> Result<(), Fail> {
    let out = Command::new(exe)
        .arg("build")
        .arg(book)
        .arg("--dest-dir")
        .arg(dest)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| Fail::Broken(format!("cannot start {}: {e}", exe.display())))?;
    let said = String::from_utf8_lossy(&out.stderr);
    eprint!("{}{said}", String::from_utf8_lossy(&out.stdout));
    if !out.status.success() {
        return Err(Fail::Broken(
            "mdbook could not build the book (its errors are above)".into(),
        ));
    }
    if said.lines().any(|l| l.contains("WARN")) {
        return Err(Fail::Broken(
            "mdbook warned about the pages (above): fix the chapter's doc or the page it names"
                .into(),
        ));
    }
    Ok(())
}
