//! Whose an error is to mend: the student's (what they named, or the course's files they edit,
//! is wrong: a usage error, exit 2 in the runner) or not (something broke: exit 1).

use crate::Error;

impl Error {
    /// The student's to mend: what they named, or a file of the course they edit, is wrong.
    pub fn is_usage(&self) -> bool {
        match self {
            Error::NoWorkspace(_)
            | Error::NoCurrentDir(_)
            | Error::Read(..)
            | Error::CourseFolder(..)
            | Error::ExercisesFolder(..)
            | Error::UnknownChapter { .. }
            | Error::AmbiguousChapter { .. }
            | Error::UnknownExercise { .. }
            | Error::Line { .. }
            | Error::NoExpectedLog { .. }
            | Error::NotBuilt(..)
            | Error::Python(_)
            | Error::NoTwin { .. }
            | Error::BadMove { .. }
            | Error::SaveMoves(..)
            | Error::NotSaved(_)
            | Error::NoExercises(_)
            | Error::NoMarker(_)
            | Error::NoSolution { .. }
            | Error::AnswerName(_)
            | Error::NoChapters(_)
            | Error::Rule { .. }
            | Error::NoModel(_)
            | Error::NoLevel { .. }
            | Error::UnknownLevel { .. }
            | Error::ModelNoBuild { .. }
            | Error::LevelTable(_) => true,
            Error::Start(..)
            | Error::DidNotBuild(_)
            | Error::OwnBinary(_)
            | Error::NoBinaryNamed(_)
            | Error::LockCopy { .. }
            | Error::ExercisesWorkspace(_)
            | Error::MakeDir(..)
            | Error::Write(..)
            | Error::NoGit(_)
            | Error::Git { .. }
            | Error::Run(..)
            | Error::Model(..)
            | Error::Panicked(_)
            | Error::Table(..)
            | Error::Source(..)
            | Error::CopyExercises(_)
            | Error::Copy(..)
            | Error::Play(_)
            | Error::EngineStart(_)
            | Error::EngineFailed(_)
            | Error::EngineSilent { .. }
            | Error::EngineUnreadable { .. }
            | Error::EngineRefused(_)
            | Error::EngineNothing
            | Error::EngineUnexpected { .. } => false,
        }
    }
}
