//! `cargo xtask prove`: what holds on the schedules loom explores, and what must not compile.

use crate::cli::{Cmd, Ctx, Fail, flags};
use crate::ui::failures;
use crate::ui::search;
use crate::ui::term::style::CYAN;
use course::build::Runtime;
use course::engine::Engine;
use course::proofs::STEPS;

pub struct Prove;

impl Cmd for Prove {
    const NAME: &'static str = "prove";
    const HELP: &'static str = "the proofs: loom models of the lessons on every schedule, and the\n\
                                programs Rust must refuse to compile";

    type Flags = flags::Prove;

    fn parse(_: flags::Prove) -> Result<Self, Fail> {
        Ok(Prove)
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let style = ctx.opts.style;
        let mut ok = true;
        for (what, args, runtime) in STEPS {
            println!("{} {what}", style.paint(CYAN, "==>"));
            let start = std::time::Instant::now();
            if runtime == Runtime::Shuttle {
                for dir in [course::play::COUNTEREXAMPLES, course::play::SEARCHES] {
                    let _ = std::fs::remove_dir_all(ctx.root.join(dir));
                }
            }
            let proved = ctx.cargo().run(args, runtime)?.success();
            ok &= proved;
            println!(
                "{}",
                failures::prove_line(style, proved, start.elapsed(), args)
            );
            // What each fix's search covered: never "every schedule" of a search with a bound.
            if runtime == Runtime::Shuttle && proved {
                let width = crate::ui::term::width().unwrap_or(80);
                let legend = format!(
                    "({}; the times are of tests that ran side by side)",
                    search::PREEMPTION
                );
                let searched = course::play::searches(&ctx.root)?;
                let said: Vec<String> = searched.iter().map(search::searched).collect();
                for line in said.iter().map(String::as_str).chain([legend.as_str()]) {
                    for l in textfit::fit(&format!("    {line}"), width) {
                        println!("{l}");
                    }
                }
            }
            // A fixed level broken: its schedule, drawn as the game draws one.
            if runtime == Runtime::Shuttle && !proved {
                for line in counterexamples(ctx)? {
                    println!("    {line}");
                }
            }
        }
        Ok(ok)
    }
}

/// The schedules the play step kept that break a fixed level's claim, each drawn as a won
/// game's is (a lane per thread, each move with the line it ran) with the command that plays
/// it again.
fn counterexamples(ctx: &Ctx) -> Result<Vec<String>, Fail> {
    let kept = course::play::counterexamples(&ctx.root)?;
    let mut out = Vec::new();
    if kept.is_empty() {
        return Ok(out);
    }
    let engine = Engine::chapters(&ctx.cargo())?;
    let levels = engine.levels()?;
    let width = crate::ui::term::width().unwrap_or(80).saturating_sub(4);
    for k in kept {
        let Some(level) = levels.iter().find(|l| l.id == k.level) else {
            continue;
        };
        let game = engine.game(level, &k.moves, false)?;
        let shown = k.file.strip_prefix(&ctx.root).unwrap_or(&k.file);
        out.extend(search::counterexample(level, &game, &k.moves, shown, width));
    }
    Ok(out)
}
