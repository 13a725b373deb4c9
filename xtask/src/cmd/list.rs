//! `cargo xtask list` and `cargo xtask hint <chapter>`: the course, read from the chapters' docs.

use crate::cli::{Cmd, Ctx, Fail, flags, need_chapter};
use crate::ui::term::style::CYAN;

pub struct List;

impl Cmd for List {
    const NAME: &'static str = "list";
    const HELP: &'static str = "the chapters, in order";

    type Flags = flags::List;

    fn parse(_: flags::List) -> Result<Self, Fail> {
        Ok(List)
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        for c in &ctx.chapters {
            println!("{:<22} {}", c.name, c.lesson.title);
        }
        Ok(true)
    }
}

pub struct Hint {
    chapter: String,
}

impl Cmd for Hint {
    const NAME: &'static str = "hint";
    const ARGS: &'static str = "<chapter>";
    const HELP: &'static str = "what to look for in a chapter and what to try";

    type Flags = flags::Hint;

    fn parse(given: flags::Hint) -> Result<Self, Fail> {
        Ok(Hint {
            chapter: need_chapter(Self::NAME, given.chapter)?,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let c = course::find(&ctx.chapters, &self.chapter)?;
        println!("{}: {}\n", c.name, c.lesson.title);
        for h in ["What to look for", "Try this"] {
            if let Some(t) = c.lesson.section(h) {
                let t = textfit::wrap(t, crate::ui::term::width());
                println!("{}\n{t}\n", ctx.opts.style.paint(CYAN, h));
            }
        }
        Ok(true)
    }
}
