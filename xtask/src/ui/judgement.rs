//! The judge's stages in words: `✓` or `✗` and what each checked, its time, and on a failure
//! its evidence (the compiler's words, the run's verdict as `report` says it, the noisy run and
//! how to replay it, the model's words and the schedule that broke it, drawn). `check` prints
//! each stage as it ends; `watch` and `check-solutions` show the whole. The judge decides
//! (`course::judge`); this only says.

use std::time::Duration;

use course::judge::{Check, Evidence, Failure, Judgement, Stage};
use course::{Chapter, Exercise};
use playproto::{How, Search};

use crate::ui::report::{held_back, render};
use crate::ui::term::Style;
use crate::ui::term::style::{GREEN, RED};

/// What a stage is said of: the exercise, as a chapter for its verdicts' words.
pub struct Judged<'a> {
    pub ex: &'a Exercise,
    pub chapter: &'a Chapter,
    pub style: Style,
}

/// A stage in words: its line, and under it, on a failure, its evidence.
pub fn stage(of: &Judged, st: &Stage) -> String {
    let style = of.style;
    let mark = |held: bool| match held {
        true => style.paint(GREEN, "✓"),
        false => style.paint(RED, "✗"),
    };
    let secs = |d: Duration| d.as_secs_f64();
    let m = mark(st.held);
    match (&st.check, &st.evidence) {
        (Check::Build, Evidence::Compiler(errors)) => format!(
            "{m} it does not compile yet; the compiler says:\n{}",
            indent(errors)
        ),
        (Check::Build, _) => format!("{m} it compiles ({:.1}s)\n", secs(st.took)),
        (Check::Run { .. }, Evidence::Run(v)) if !st.held => format!(
            "{m} its run does not show the lesson ({:.1}s):\n{}",
            secs(st.took),
            render(style, of.chapter, v).unwrap_or_default()
        ),
        (Check::Run { claims }, _) => format!(
            "{m} its run matches the lesson's log, times included{} ({:.1}s)\n",
            if *claims == 0 {
                ""
            } else {
                ", and its claims of order"
            },
            secs(st.took)
        ),
        (Check::Noise { noise, .. }, Evidence::Noisy(k, v)) => format!(
            "{m} under schedule noise ({}), its run does not show the lesson:\n{}  \
             To see it again: `cargo xtask check {} --seed {}`\n",
            held_back(noise, *k),
            render(style, of.chapter, v).unwrap_or_default(),
            of.ex.number,
            noise.seed
        ),
        (Check::Noise { claims, noise }, _) => format!(
            "{m} {} held in {} runs under schedule noise, each holding back another thread \
             (seed {}; {:.1}s for all the runs at once)\n",
            claimed(*claims),
            noise.runs,
            noise.seed,
            secs(st.took)
        ),
        (Check::Model, Evidence::Model(failure)) => format!("{m} {}", model_failure(failure)),
        (Check::Model, Evidence::Covered(covered)) => format!(
            "{m} its model on the play runtime holds on {} ({:.1}s)\n",
            covered_words(covered.as_ref()),
            secs(st.took)
        ),
        (Check::Model, _) => format!("{m} its model on the play runtime\n"),
    }
}

/// The whole judgement in words, a stage after another, as `check` printed it.
pub fn report(of: &Judged, j: &Judgement) -> String {
    j.stages.iter().map(|st| stage(of, st)).collect()
}

/// "its claim of order", "its 2 claims of order".
fn claimed(claims: usize) -> String {
    match claims {
        1 => "its claim of order".to_string(),
        n => format!("its {n} claims of order"),
    }
}

/// What a model that held covered, in words (`None`: it did not say, so no more than that it
/// passed).
fn covered_words(covered: Option<&Search>) -> String {
    match covered {
        Some(s) => {
            let preemptions = match s.how {
                How::Dfs { preemptions } => preemptions,
                How::Random => None,
            };
            crate::ui::search::schedules_covered(preemptions, s.executions)
        }
        None => "the schedules it ran".into(),
    }
}

