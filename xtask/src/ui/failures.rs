//! What the maintainers' commands and `compare` say when a check fails: a log not blessed, a
//! side that does not match its log, a proof that failed, a run not drawn. They decide from the
//! library's values; these say it.

use std::path::Path;
use std::time::Duration;

use course::Chapter;
use course::verdict::{NotBlessable, Verdict};

use crate::ui::report::render;
use crate::ui::term::Style;
use crate::ui::term::style::{GREEN, RED};

/// `bless`'s line for a run it refused, and under it the run's verdict in words.
pub fn not_blessed(style: Style, c: &Chapter, v: &Verdict, why: &NotBlessable) -> String {
    let why = match why {
        NotBlessable::Abnormal => "the run did not end normally".to_string(),
        NotBlessable::Backwards => "the output goes back in time".to_string(),
        NotBlessable::Fired(rule) => format!(
            "the lesson no longer shows: `{}` {}: {} (to bless it all the same: \
             `cargo xtask bless {} --force`)",
            rule.pattern,
            rule.when,
            rule.says,
            c.short()
        ),
    };
    let line = refused(style, c, &why);
    line + &render(style, c, v).unwrap_or_default()
}

/// `bless`'s line for a new log it did not write: one whose `[..]` would let a run without the
/// lesson pass (`verdict::holds_its_lesson`).
pub fn would_not_hold(style: Style, c: &Chapter, e: &course::Error) -> String {
    refused(
        style,
        c,
        &format!("the new log would no longer hold the lesson: {e}"),
    )
}

fn refused(style: Style, c: &Chapter, why: &str) -> String {
    let why = format!("NOT blessed: {why}");
    format!("{:<22} {}\n", c.name, style.paint(RED, &why))
}

/// `compare`'s line on whether a side (`Rust`, `Python`) matched its log, wrapped to `width`,
/// and where to see why not (`how`).
pub fn compare_status(
    style: Style,
    width: usize,
    side: &str,
    v: &Verdict,
    log: &Path,
    how: &str,
) -> Vec<String> {
    let (word, code, after) = if v.passed() {
        ("matches", GREEN, String::new())
    } else {
        ("does not match", RED, format!(" (`{how}` says how)"))
    };
    let text = format!("{side} {word} {}{after}", log.display());
    // Wrapped as plain text, then the verdict word painted: colour codes take no room.
    textfit::wrap(&text, Some(width))
        .lines()
        .enumerate()
        .map(|(k, l)| match k {
            0 => l.replacen(word, &style.paint(code, word), 1),
            _ => l.to_string(),
        })
        .collect()
}

/// `prove`'s line for a step: proved or failed, its time and cargo's arguments.
pub fn prove_line(style: Style, proved: bool, took: Duration, args: &[&str]) -> String {
    let verdict = match proved {
        true => style.paint(GREEN, "proved"),
        false => style.paint(RED, "FAILED"),
    };
    format!(
        "    {verdict} in {:.1}s (cargo {})",
        took.as_secs_f64(),
        args.join(" ")
    )
}

/// Why a recorded run of `chapter`, judged `v`, is not drawn, when it did not show its lesson:
/// a picture of such a run would tell its reader something false.
pub fn not_drawn(style: Style, chapter: &Chapter, v: &Verdict) -> Option<String> {
    if v.passed() {
        return None;
    }
    let why = render(style, chapter, v).unwrap_or_default();
    let name = &chapter.name;
    Some(format!(
        "{name} did not show its lesson, so it is not drawn:\n{why}"
    ))
}

/// `book`'s last line: where it was built, and which pictures it left out.
pub fn book_built(dest: &Path, failed: &[String]) -> String {
    match failed {
        [] => format!("book: built in {}", dest.display()),
        _ => format!(
            "book: built in {}, but without the picture of {}: its run did not show its \
             lesson (see above); run `cargo xtask book` again",
            dest.display(),
            failed.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(stdout: &str) -> Verdict {
        let expected = course::matcher::parse_expected("00:00:01: Main    : done\n").unwrap();
        let run = course::launch::Run {
            stdout: stdout.into(),
            stderr: String::new(),
            took: Duration::from_secs(1),
            end: course::launch::End::Exited(Some(0)),
        };
        course::verdict::judge(&expected, run)
    }

    /// A run is drawn exactly when the library says it passed (`Verdict::passed`), and a run
    /// not drawn says why in the verdict's words.
    #[test]
    fn a_run_is_not_drawn_when_the_verdict_failed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let chapters = course::discover(&root.join("chapters")).unwrap();
        let c = &chapters[0];
        for stdout in ["00:00:01: Main    : done\n", "00:00:01: Main    : gone\n"] {
            let v = verdict(stdout);
            let said = not_drawn(Style::default(), c, &v);
            assert_eq!(said.is_none(), v.passed(), "{said:?}");
            if let Some(said) = said {
                assert!(said.contains("did not show its lesson, so it is not drawn"));
                assert!(said.contains("missing: 00:00:01: Main    : done"), "{said}");
            }
        }
    }

    #[test]
    fn compare_and_prove_say_a_failure_in_their_words() {
        let log = Path::new("python/ch08.log");
        let lines =
            |stdout| compare_status(Style::default(), 80, "Python", &verdict(stdout), log, "how");
        assert_eq!(
            lines("00:00:01: Main    : done\n"),
            ["Python matches python/ch08.log"]
        );
        assert_eq!(
            lines("00:00:01: Main    : gone\n"),
            ["Python does not match python/ch08.log (`how` says how)"]
        );
        let failed = prove_line(
            Style::default(),
            false,
            Duration::from_millis(1500),
            &["test"],
        );
        assert_eq!(failed, "    FAILED in 1.5s (cargo test)");
    }
}
