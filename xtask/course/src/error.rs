//! What can go wrong in the course's library, as values: the binary decides what each means for
//! the student (a usage error, exit 2, or something broken, exit 1: `cli::Fail`) and prints it.
//! Each variant's words are its `Display`.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::problem::{Built, Doing, Problem, Python};

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
    /// A move of a schedule that is not a thread's number: its place (from 1) and what it said.
    BadMove { at: usize, said: String },
    /// The moves could not be kept in this file.
    SaveMoves(PathBuf, io::Error),
    /// This file is not a kept schedule.
    NotSaved(PathBuf),
    /// A folder could not be made.
    MakeDir(PathBuf, io::Error),
    /// A file the library writes could not be written (`cannot write {path}: {error}`).
    Write(PathBuf, io::Error),
    /// A file kept among the exercises' answers whose name says neither what it replaces nor
    /// how it must be judged.
    AnswerName(PathBuf),
    /// A bullet of a chapter's `## If it differs` that does not read as a rule, which would
    /// never speak.
    Rule {
        chapter: String,
        why: crate::chapter::BadRule,
    },
    /// No chapter is in the course folder a command would work on.
    NoChapters(PathBuf),
    /// The exercise named has no model on the play runtime (`tests/play.rs`) to play.
    NoModel(String),
    /// `git`, which `reset` needs, did not start.
    NoGit(io::Error),
    /// `git` with these arguments failed, with its words.
    Git { args: String, said: String },
    /// A program of the course (a chapter, an exercise) could not be run.
    Run(PathBuf, io::Error),
    /// The model's own process could not be started or waited for.
    Model(&'static str, io::Error),
    /// A thread of the judge panicked: what it did.
    Panicked(&'static str),
    /// The README (or the book's introduction) has no line that marks where the chapter map
    /// goes.
    NoMarker(&'static str),
    /// The exercises could not be copied into a scratch workspace.
    CopyExercises(io::Error),
    /// A file could not be copied.
    Copy(PathBuf, io::Error),
    /// An exercise has no reference solution in this folder.
    NoSolution { name: String, dir: PathBuf },
    /// A file the book is made from could not be read.
    Source(PathBuf, io::Error),
    /// A chapter has no level to play: its name, and the ids of the levels there are.
    NoLevel { chapter: String, ids: Vec<String> },
    /// What the student named is no level: the nearest id, if one is near, else the levels of
    /// the chapter it begins with (`ch07-...`: `ch07` and its levels), and all the ids.
    UnknownLevel {
        wanted: String,
        near: Option<String>,
        same: Option<(String, Vec<String>)>,
        ids: Vec<String>,
    },
    /// There is no exercise in this folder.
    NoExercises(PathBuf),
    /// The table of the play engine's levels could not be read.
    Table(PathBuf, io::Error),
    /// What the play engine wrote does not read.
    Play(playproto::Error),
    /// A level table (`play/src/levels/chNN.json`) does not read, or breaks a rule of the
    /// tables: the file and what is wrong.
    LevelTable(playproto::Error),
    /// An exercise's model does not compile on the play runtime: its name, number and the
    /// compiler's words.
    ModelNoBuild {
        name: String,
        number: u32,
        errors: String,
    },
    /// The play engine could not be started.
    EngineStart(io::Error),
    /// The play engine failed: the last line it said.
    EngineFailed(String),
    /// The play engine answered nothing to what it was asked.
    EngineSilent { exe: PathBuf, asked: String },
    /// The play engine's answer does not read.
    EngineUnreadable {
        asked: String,
        error: playproto::Error,
    },
    /// The play engine refused the question, in its words.
    EngineRefused(String),
    /// The play engine gave no answer at all.
    EngineNothing,
    /// The play engine answered something else than what it was asked for (as its JSON).
    EngineUnexpected {
        wanted: &'static str,
        answer: String,
    },
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
                write!(f, "line {line}")?;
                problem.fmt(f)
            }
            Error::NoExpectedLog { name, path, short } => write!(
                f,
                "{name} has no expected log ({}); make one from a run with `cargo xtask bless {short}`",
                path.display()
            ),
            Error::Python(p) => p.fmt(f),
            other => other.fmt_build(f),
        }
    }
}

