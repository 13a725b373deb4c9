//! `cargo xtask bless [<chapter>]`: rewrite expected logs from fresh runs.

use std::path::Path;

use course::matcher::{self, Line};
use course::verdict;
use course::{Chapter, Error};

use crate::cli::{Cmd, Ctx, Fail, Flag, flags};
use crate::ui::failures;

pub struct Bless {
    chapter: Option<String>,
    force: bool,
}

impl Cmd for Bless {
    const NAME: &'static str = "bless";
    const ARGS: &'static str = "[<chapter>]";
    const HELP: &'static str = "rewrite the expected log of a chapter (all when none is named) from a\n\
                                fresh run; lines that still match keep their [..] placeholders";
    const FLAGS: &'static [Flag] = &[(
        "force",
        "",
        "bless even a run in which one of the chapter's `If it differs` rules fires",
    )];

    const MAINTAINERS: bool = true;
    type Flags = flags::Bless;

    fn parse(given: flags::Bless) -> Result<Self, Fail> {
        Ok(Bless {
            chapter: given.chapter,
            force: given.force,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let selected = ctx.select(self.chapter.as_deref())?;
        // Read every old log first: a broken one stops everything before anything is written.
        let mut old = Vec::new();
        for c in &selected {
            old.push(match verdict::expected(c) {
                Err(Error::NoExpectedLog { .. }) => Vec::new(),
                other => other?,
            });
        }
        let exes = ctx.cargo().chapters(&selected)?;
        let mut ok = true;
        for ((c, old), exe) in selected.iter().zip(&old).zip(&exes) {
            ok &= bless(ctx, c, old, exe, self.force)?;
        }
        Ok(ok)
    }
}

/// Rewrite a chapter's expected log from a fresh run, only if the verdict allows it (`force`
/// overrules the chapter's `If it differs` rules, not a run that did not end normally). Lines that
/// still match the old log keep its text, placeholders and all. The file is replaced whole, by
/// a rename, never left half written.
fn bless(ctx: &Ctx, c: &Chapter, old: &[Line], exe: &Path, force: bool) -> Result<bool, Fail> {
    let style = ctx.opts.style;
    let path = c.expected_log();
    let r = ctx.run_once(exe, false)?;
    let v = verdict::judge(old, r);
    if let Some(why) = v.not_blessable(c, force) {
        print!("{}", failures::not_blessed(style, c, &v, &why));
        return Ok(false);
    }
    if v.outcome.passed() && !old.is_empty() {
        println!("{:<22} blessed (unchanged): {}", c.name, path.display());
        return Ok(true);
    }
    // The new output in the old log's order, with the old text (and its placeholders) wherever
    // a line still matches: the diff of a bless shows only what really changed.
    let text: String = matcher::aligned(old, &v.actual, &v.outcome)
        .into_iter()
        .map(|l| l + "\n")
        .collect();
    // A log whose `[..]` would let a run without the lesson pass is not written.
    if let Err(e) = verdict::holds_its_lesson(c, &text) {
        print!("{}", failures::would_not_hold(style, c, &e));
        return Ok(false);
    }
    let tmp = path.with_extension("log.tmp");
    std::fs::write(&tmp, &text)
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Fail::Broken(format!("cannot write {}: {e}", path.display()))
        })?;
    println!("{:<22} blessed (updated): {}", c.name, path.display());
    Ok(true)
}
