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