/// The verdict's sentence on a pass: what was checked, and the gap where one remains.
pub fn passed_says(j: &Judgement) -> String {
    let mut checked = "its log and the times of its lines".to_string();
    let mut gap = true;
    for st in &j.stages {
        match (&st.check, &st.evidence) {
            (Check::Noise { claims, noise }, _) => {
                checked += &format!(
                    "; {}, on the exact times of the lines, in its run and in {} runs under \
                     schedule noise (seed {})",
                    claimed(*claims),
                    noise.runs,
                    noise.seed
                );
                gap = false;
            }
            (Check::Model, Evidence::Covered(covered)) => {
                checked += &format!(
                    "; its model on the play runtime, on {}",
                    covered_words(covered.as_ref())
                );
                gap = false;
            }
            _ => {}
        }
    }
    let mut s = format!("checked {checked}.");
    if gap {
        s += " Not checked: whether it waits for a thread or only for a time as long: this \
              exercise claims no order and has no model, so a run with the lesson's times \
              passes.";
    }
    s
}

/// `check`'s last word on exercise `number`: passed, and what was checked; or not yet, and
/// where the hint is.
pub fn check_verdict(style: Style, j: &Judgement, number: u32) -> String {
    if j.passed() {
        format!(
            "{}: {} `cargo xtask watch {number}` shows the reference solution.",
            style.paint(GREEN, "Passed"),
            passed_says(j)
        )
    } else {
        format!(
            "{}: work where the `TODO` is, then check again; `cargo xtask watch {number}` has a hint.",
            style.paint(RED, "Not yet")
        )
    }
}

/// The watch's verdict on its screen, in lines of at most `width`: passed, and what was
/// checked; or not yet, and the files to edit (`work`). Wrapped as plain text, then its head
/// painted: colour codes take no room.
pub fn watch_verdict(style: Style, j: &Judgement, work: &str, width: usize) -> Vec<String> {
    let (head, code, text) = if j.passed() {
        ("Passed:", GREEN, format!("Passed: {}", passed_says(j)))
    } else {
        (
            "Not yet.",
            RED,
            format!("Not yet. Edit {work} where the `TODO` is and save: it is checked again."),
        )
    };
    let text = textfit::wrap(&text, Some(width));
    let rest = text.strip_prefix(head).unwrap_or(&text);
    format!("{}{rest}", style.paint(code, head))
        .lines()
        .map(String::from)
        .collect()
}

/// `check-solutions`' line for an exercise: whether it failed as given and passed solved.
pub fn exercise_line(style: Style, name: &str, unsolved: &Judgement, solved: &Judgement) -> String {
    let fine = !unsolved.passed() && solved.passed();
    format!(
        "{name:<22} {}  unsolved: fails at its {}; solved: {}",
        ok_or_failed(style, fine),
        unsolved.failed_at().unwrap_or("(nothing: it PASSED)"),
        if solved.passed() { "passes" } else { "FAILS" },
    )
}

/// `check-solutions`' line for a kept answer: whether it was judged as its name says, and how.
pub fn answer_line(style: Style, name: &str, right: bool, j: &Judgement) -> String {
    format!(
        "  {} {name}: {}",
        ok_or_failed(style, right),
        match j.failed_at() {
            None => "passes".to_string(),
            Some(at) => format!("fails at its {at}"),
        }
    )
}

/// `ok` or `FAILED`, padded before it is painted (colour codes take no room).
fn ok_or_failed(style: Style, ok: bool) -> String {
    match ok {
        true => style.paint(GREEN, "ok    "),
        false => style.paint(RED, "FAILED"),
    }
}

