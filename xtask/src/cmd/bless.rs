//! `cargo xtask bless [<chapter>]`: rewrite expected logs from fresh runs.

use std::path::Path;

use course::matcher::Line;
use course::verdict::{self, Blessed};
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

/// Rewrite a chapter's expected log from a fresh run (`verdict::bless`), and say what it did.
fn bless(ctx: &Ctx, c: &Chapter, old: &[Line], exe: &Path, force: bool) -> Result<bool, Fail> {
    let style = ctx.opts.style;
    let path = c.expected_log();
    let v = verdict::judge(old, ctx.run_once(exe, false)?);
    let blessed = verdict::bless(c, &v, force)?;
    let ok = matches!(blessed, Blessed::Unchanged | Blessed::Updated);
    let said = match blessed {
        Blessed::Refused(why) => failures::not_blessed(style, c, &v, &why),
        Blessed::WouldNotHold(e) => failures::would_not_hold(style, c, &e),
        Blessed::Unchanged => format!("{:<22} blessed (unchanged): {}\n", c.name, path.display()),
        Blessed::Updated => format!("{:<22} blessed (updated): {}\n", c.name, path.display()),
    };
    print!("{said}");
    Ok(ok)
}
