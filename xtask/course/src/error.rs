//! What can go wrong in the course's library, as values: the binary decides what each means for
//! the student (a usage error, exit 2, or something broken, exit 1: `cli::Fail`) and prints it.
//! Each variant's words are its `Display`.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// An error of the course's library.
#[derive(Debug)]
pub enum Error {
    /// The runner was started outside a course: the folder it looked up from.
    NoWorkspace(PathBuf),
    /// The current folder cannot be told.
    NoCurrentDir(io::Error),
    /// A folder or file of the course could not be read (`cannot read {path}: {error}`).
    Read(PathBuf, io::Error),
    /// The course folder itself could not be read.
    CourseFolder(PathBuf, io::Error),
    /// The exercises folder could not be read.
    ExercisesFolder(PathBuf, io::Error),
    /// What the student named is not a chapter (with the words that say which there are).
    UnknownChapter { wanted: String, chapters: String },
    /// What the student named is part of more than one chapter's name.
    AmbiguousChapter { wanted: String, names: Vec<String> },
    /// What the student named is not an exercise.
    UnknownExercise { wanted: String, names: Vec<String> },
    /// A line of a course file that does not read: its file, once known, its line from 1 and
    /// what is wrong with it.
    Line {
        file: Option<PathBuf>,
        line: usize,
        problem: Problem,
    },
    /// A chapter (or exercise) has no expected log yet: its name, the log's path and the short
    /// name `bless` takes.
    NoExpectedLog {
        name: String,
        path: PathBuf,
        short: String,
    },
    /// A program could not be started: what it was to do, and why.
    Start(Doing, io::Error),
    /// Cargo ran and said no: what did not build (its errors went to the terminal).
    DidNotBuild(Built),
    /// What was to be run is not built, and `--no-build` said not to build it.
    NotBuilt(Built, PathBuf),
    /// The runner's own binary cannot be found (the chapters' binaries are beside it).
    OwnBinary(io::Error),
    /// Cargo built a package and named no binary for it.
    NoBinaryNamed(String),
    /// The course's `Cargo.lock` could not be copied into the exercises' workspace.
    LockCopy {
        from: PathBuf,
        to: PathBuf,
        error: io::Error,
    },
    /// Cargo could not read the exercises' workspace.
    ExercisesWorkspace(PathBuf),
    /// `python3` is missing, too old or did not say its version.
    Python(Python),
    /// A chapter has no Python twin: its name and the script that is missing.
    NoTwin { name: String, script: PathBuf },
}

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
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoWorkspace(start) => write!(
                f,
                "{} is not inside the course's workspace; run `cargo xtask` in the course's folder",
                start.display()
            ),
            Error::NoCurrentDir(e) => write!(f, "cannot tell the current folder: {e}"),
            Error::Read(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            Error::CourseFolder(dir, e) => {
                write!(f, "cannot read the course folder {}: {e}", dir.display())
            }
            Error::ExercisesFolder(dir, e) => {
                write!(f, "cannot read the exercises folder {}: {e}", dir.display())
            }
            Error::UnknownChapter { wanted, chapters } => write!(
                f,
                "unknown chapter `{wanted}`; {chapters} (a number like 4 works too)"
            ),
            Error::AmbiguousChapter { wanted, names } => write!(
                f,
                "`{wanted}` names more than one chapter: {}; give more of the name, or the number",
                names.join(", ")
            ),
            Error::UnknownExercise { wanted, names } => write!(
                f,
                "unknown exercise `{wanted}`; the exercises are: {} (a number like 4 works too)",
                names.join(", ")
            ),
            Error::Line {
                file,
                line,
                problem,
            } => {
                if let Some(file) = file {
                    write!(f, "{}: ", file.display())?;
                }
                match problem {
                    Problem::BackInTime { at, after } => write!(
                        f,
                        "line {line} goes back in time ({} after {}); lines must be in time order",
                        crate::matcher::hms(*at),
                        crate::matcher::hms(*after)
                    ),
                    Problem::Claim(why) => write!(
                        f,
                        "line {line}: {why}; a claim reads `EARLIER` before `LATER`: what it means"
                    ),
                    Problem::NothingToContinue => {
                        write!(f, "line {line}: a continued line with no claim above")
                    }
                }
            }
            Error::NoExpectedLog { name, path, short } => write!(
                f,
                "{name} has no expected log ({}); make one from a run with `cargo xtask bless {short}`",
                path.display()
            ),
            Error::Start(doing, e) => {
                let what = match doing {
                    Doing::BuildChapters => "cargo to build the chapters".to_string(),
                    Doing::Build(name) => format!("cargo to build {name}"),
                    Doing::Cargo => "cargo".to_string(),
                };
                write!(f, "cannot start {what}: {e}")
            }
            Error::DidNotBuild(what) => match what {
                Built::Chapters => {
                    write!(f, "the chapters did not build (cargo's errors are above)")
                }
                Built::Named(name) => write!(f, "{name} did not build (cargo's errors are above)"),
                Built::PlayRuntime => {
                    write!(
                        f,
                        "the play runtime did not build (cargo's errors are above)"
                    )
                }
            },
            Error::NotBuilt(what, exe) => {
                let what = match what {
                    Built::Chapters => "the chapters",
                    Built::Named(name) => name,
                    Built::PlayRuntime => "the play runtime",
                };
                write!(
                    f,
                    "{what} is not built ({} is missing); run without --no-build",
                    exe.display()
                )
            }
            Error::OwnBinary(e) => write!(f, "cannot find the runner's own binary: {e}"),
            Error::NoBinaryNamed(name) => write!(f, "cargo built {name} but named no binary"),
            Error::LockCopy { from, to, error } => write!(
                f,
                "cannot copy {} into {}: {error}",
                from.display(),
                to.display()
            ),
            Error::ExercisesWorkspace(ws) => write!(
                f,
                "cargo could not read the exercises' workspace {} (its errors are above)",
                ws.display()
            ),
            Error::Python(p) => {
                let (min_major, min_minor) = crate::build::PYTHON_MIN;
                let need =
                    format!("the Python twins need CPython {min_major}.{min_minor} or newer");
                match p {
                    Python::Missing(python) => {
                        write!(f, "{python} is not installed (not on PATH); {need}")
                    }
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
            Error::NoTwin { name, script } => write!(
                f,
                "{name} has no Python twin ({} is missing)",
                script.display()
            ),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The same error, said of the file `path` (a line's error read from a file's text).
    pub fn in_file(self, path: &std::path::Path) -> Error {
        match self {
            Error::Line {
                file: None,
                line,
                problem,
            } => Error::Line {
                file: Some(path.to_path_buf()),
                line,
                problem,
            },
            other => other,
        }
    }
}