/// Why the model does not hold, in words, its evidence under it.
fn model_failure(f: &Failure) -> String {
    match f {
        Failure::StdSync { file, line, path } => format!(
            "{}:{line}: `{path}` is std's own, taken directly: take it from the `use \
             common::sync::...` at the top of the file (std's in a normal run, the model \
             checker's under the model), or the model checker cannot see it\n",
            file.display()
        ),
        Failure::NoBuild(errors) => format!(
            "its model does not compile with the play runtime's types:\n{}",
            indent(errors)
        ),
        Failure::TimedOut(limit) => format!(
            "its model on the play runtime did not end within {}: it has more schedules than \
             it can run in that time. Each lock, release, wait and atomic is a point where \
             another thread may run: a fix with far more of them than the lesson needs (a loop \
             that looks again and again, around a sleep, a `try_lock` or a `yield_now`) has \
             far more schedules. Wait on the condition itself (block in `lock()`, `wait()`, \
             `recv()`, `join()`) until it is told.\n",
            humantime::format_duration(*limit)
        ),
        Failure::CutShort(words) => format!(
            "its model on the play runtime cannot show it holds:\n{}    Each lock, \
             release, wait and atomic is a point where another thread may run: a fix with \
             far more of them than the lesson needs (a loop that looks again and again) has \
             far more schedules.\n",
            indent(words)
        ),
        Failure::Broke(b) => {
            let mut why = format!(
                "its model on the play runtime found a schedule that breaks it:\n{}",
                indent(&b.words)
            );
            if let Some(broken) = &b.schedule {
                match &b.kept {
                    Some(Ok(file)) => {
                        why += &format!(
                            "    Play it: cargo xtask play --replay {}\n",
                            file.display()
                        )
                    }
                    Some(Err(e)) => why += &format!("    (the schedule was not kept: {e})\n"),
                    None => {}
                }
                let width = crate::ui::term::width().unwrap_or(80).saturating_sub(4);
                for line in crate::ui::game::schedule_with(&broken.game, &broken.moves, true, width)
                {
                    why += &format!("    {line}\n");
                }
            }
            if let Some(at) = &b.sleep {
                why += &sleep_cannot_fix(at);
            }
            why
        }
    }
}

/// Why the sleep at `at` cannot fix what the model found (indented as the report's other
/// lines are).
fn sleep_cannot_fix(at: &str) -> String {
    format!(
        "    Your code sleeps ({at}), and no sleep can fix this: the model has no clock. It \
         runs every order of the threads' steps, whatever their sleeps, and the order above is \
         one of them. On a real machine a sleep only makes that order rare: a busy machine can \
         hold a thread back for longer than any sleep. Make the threads wait for each other (a \
         lock, a join, a condition), not for a time.\n"
    )
}

