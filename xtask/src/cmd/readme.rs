//! `cargo xtask readme [--check]`: the README's chapter map, made from the chapters' docs.

use course::map::{table, with_table};

use crate::cli::{Cmd, Ctx, Fail, Flag, flags};

pub struct Readme {
    check: bool,
}

impl Cmd for Readme {
    const NAME: &'static str = "readme";
    const HELP: &'static str =
        "rewrite (or check) the README's chapter map from the chapters' docs";
    const FLAGS: &'static [Flag] = &[("check", "", "only check that the map is up to date")];

    const MAINTAINERS: bool = true;
    type Flags = flags::Readme;

    fn parse(given: flags::Readme) -> Result<Self, Fail> {
        Ok(Readme { check: given.check })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let path = ctx.root.join("README.md");
        let old = std::fs::read_to_string(&path)
            .map_err(|e| Fail::Usage(format!("cannot read {}: {e}", path.display())))?;
        let new = with_table(&old, &table(&ctx.chapters, &ctx.root))?;
        if new == old {
            println!("README.md: the chapter map is up to date");
        } else if self.check {
            println!("README.md: the chapter map is out of date; run `cargo xtask readme`");
            return Ok(false);
        } else {
            std::fs::write(&path, new)
                .map_err(|e| Fail::Broken(format!("cannot write {}: {e}", path.display())))?;
            println!("README.md: chapter map rewritten from the chapters' docs");
        }
        Ok(true)
    }
}
