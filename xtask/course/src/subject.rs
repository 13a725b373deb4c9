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
    rules_read(selected)?;
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
    rules_read(selected)?;
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

/// Every rule of `If it differs` of the `selected` chapters reads: one that does not would never
/// speak, so it is said before anything runs.
fn rules_read(selected: &[&Chapter]) -> crate::Result<()> {
    for c in selected {
        if let Some(why) = crate::rule_errors(&c.lesson).into_iter().next() {
            let chapter = c.name.clone();
            return Err(crate::Error::Rule { chapter, why });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule of `If it differs` that does not read is the student's to mend, named with its
    /// chapter, before anything is built or run.
    #[test]
    fn a_rule_that_does_not_read_stops_the_check_first() {
        let chapter = |doc: &str| Chapter {
            name: "ch99_x".into(),
            dir: "/nonexistent".into(),
            lesson: crate::chapter::parse_lesson(doc),
        };
        let good = chapter("//! # X\n//!\n//! ## If it differs\n//!\n//! - `a` came: b.\n");
        assert!(rules_read(&[&good]).is_ok());
        let bad = chapter("//! # X\n//!\n//! ## If it differs\n//!\n//! - `x` sneezed: ignored\n");
        let e = rules_read(&[&good, &bad]).unwrap_err();
        assert!(e.is_usage(), "{e}");
        assert!(
            e.to_string()
                .starts_with("ch99_x: the `If it differs` bullet `- `x` sneezed: ignored`"),
            "{e}"
        );
    }
}
