//! The timeline of a run: what each thread did and when, as data and as drawings. The runner
//! (`cargo xtask run --timeline`, `--trace-out`, `timeline`, `play`, the tour and the book)
//! shows and writes what this crate returns; it never prints.
//!
//! A chapter records its run (see `common::record`) when the runner names a file in its
//! environment ([`Recording`]); [`Timeline::parse`] reads that file back (`parse.rs`, on the
//! model of `model.rs` and `blocked.rs`), and [`game::of_game`] makes a timeline of a game's
//! moves from the play engine's frames. [`states`] cuts the lanes into stretches of one state,
//! which [`render`] draws as text in a width and a [`Palette`] the caller gives, [`svg`] as the
//! README's and the book's pictures, and [`trace`] as a Chrome trace.

mod axis;
mod blocked;
pub mod game;
mod marks;
mod model;
mod notes;
mod palette;
mod parse;
pub mod render;
pub mod states;
pub mod svg;
pub mod trace;

#[cfg(test)]
mod fixtures;

pub use blocked::Link;
pub use model::{Kind, Lane, Micros, Object, Span, Timeline, Unit, Wake};
pub use palette::{Ink, Palette};

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong reading a timeline.
#[derive(Debug)]
pub enum Error {
    /// The chapter wrote no file at `path`: it never started its lesson.
    NoFile { path: PathBuf, why: std::io::Error },
    /// The file does not start with `common::record::HEADER`.
    NotATimeline,
    /// Line `number` of the file is not a record (`why`, in `common::record`'s words).
    Line {
        number: usize,
        line: String,
        why: common::record::BadRecord,
    },
    /// A wake names a lane that has no record.
    NoSuchLane(usize),
    /// One of the others, in the file at `path`.
    In { path: PathBuf, error: Box<Error> },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoFile { path, why } => write!(
                f,
                "the chapter left no timeline in {} ({why}): it started no lesson",
                path.display()
            ),
            Error::NotATimeline => write!(
                f,
                "not a timeline file of this runner (it starts with `{}`)",
                common::record::HEADER
            ),
            Error::Line { number, line, why } => write!(f, "line {number}: {why}: `{line}`"),
            Error::NoSuchLane(lane) => write!(f, "a wake of lane {lane}, which has no record"),
            Error::In { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::NoFile { why, .. } => Some(why),
            Error::In { error, .. } => Some(error.as_ref()),
            _ => None,
        }
    }
}

/// Read the timeline a chapter recorded into `path`.
pub fn read(path: &Path) -> Result<Timeline, Error> {
    let text = std::fs::read_to_string(path).map_err(|why| Error::NoFile {
        path: path.to_path_buf(),
        why,
    })?;
    Timeline::parse(&text).map_err(|error| Error::In {
        path: path.to_path_buf(),
        error: Box::new(error),
    })
}

/// A scratch file a chapter records one run into (the runner names it to the chapter in
/// `common::record::ENV`); removed when dropped.
pub struct Recording {
    path: PathBuf,
}

impl Recording {
    pub fn new(chapter: &str) -> Recording {
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "course-timeline-{}-{}-{chapter}.txt",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_file(&path);
        Recording { path }
    }

    /// The file the chapter is to record into.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The variable and value that ask the chapter to record here.
    pub fn env(&self) -> (&'static str, &std::ffi::OsStr) {
        (common::record::ENV, self.path.as_os_str())
    }

    pub fn read(&self) -> Result<Timeline, Error> {
        read(&self.path)
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        let mut part = self.path.clone().into_os_string();
        part.push(".part");
        let _ = std::fs::remove_file(part);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_broken_file_says_which_and_why() {
        let rec = Recording::new("test_missing");
        let e = rec.read().unwrap_err().to_string();
        let path = rec.path().display().to_string();
        assert!(
            e.starts_with(&format!("the chapter left no timeline in {path} (")),
            "{e}"
        );
        assert!(e.ends_with("): it started no lesson"), "{e}");
        std::fs::write(rec.path(), "timeline 2\nhello\n").unwrap();
        assert_eq!(
            rec.read().unwrap_err().to_string(),
            format!("{path}: line 2: an unknown record `hello`: `hello`")
        );
        drop(rec);
        assert!(!Path::new(&path).exists());
    }
}
