//! `cargo xtask check-solutions`: the course-content check for maintainers (rustlings' `dev
//! check`). On a scratch copy of the exercises, every exercise must fail its check as given and
//! pass with its reference solution copied in, and every answer kept in `xtask/tests/answers/`
//! must be judged as its name says. The tree is never touched.
//!
//! An answer is a whole file put in place of the exercise's (`course::answers` reads its name):
//! `right_<what>.lib.rs` replaces `src/lib.rs` and must pass; `wrong_<stage>_<what>.main.rs`
//! replaces `src/main.rs` and must fail at `<stage>`, `build`, `run`, `noise` or `model` (a
//! `model` or `noise` one may fail at the plain run already, when the machine's timing happens
//! to show what the model or the noise finds surely).

use std::path::Path;

use super::{judge, report, settings};
use crate::cli::{Cmd, Ctx, Fail, Flag, SEED, flags};
use crate::ui::judgement;
use crate::ui::term::Style;
use course::Exercise;
use course::answers::{apply_solution, judged_right, kept, scratch_copy, with_answer};
use course::judge::Settings;

pub struct CheckSolutions {
    exercise: Option<String>,
    seed: Option<u64>,
}

impl Cmd for CheckSolutions {
    const NAME: &'static str = "check-solutions";
    const ARGS: &'static str = "[<ex>]";
    const HELP: &'static str = "on a scratch copy, every exercise (or one) fails as given, passes\n\
                                with its solution, and judges its answers right";
    const FLAGS: &'static [Flag] = &[SEED];

    const MAINTAINERS: bool = true;
    type Flags = flags::CheckSolutions;

    fn parse(given: flags::CheckSolutions) -> Result<Self, Fail> {
        Ok(CheckSolutions {
            exercise: given.exercise,
            seed: given.seed.map(|s| s.0),
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let (place, all) = course::exercise::of_course(&ctx.root)?;
        let chosen: Vec<&Exercise> = match &self.exercise {
            Some(w) => vec![course::exercise::find(&all, w)?],
            None => all.iter().collect(),
        };
        let settings = Settings {
            wait_for_model: true,
            seed: self.seed,
            ..settings(ctx)
        };
        run(
            &ctx.root,
            &place.ws,
            &ctx.root.join("solutions"),
            &chosen,
            &settings,
            ctx.opts.style,
        )
    }
}

/// Judge each kept answer of `ex` on a scratch copy; print a line for each.
fn answers(
    root: &Path,
    exercises_dir: &Path,
    ex: &Exercise,
    s: &Settings,
    style: Style,
) -> Result<bool, Fail> {
    let mut ok = true;
    for a in kept(root, ex)? {
        let place = with_answer(root, exercises_dir, ex, &a)?;
        let j = judge(&place, ex, s, style, false)?;
        let judged_right = judged_right(a.must_fail_by, j.failed_at());
        ok &= judged_right;
        println!(
            "{}",
            judgement::answer_line(style, &a.name, judged_right, &j)
        );
        if !judged_right || std::env::var_os("XTASK_SHOW_ANSWERS").is_some() {
            print!("{}", report(&place, ex, &j, style, None));
        }
    }
    Ok(ok)
}

pub fn run(
    root: &Path,
    exercises_dir: &Path,
    solutions: &Path,
    all: &[&Exercise],
    s: &Settings,
    style: Style,
) -> Result<bool, Fail> {
    let mut ok = true;
    for ex in all {
        // As given: must fail.
        let place = scratch_copy(root, exercises_dir, "unsolved")?;
        let unsolved = judge(&place, ex, s, style, false)?;
        // With the solution: must pass.
        apply_solution(&place.ws, ex, solutions)?;
        let solved = judge(&place, ex, s, style, false)?;
        let fine = !unsolved.passed() && solved.passed();
        ok &= fine;
        println!(
            "{}",
            judgement::exercise_line(style, &ex.name, &unsolved, &solved)
        );
        if !solved.passed() {
            print!("{}", report(&place, ex, &solved, style, None));
        }
        drop(place);
        ok &= answers(root, exercises_dir, ex, s, style)?;
    }
    Ok(ok)
}