/// `text`'s lines, four spaces in.
pub fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| format!("    {l}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use course::judge::Broke;
    use course::noise;

    fn stage(check: Check, held: bool, evidence: Evidence) -> Stage {
        Stage {
            check,
            held,
            evidence,
            took: Duration::from_millis(1200),
        }
    }

    fn said(st: &Stage) -> String {
        let ex = Exercise {
            name: "ex04_race".into(),
            folder: "04_race".into(),
            number: 4,
            lesson: course::Lesson::default(),
        };
        let chapter = ex.as_chapter(std::path::Path::new("/nonexistent"));
        let of = Judged {
            ex: &ex,
            chapter: &chapter,
            style: Style::default(),
        };
        super::stage(&of, st)
    }

    #[test]
    fn a_pass_says_what_was_checked_and_what_was_not() {
        let mut j = Judgement {
            stages: vec![
                stage(Check::Build, true, Evidence::Nothing),
                stage(Check::Run { claims: 0 }, true, Evidence::Nothing),
            ],
        };
        assert_eq!(
            passed_says(&j),
            "checked its log and the times of its lines. Not checked: whether it waits for a \
             thread or only for a time as long: this exercise claims no order and has no \
             model, so a run with the lesson's times passes."
        );
        j.stages.push(stage(
            Check::Noise {
                claims: 2,
                noise: noise::for_exercises(7),
            },
            true,
            Evidence::Nothing,
        ));
        assert_eq!(
            passed_says(&j),
            "checked its log and the times of its lines; its 2 claims of order, on the exact \
             times of the lines, in its run and in 6 runs under schedule noise (seed 7)."
        );
    }

    #[test]
    fn the_last_word_says_passed_or_not_yet_and_what_to_do() {
        let built = stage(Check::Build, true, Evidence::Nothing);
        let ran = stage(Check::Run { claims: 0 }, false, Evidence::Nothing);
        let failed = Judgement {
            stages: vec![built, ran],
        };
        assert_eq!(
            check_verdict(Style::default(), &failed, 4),
            "Not yet: work where the `TODO` is, then check again; `cargo xtask watch 4` has a \
             hint."
        );
        let lines = watch_verdict(
            Style { color: true },
            &failed,
            "exercises/04_race/src/lib.rs",
            40,
        );
        assert!(
            lines[0].starts_with("\x1b[31mNot yet.\x1b[0m Edit"),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| textfit::width(l) <= 40), "{lines:?}");
        assert_eq!(
            answer_line(Style::default(), "wrong_run_x.main.rs", true, &failed),
            "  ok     wrong_run_x.main.rs: fails at its run"
        );
    }

    #[test]
    fn a_stage_says_what_it_checked_and_how_long_it_took() {
        assert_eq!(
            said(&stage(Check::Build, true, Evidence::Nothing)),
            "✓ it compiles (1.2s)\n"
        );
        let failed = said(&stage(
            Check::Build,
            false,
            Evidence::Compiler("error[E0308]: mismatched types\n".into()),
        ));
        assert_eq!(
            failed,
            "✗ it does not compile yet; the compiler says:\n    error[E0308]: mismatched types\n"
        );
        let noisy = said(&stage(
            Check::Noise {
                claims: 1,
                noise: noise::for_exercises(7),
            },
            true,
            Evidence::Nothing,
        ));
        assert_eq!(
            noisy,
            "✓ its claim of order held in 6 runs under schedule noise, each holding back \
             another thread (seed 7; 1.2s for all the runs at once)\n"
        );
    }

    #[test]
    fn a_model_that_holds_says_what_it_covered_and_one_cut_short_is_no_pass() {
        let search = |preemptions, executions| Search {
            how: How::Dfs { preemptions },
            executions,
            complete: true,
            won: None,
            failed: None,
            cut: None,
        };
        assert_eq!(
            covered_words(Some(&search(Some(3), 646))),
            format!(
                "every schedule of these threads with at most 3 preemptions ({}), 646 of them",
                crate::ui::search::PREEMPTION
            )
        );
        assert_eq!(
            covered_words(Some(&search(None, 12))),
            "every schedule of these threads, 12 of them"
        );
        assert_eq!(covered_words(None), "the schedules it ran");
        let cut = said(&stage(
            Check::Model,
            false,
            Evidence::Model(Box::new(Failure::CutShort(
                "The model did not run every schedule".into(),
            ))),
        ));
        assert!(
            cut.starts_with("✗ its model on the play runtime cannot show it holds:\n    The"),
            "{cut}"
        );
    }

    #[test]
    fn a_broken_model_keeps_its_words_and_says_no_sleep_can_fix_it() {
        let broke = said(&stage(
            Check::Model,
            false,
            Evidence::Model(Box::new(Failure::Broke(Broke {
                words: "an update was lost:\n    Thread 0".into(),
                schedule: None,
                kept: None,
                sleep: Some("src/lib.rs:2: `common::sleep(x);`".into()),
            }))),
        ));
        assert!(
            broke.contains("breaks it:\n    an update was lost:\n        Thread 0\n"),
            "{broke}"
        );
        assert!(broke.contains("the model has no clock"), "{broke}");
    }
}
