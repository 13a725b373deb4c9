//! What a check of chapters (or of their Python twins) runs, and against which log and claims:
//! found and built before anything runs, so that a missing or broken one is known at once.

use std::path::PathBuf;

use crate::Chapter;
use crate::build::Cargo;
use crate::launch::Program;
use crate::matcher::Line;
use crate::order::Claim;
use crate::verdict;

/// What one check runs, and against which log.
pub struct Subject<'a> {
    pub chapter: &'a Chapter,
    /// How the check line names it: the chapter, or its twin's script.
    pub label: String,
    pub log: PathBuf,
    pub expected: Vec<Line>,
    /// Its claims of order: the chapter's, for the chapter and for a twin that shares its log;
    /// checked under schedule noise too (a twin's through `course.sleep`, which reads the same
    /// `COURSE_NOISE`).
    pub claims: Vec<Claim>,
    /// What to run, or why there is nothing (a chapter without a twin yet).
    pub program: crate::Result<Program>,
}

/// The chapters' checks: each one's binary (built first), expected log and claims.
pub fn chapters<'a>(cargo: &Cargo, selected: &[&'a Chapter]) -> crate::Result<Vec<Subject<'a>>> {
    let expected = selected
        .iter()
        .map(|c| verdict::expected(c))
        .collect::<crate::Result<Vec<_>>>()?;
    let exes = cargo.chapters(selected)?;
    selected
        .iter()
        .zip(expected)
        .zip(exes)
        .map(|((c, expected), exe)| {
            Ok(Subject {
                chapter: c,
                label: c.name.clone(),
                log: c.expected_log(),
                expected,
                claims: verdict::claims(c)?,
                program: Ok(Program::binary(&exe)),
            })
        })
        .collect()
}

/// The twins' checks: each one's script, the log it is held to, and the chapter's claims where
/// it shares the chapter's log.
pub fn twins<'a>(cargo: &Cargo, selected: &[&'a Chapter]) -> crate::Result<Vec<Subject<'a>>> {
    let mut twins = cargo.twins(selected)?;
    // One chapter named: its missing twin is a usage error. In a run of all, it fails that
    // chapter's line, and the others are still checked.
    if let [Err(_)] = twins.as_slice()
        && let Some(Err(why)) = twins.pop()
    {
        return Err(why);
    }
    let logs = selected
        .iter()
        .map(|c| verdict::twin_expected(c, cargo.root))
        .collect::<crate::Result<Vec<_>>>()?;
    selected
        .iter()
        .zip(logs)
        .zip(twins)
        .map(|((c, (log, expected)), program)| {
            // A twin with a log of its own tells another story: the claims are the Rust's.
            let claims = if log == c.expected_log() {
                verdict::claims(c)?
            } else {
                Vec::new()
            };
            Ok(Subject {
                chapter: c,
                label: format!("{}.py", c.name),
                log,
                expected,
                claims,
                program,
            })
        })
        .collect()
}
