//! `cargo xtask reset <exercise>`: put the exercise back as the course gave it, after asking.

use std::io::{BufRead, IsTerminal, Write};

use super::need_exercise;
use crate::cli::{Cmd, Ctx, Fail, flags};

pub struct Reset {
    exercise: String,
    yes: bool,
}

impl Cmd for Reset {
    const NAME: &'static str = "reset";
    const ARGS: &'static str = "<exercise>";
    const HELP: &'static str = "put an exercise back as the course gave it (asks first)";
    const FLAGS: &'static [crate::cli::Flag] = &[("yes", "", "reset without asking")];

    type Flags = flags::Reset;

    fn parse(given: flags::Reset) -> Result<Self, Fail> {
        Ok(Reset {
            exercise: need_exercise(Self::NAME, given.exercise)?,
            yes: given.yes,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let (place, all) = course::exercise::of_course(&ctx.root)?;
        let ex = course::exercise::find(&all, &self.exercise)?;
        let changed = course::exercise::changes(&place, ex)?;
        if changed.trim().is_empty() {
            unmark(ctx, &ex.name);
            println!("{} is as the course gave it: nothing to reset.", ex.name);
            return Ok(true);
        }
        println!(
            "Your changes to these files of {} would be lost:\n{changed}",
            ex.name
        );
        if !self.yes {
            if !std::io::stdin().is_terminal() {
                println!("Not reset: there is no terminal to ask (add --yes to reset anyway).");
                return Ok(false);
            }
            print!("Reset {} to the original? [y/N] ", ex.name);
            let _ = std::io::stdout().flush();
            let mut answer = String::new();
            let _ = std::io::stdin().lock().read_line(&mut answer);
            if !matches!(answer.trim(), "y" | "Y" | "yes") {
                println!("Not reset: your version is kept.");
                return Ok(false);
            }
        }
        course::exercise::restore(&place, ex)?;
        unmark(ctx, &ex.name);
        println!("{} is back as the course gave it.", ex.name);
        Ok(true)
    }
}

/// The exercise as the course gave it fails its check: `watch` no longer lists it as passed.
fn unmark(ctx: &Ctx, name: &str) {
    let file = super::progress_file(ctx);
    if let Err(e) = course::progress::forget_passed(&file, name) {
        println!(
            "(could not unmark {name} as passed in {}: {e})",
            file.display()
        );
    }
}
