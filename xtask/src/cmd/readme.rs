//! `cargo xtask readme [--check]`: the README's chapter map, made from the chapters' docs.

use course::map::{Map, readme};

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
        let map = readme(&ctx.root, &ctx.chapters, self.check)?;
        println!(
            "README.md: {}",
            match map {
                Map::Current => "the chapter map is up to date",
                Map::Stale => "the chapter map is out of date; run `cargo xtask readme`",
                Map::Rewritten => "chapter map rewritten from the chapters' docs",
            }
        );
        Ok(map != Map::Stale)
    }
}
