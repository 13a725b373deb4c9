//! mdBook, the tool that turns the book's sources into HTML: the pinned version, how cargo
//! installs it, and where it is found (on `PATH`, or where cargo installs).

use std::path::{Path, PathBuf};
use std::process::Command;

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
pub fn cargo_bin() -> Option<PathBuf> {
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
