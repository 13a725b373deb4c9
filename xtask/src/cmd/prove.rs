//! `cargo xtask prove`: what holds on the schedules loom explores, and what must not compile.

use crate::build::{self, Runtime};
use crate::cli::{Cmd, Ctx, Fail, Given};
use crate::ui::report::{CYAN, GREEN, RED};

pub struct Prove;

/// (what it proves, cargo's arguments, the runtime it builds the chapters on)
const STEPS: [(&str, &[&str], Runtime); 3] = [
    (
        "compile-fail lessons and doc tests: what Rust refuses, and the fixes it accepts",
        &["test", "--quiet", "--workspace", "--doc"],
        Runtime::Std,
    ),
    (
        // Every test target of `proofs`: a new `proofs/tests/loom_*.rs` (`#![cfg(loom)]`) is
        // proved with no change here.
        "loom models: the lessons on the schedules of their threads that loom explores",
        &["test", "--quiet", "--release", "-p", "proofs", "--tests"],
        Runtime::Loom,
    ),
    (
        // The play levels (play/tests/levels.rs, fixes.rs): each breakable one won by a kept
        // schedule; each fixed one's own search runs its set and breaks its broken twin.
        "play levels: the breakable won, each fix held by its search, its twin broken",
        &["test", "--quiet", "-p", "play", "--tests"],
        Runtime::Shuttle,
    ),
];

impl Cmd for Prove {
    const NAME: &'static str = "prove";
    const HELP: &'static str = "the proofs: loom models of the lessons on every schedule, and the\n\
                                programs Rust must refuse to compile";

    fn parse(_: &mut Given) -> Result<Self, String> {
        Ok(Prove)
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let style = ctx.opts.style;
        let mut ok = true;
        for (what, args, runtime) in STEPS {
            println!("{} {what}", style.paint(CYAN, "==>"));
            let start = std::time::Instant::now();
            if runtime == Runtime::Shuttle {
                for dir in [
                    crate::cmd::play::COUNTEREXAMPLES,
                    crate::cmd::play::SEARCHES,
                ] {
                    let _ = std::fs::remove_dir_all(ctx.root.join(dir));
                }
            }
            let proved = build::cargo_run(ctx, args, runtime)?.success();
            let verdict = if proved {
                style.paint(GREEN, "proved")
            } else {
                ok = false;
                style.paint(RED, "FAILED")
            };
            println!(
                "    {verdict} in {:.1}s (cargo {})",
                start.elapsed().as_secs_f64(),
                args.join(" ")
            );
            // What each fix's search covered: never "every schedule" of a search with a bound.
            if runtime == Runtime::Shuttle && proved {
                let width = crate::ui::term::width().unwrap_or(80);
                let legend = "(a preemption: the search switches away from a thread that could \
                              go on; the times are of tests that ran side by side)";
                for line in crate::cmd::play::searches(ctx)
                    .iter()
                    .map(String::as_str)
                    .chain([legend])
                {
                    for l in crate::ui::screen::fit(&format!("    {line}"), width) {
                        println!("{l}");
                    }
                }
            }
            // A fixed level broken: its schedule, drawn as the game draws one.
            if runtime == Runtime::Shuttle && !proved {
                for line in crate::cmd::play::counterexamples(ctx)? {
                    println!("    {line}");
                }
            }
        }
        Ok(ok)
    }
}