impl Error {
    /// The words of the errors of building and running.
    fn fmt_build(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Start(doing, e) => write!(f, "cannot start {doing}: {e}"),
            Error::DidNotBuild(what) => {
                write!(f, "{what} did not build (cargo's errors are above)")
            }
            Error::NotBuilt(what, exe) => write!(
                f,
                "{what} is not built ({} is missing); run without --no-build",
                exe.display()
            ),
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
            Error::NoTwin { name, script } => write!(
                f,
                "{name} has no Python twin ({} is missing)",
                script.display()
            ),
            other => other.fmt_play(f),
        }
    }

    /// The words of the errors of the play engine's files and of the judge's runs.
    fn fmt_play(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadMove { at, said } => write!(
                f,
                "move {at} is `{said}`, not a thread number: a move is the number of a thread on \
                 the screen, from 1, like --moves \"1 2 1\""
            ),
            Error::SaveMoves(file, e) => {
                write!(f, "cannot save the moves to {}: {e}", file.display())
            }
            Error::NotSaved(file) => write!(
                f,
                "{} is not a saved schedule (it needs a `level` and a `moves` line; --save writes \
                 them)",
                file.display()
            ),
            Error::MakeDir(dir, e) => write!(f, "cannot make {}: {e}", dir.display()),
            Error::Write(file, e) => write!(f, "cannot write {}: {e}", file.display()),
            Error::NoGit(e) => write!(f, "reset needs git, which did not start: {e}"),
            Error::Rule { chapter, why } => write!(f, "{chapter}: {why}"),
            Error::NoChapters(dir) => write!(f, "there are no chapters in {}", dir.display()),
            Error::NoModel(name) => write!(
                f,
                "{name} has no model on the play runtime (tests/play.rs) to play"
            ),
            Error::Git { args, said } => write!(f, "git {args} failed: {said}"),
            Error::AnswerName(file) => write!(
                f,
                "{}: an answer is named right_<what>.lib.rs or wrong_<build|run|noise|model>_<what>.main.rs",
                file.display()
            ),
            Error::CopyExercises(e) => write!(f, "cannot copy the exercises: {e}"),
            Error::Copy(file, e) => write!(f, "cannot copy {}: {e}", file.display()),
            Error::NoSolution { name, dir } => {
                write!(f, "{name} has no solution in {}", dir.display())
            }
            Error::Run(exe, e) => write!(f, "cannot run {}: {e}", exe.display()),
            Error::Model(doing, e) => write!(f, "cannot {doing} the model: {e}"),
            Error::Panicked(what) => write!(f, "{what} panicked"),
            Error::NoExercises(ws) => write!(f, "there are no exercises in {}", ws.display()),
            Error::NoMarker(line) => write!(f, "README.md has no `{line}` line"),
            Error::NoLevel { chapter, ids } => write!(
                f,
                "{chapter} has no level to play; the levels are {} (`cargo xtask play` lists \
                 them)",
                ids.join(", ")
            ),
            Error::UnknownLevel {
                wanted,
                near,
                same,
                ids,
            } => match (near, same) {
                (Some(near), _) => write!(
                    f,
                    "unknown level `{wanted}`: did you mean `{near}`? (`cargo xtask play` lists \
                     the levels)"
                ),
                (None, Some((head, same))) => write!(
                    f,
                    "unknown level `{wanted}`; {head}'s levels are {} (`cargo xtask play` lists \
                     them all)",
                    same.join(", ")
                ),
                (None, None) => write!(
                    f,
                    "unknown level `{wanted}`; the levels are {} (`cargo xtask play` lists them)",
                    ids.join(", ")
                ),
            },
            Error::Table(file, e) | Error::Source(file, e) => {
                write!(f, "cannot read {}: {e}", file.display())
            }
            Error::Play(e) => write!(f, "{e}"),
            Error::LevelTable(e) => {
                write!(f, "{e}; mend it as CONTRIBUTING's \"Adding a level\" says")
            }
            other => other.fmt_engine(f),
        }
    }

    /// The words of the play engine's errors.
    fn fmt_engine(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::ModelNoBuild {
                name,
                number,
                errors,
            } => write!(
                f,
                "{name}'s model does not compile on the play runtime (`cargo xtask check \
                 {number}` says more); the compiler says:\n{errors}"
            ),
            Error::EngineStart(e) => write!(f, "cannot start the play engine: {e}"),
            Error::EngineFailed(last) => write!(f, "the play engine failed: {last}"),
            Error::EngineSilent { exe, asked } => write!(
                f,
                "the play engine ({}) answered nothing to `{asked}`",
                exe.display()
            ),
            Error::EngineUnreadable { asked, error } => write!(
                f,
                "the play engine's answer to `{asked}` does not read: {error}"
            ),
            Error::EngineRefused(words) => write!(f, "the play engine refused: {words}"),
            Error::EngineNothing => f.write_str("the play engine answered nothing"),
            Error::EngineUnexpected { wanted, answer } => write!(
                f,
                "the play engine was asked for {wanted} and answered {answer}"
            ),
            // Said by `fmt`, `fmt_build` and `fmt_play`, which hand on only what they do not say.
            other => write!(f, "{other:?}"),
        }
    }
}

impl std::error::Error for Error {
    /// The error underneath, where there is one: a caller that logs the chain keeps it.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::NoCurrentDir(e)
            | Error::Read(_, e)
            | Error::CourseFolder(_, e)
            | Error::ExercisesFolder(_, e)
            | Error::Start(_, e)
            | Error::OwnBinary(e)
            | Error::LockCopy { error: e, .. }
            | Error::SaveMoves(_, e)
            | Error::MakeDir(_, e)
            | Error::Run(_, e)
            | Error::Model(_, e)
            | Error::CopyExercises(e)
            | Error::Copy(_, e)
            | Error::Source(_, e)
            | Error::Table(_, e)
            | Error::EngineStart(e) => Some(e),
            Error::Play(e) | Error::LevelTable(e) | Error::EngineUnreadable { error: e, .. } => {
                Some(e)
            }
            _ => None,
        }
    }
}

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

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    #[test]
    fn an_error_keeps_the_error_beneath_it_as_its_source() {
        let io = io::Error::new(io::ErrorKind::PermissionDenied, "no entry");
        let e = Error::Read(PathBuf::from("chapters/ch04_race/expected.log"), io);
        assert_eq!(
            e.source().map(|s| s.to_string()).as_deref(),
            Some("no entry")
        );
        let table = Error::LevelTable(playproto::Error("unknown field `titel`".into()));
        assert!(table.source().is_some());
        assert!(Error::EngineNothing.source().is_none());
    }
}
