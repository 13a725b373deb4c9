//! mdBook, the tool that turns the book's sources into HTML: found (`course::book::mdbook`), or
//! installed once with `cargo install` at a pinned version, where cargo installs
//! (`$CARGO_HOME/bin`, which stays). It is never a dependency of the course's crates.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::{Ctx, Fail};
use course::book::mdbook::{INSTALL, VERSION, cargo_bin, find};
use course::build;

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
