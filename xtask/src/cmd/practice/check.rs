//! `cargo xtask check <exercise>`: build the student's version and judge it.

use super::{Settings, course, judge, named, need_exercise};
use crate::cli::{Cmd, Ctx, Fail, Flag, Given};
use crate::noise::{SEED, parse_seed};
use crate::ui::report::{GREEN, RED};

pub struct Check {
    exercise: String,
    seed: Option<u64>,
}

impl Cmd for Check {
    const NAME: &'static str = "check";
    const ARGS: &'static str = "<exercise>";
    const HELP: &'static str = "build your version of an exercise and check that the fix is real:\n\
                                its log and times, its claims of order under schedule noise,\n\
                                a time limit, its model on every schedule";
    const FLAGS: &'static [Flag] = &[SEED];

    fn parse(given: &mut Given) -> Result<Self, String> {
        Ok(Check {
            exercise: need_exercise(given)?,
            seed: parse_seed(given)?,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let (place, all) = course(ctx)?;
        let ex = named(&all, &self.exercise)?;
        let s = Settings {
            seed: self.seed,
            live: true,
            ..Settings::of(ctx)
        };
        println!("Checking {}: {}", ex.name, ex.lesson.title);
        let j = judge::exercise(&place, ex, &s)?;
        // Its report was printed stage by stage, as each ended.
        let verdict = if j.passed {
            format!(
                "{}: {} `cargo xtask watch {}` shows the reference solution.",
                s.style.paint(GREEN, "Passed"),
                j.passed_says(),
                ex.number
            )
        } else {
            format!(
                "{}: work where the `TODO` is, then check again; `cargo xtask watch {}` has a hint.",
                s.style.paint(RED, "Not yet"),
                ex.number
            )
        };
        print!(
            "{}",
            crate::ui::screen::fit_all(&verdict, crate::ui::screen::width())
        );
        Ok(j.passed)
    }
}
