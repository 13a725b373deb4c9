//! `cargo xtask check <exercise>`: build the student's version and judge it.

use super::{judge, need_exercise, settings};
use crate::cli::{Cmd, Ctx, Fail, Flag, SEED, flags};

pub struct Check {
    exercise: String,
    seed: Option<u64>,
}

impl Cmd for Check {
    const NAME: &'static str = "check";
    const ARGS: &'static str = "<exercise>";
    const HELP: &'static str = "build your version of an exercise and check that the fix is real:\n\
                                its log and times, its claims of order under schedule noise,\n\
                                a time limit, its model on every schedule (or every one with\n\
                                at most a few preemptions, where those are too many)";
    const FLAGS: &'static [Flag] = &[SEED];

    type Flags = flags::Check;

    fn parse(given: flags::Check) -> Result<Self, Fail> {
        Ok(Check {
            exercise: need_exercise(Self::NAME, given.exercise)?,
            seed: given.seed.map(|s| s.0),
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let (place, all) = course::exercise::of_course(&ctx.root)?;
        let ex = course::exercise::find(&all, &self.exercise)?;
        let s = course::judge::Settings {
            seed: self.seed,
            ..settings(ctx)
        };
        let style = ctx.opts.style;
        println!("Checking {}: {}", ex.name, ex.lesson.title);
        // Its report is printed stage by stage, as each ends.
        let j = judge(&place, ex, &s, style, true)?;
        let verdict = crate::ui::judgement::check_verdict(style, &j, ex.number);
        print!("{}", textfit::fit_all(&verdict, crate::ui::term::width()));
        Ok(j.passed())
    }
}
