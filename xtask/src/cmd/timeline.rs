//! `cargo xtask timeline [--svg]`: the runs the README draws, run afresh and drawn: chapter 1
//! beside chapter 1 with the `join` inside the loop (the fixture `fx_join_in_loop`), chapter
//! 3's pools of three and of two, chapter 5's hand-over of the lock, chapter 7's deadlocks and
//! chapter 15's semaphore. With `--svg`, as the pictures in
//! `docs/`.

use std::path::PathBuf;

use timeline::{Timeline, svg};

use crate::cli::{Cmd, Ctx, Fail, Flag, flags};
use crate::ui::timeline::{lines, terminal_width};
use course::map::PICTURES;
use course::{self, Chapter};

pub struct Pictures {
    svg: bool,
}

impl Cmd for Pictures {
    const NAME: &'static str = "timeline";
    const HELP: &'static str =
        "run the README's example runs (chapter 1, chapter 1 with the join in
the loop, chapters 3, 5, 7 and 15) and draw their timelines";
    const FLAGS: &'static [Flag] = &[(
        "svg",
        "",
        "write them as the README's pictures, docs/timeline-*.svg",
    )];

    const MAINTAINERS: bool = true;
    type Flags = flags::Timeline;

    fn parse(given: flags::Timeline) -> Result<Self, Fail> {
        Ok(Pictures { svg: given.svg })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let docs = ctx.root.join("docs");
        let fixtures = course::discover(&ctx.root.join("xtask/fixtures"))?;
        let mut ok = true;
        for (file, panels) in PICTURES {
            let mut runs: Vec<(&str, Timeline)> = Vec::new();
            for (title, name) in *panels {
                let Some(t) = record(ctx, &fixtures, name)? else {
                    ok = false;
                    continue;
                };
                if !self.svg {
                    for line in lines(&t, title, terminal_width(), ctx.opts.style) {
                        println!("{line}");
                    }
                    println!();
                }
                runs.push((title, t));
            }
            if self.svg && runs.len() == panels.len() {
                let panels: Vec<(&str, &Timeline)> = runs.iter().map(|(n, t)| (*n, t)).collect();
                let path: PathBuf = docs.join(file);
                std::fs::create_dir_all(&docs)
                    .and_then(|()| std::fs::write(&path, svg::svg(&panels)))
                    .map_err(|e| Fail::Broken(format!("cannot write {}: {e}", path.display())))?;
                println!("wrote {}", path.display());
            }
        }
        Ok(ok)
    }
}

/// Run the chapter (or fixture) `name`, recorded, and check it: a picture of a run that did not
/// show its lesson would tell the README's reader something false. `None` when it failed.
fn record(ctx: &Ctx, fixtures: &[Chapter], name: &str) -> Result<Option<Timeline>, Fail> {
    let (chapter, exe) = if name.starts_with("fx_") {
        let c = course::find(fixtures, name)?;
        (c, ctx.cargo().fixture(name)?)
    } else {
        let c = ctx.select(Some(name))?[0];
        (c, ctx.cargo().chapters(&[c])?.remove(0))
    };
    ctx.run_recorded(chapter, &exe)
}
