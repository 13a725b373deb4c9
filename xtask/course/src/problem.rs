//! The parts an [`Error`](crate::Error) names, each with its words: the program the library
//! started ([`Doing`]), what a build was of ([`Built`]), what is wrong with `python3`
//! ([`Python`]) and with a line of a course file ([`Problem`]).

use std::fmt;
use std::io;

/// A program the library starts, for [`Error::Start`]: `cannot start {doing}: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doing {
    /// `cargo` to build the chapters.
    BuildChapters,
    /// `cargo` to build this package.
    Build(String),
    /// `cargo`, for anything else.
    Cargo,
}

/// What a build was of, for [`Error::DidNotBuild`] and [`Error::NotBuilt`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Built {
    /// The chapters (cargo's errors are on the terminal).
    Chapters,
    /// One package or binary, by name.
    Named(String),
    /// The play runtime, the play crate under `--cfg shuttle`.
    PlayRuntime,
}

/// What is wrong with `python3`, for the twins.
#[derive(Debug)]
pub enum Python {
    /// Not on `PATH`.
    Missing(String),
    /// It would not run.
    WillNotRun(String, io::Error),
    /// Too old: its major and minor version.
    TooOld(String, (u32, u32)),
    /// It printed this in place of its version.
    NoVersion(String, String),
}

/// What is wrong with a line of a course file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// An expected log's line whose time is before the line above's (both in seconds).
    BackInTime { at: u32, after: u32 },
    /// A claim of order that does not read: why, said before the form a claim takes.
    Claim(&'static str),
    /// An indented line of `expected.order` with no claim above it to continue.
    NothingToContinue,
    /// A line of a chapter's `broken.txt` that does not read: why, said before the form.
    Broken(&'static str),
    /// The text a chapter's `broken.txt` gives as the lesson's line is in no line of its
    /// expected log.
    NotInLog,
    /// A run broken as a chapter's `broken.txt` says still passes its expected log.
    StillPasses,
}

impl fmt::Display for Doing {
    /// What was to start: `cargo to build the chapters`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Doing::BuildChapters => f.write_str("cargo to build the chapters"),
            Doing::Build(name) => write!(f, "cargo to build {name}"),
            Doing::Cargo => f.write_str("cargo"),
        }
    }
}

impl fmt::Display for Built {
    /// What was built: `the chapters`, a name, `the play runtime`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Built::Chapters => f.write_str("the chapters"),
            Built::Named(name) => f.write_str(name),
            Built::PlayRuntime => f.write_str("the play runtime"),
        }
    }
}

impl fmt::Display for Python {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (min_major, min_minor) = crate::build::PYTHON_MIN;
        let need = format!("the Python twins need CPython {min_major}.{min_minor} or newer");
        match self {
            Python::Missing(python) => write!(f, "{python} is not installed (not on PATH); {need}"),
            Python::WillNotRun(python, e) => write!(f, "cannot run {python} ({e}); {need}"),
            Python::TooOld(python, (major, minor)) => {
                write!(f, "{python} is Python {major}.{minor}; {need}")
            }
            Python::NoVersion(python, said) => write!(
                f,
                "{python} did not say its version (it printed `{said}`); {need}"
            ),
        }
    }
}

impl fmt::Display for Problem {
    /// What follows `line N` in the error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::BackInTime { at, after } => write!(
                f,
                " goes back in time ({} after {}); lines must be in time order",
                crate::matcher::hms(*at),
                crate::matcher::hms(*after)
            ),
            Problem::Claim(why) => write!(
                f,
                ": {why}; a claim reads `EARLIER` before `LATER`: what it means"
            ),
            Problem::NothingToContinue => f.write_str(": a continued line with no claim above"),
            Problem::Broken(why) => write!(
                f,
                ": {why}; the file reads `line: TEXT`, then `becomes: TEXT` (once or more) or \
                 `is missing`"
            ),
            Problem::NotInLog => f.write_str(
                ": no line of the expected log has this text; name the line that carries the \
                 lesson now",
            ),
            Problem::StillPasses => f.write_str(
                ": a run that prints this in place of the lesson's line still passes the \
                 expected log, so the log no longer holds the lesson; take out the `[..]` that \
                 lets it pass",
            ),
        }
    }
}
