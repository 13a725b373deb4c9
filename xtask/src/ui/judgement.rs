//! The judge's stages in words: `✓` or `✗` and what each checked, its time, and on a failure
//! its evidence (the compiler's words, the run's verdict as `report` says it, the noisy run and
//! how to replay it, the model's words and the schedule that broke it, drawn). `check` prints
//! each stage as it ends; `watch` and `check-solutions` show the whole. The judge decides
//! (`course::judge`); this only says.

use std::time::Duration;

use course::judge::{Broke, Check, Evidence, Failure, Judgement, Stage, Unsaid};
use course::{Chapter, Exercise};
use playproto::Search;

use crate::ui::report::{held_back, render, render_within};
use crate::ui::term::Style;
use crate::ui::term::style::{GREEN, RED};

/// What a stage is said of: the exercise, as a chapter for its verdicts' words.
pub struct Judged<'a> {
    pub ex: &'a Exercise,
    pub chapter: &'a Chapter,
    pub style: Style,
    /// The most lines a model's failure may take (`check` on a terminal: what is left of the
    /// screen), its parts kept most important first; `None`: all of it.
    pub rows: Option<usize>,
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
            render_within(
                style,
                of.chapter,
                v,
                of.rows.map(|r| r.saturating_sub(1)),
                &format!("`cargo xtask watch {}`", of.ex.number)
            )
            .unwrap_or_default()
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
        (Check::Model, Evidence::Model(failure)) => {
            format!("{m} {}", model_failure(failure, of.ex.number, of.rows))
        }
        (Check::Model, Evidence::Covered(covered)) => format!(
            "{m} its model on the play runtime holds on {} ({:.1}s)\n",
            covered_words(covered),
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

/// What a model that held covered, in words.
fn covered_words(s: &Search) -> String {
    crate::ui::search::schedules_covered(s.preemptions(), s.executions)
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
                    covered_words(covered)
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
fn model_failure(f: &Failure, number: u32, rows: Option<usize>) -> String {
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
        Failure::Unsaid(unsaid) => unsaid_words(unsaid),
        Failure::CutShort(words) => format!(
            "its model on the play runtime cannot show it holds:\n{}    Each lock, \
             release, wait and atomic is a point where another thread may run: a fix with \
             far more of them than the lesson needs (a loop that looks again and again) has \
             far more schedules.\n",
            indent(words)
        ),
        Failure::Broke(b) => broke(b, number, rows),
    }
}

/// Why a model's test gave no result the check can read, in words.
fn unsaid_words(unsaid: &Unsaid) -> String {
    let exit = |code: &Option<i32>| match code {
        Some(code) => format!("exit code {code}"),
        None => "killed by a signal".to_string(),
    };
    match unsaid {
        Unsaid::Nothing { exit: code } => format!(
            "its model on the play runtime said nothing of what it found: its test ended ({}) \
             before it wrote what the model found, so it shows nothing. The exercise's \
             `tests/play.rs` runs the model with `play::model::holds`, which writes it for the \
             check: keep that test as it is given, run and not ignored.\n",
            exit(code)
        ),
        Unsaid::Unreadable(why) => format!(
            "its model on the play runtime wrote what it found in a form the check cannot \
             read ({why}), so it shows nothing.\n"
        ),
        Unsaid::FailedAfter { exit: code } => format!(
            "its model on the play runtime ran every schedule of its search and none broke \
             it, but its test then failed ({}): a model whose test fails shows nothing.\n",
            exit(code)
        ),
    }
}

/// A schedule the model found that breaks the exercise, in words, each line fitted to the
/// terminal (80 columns where there is none). Its parts, most important first: what broke, why
/// a sleep cannot fix it, the command that plays it, the schedule drawn, each move; with
/// `rows`, those that do not fit in them are left out, and said so.
fn broke(b: &Broke, number: u32, rows: Option<usize>) -> String {
    let width = crate::ui::term::width().unwrap_or(80).saturating_sub(4);
    let wrap = |text: &str| textfit::fit(text, width);
    let mut parts: Vec<(&str, Vec<String>)> = vec![("", wrap(&b.words))];
    if let Some(at) = &b.sleep {
        parts.push(("why a sleep cannot fix it", wrap(&sleep_cannot_fix(at))));
    }
    match &b.kept {
        Some(Ok(file)) => {
            // The command whole, to be copied: on a line of its own when it does not fit
            // beside its words.
            let command = format!("cargo xtask play --replay {}", file.display());
            let play = match textfit::width(&command) + 9 <= width {
                true => vec![format!("Play it: {command}")],
                false => vec!["Play it:".to_string(), format!("  {command}")],
            };
            parts.push(("the command that plays it", play));
        }
        Some(Err(e)) => parts.push((
            "why it was not kept",
            wrap(&format!("(the schedule was not kept: {e})")),
        )),
        None => {}
    }
    if let Some(broken) = &b.schedule {
        let [drawn, each] =
            crate::ui::game::schedule_parts(&broken.game, &broken.moves, true, width);
        parts.push(("the schedule drawn", drawn));
        parts.push(("each move", each));
    }
    let mut room = rows.unwrap_or(usize::MAX).saturating_sub(2);
    let (mut shown, mut left) = (Vec::new(), Vec::new());
    for (k, (name, lines)) in parts.into_iter().enumerate() {
        if k == 0 || lines.len() <= room {
            room = room.saturating_sub(lines.len());
            shown.extend(lines);
        } else {
            left.push(name);
        }
    }
    if !left.is_empty() {
        shown.extend(wrap(&format!(
            "(Left out to fit the screen: {}. `cargo xtask watch {number}` shows it all.)",
            left.join(", ")
        )));
    }
    let mut why = "its model on the play runtime found a schedule that breaks it:\n".to_string();
    for line in shown {
        why += &format!("    {line}\n");
    }
    why
}

/// Why the sleep at `at` cannot fix what the model found.
fn sleep_cannot_fix(at: &str) -> String {
    format!(
        "Your code sleeps ({at}), and no sleep can fix this: the model has no clock. It \
         runs the orders of the threads' steps whatever their sleeps, and the schedule it found \
         is one of them. On a real machine a sleep only makes that order rare: a busy machine \
         can hold a thread back for longer than any sleep. And even when the order comes out \
         right, a sleep orders no memory: only synchronisation makes one thread's writes \
         visible to another. Fix it with synchronisation, not \
         with a time: an atomic read-modify-write, a lock, a join or a condition, whichever \
         the exercise needs."
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
    use playproto::How;

    /// Exercise 4's fix is `fetch_add`, where no thread waits: the words name every kind of
    /// synchronisation, not only waiting; and a bounded model is not said to run every order.
    #[test]
    fn why_a_sleep_cannot_fix_it_names_every_kind_of_fix() {
        let why = sleep_cannot_fix("src/lib.rs:38");
        assert!(why.contains("an atomic read-modify-write, a lock, a join or a condition"));
        assert!(!why.contains("every order"), "{why}");
    }
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
            rows: None,
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
            covered_words(&search(Some(3), 646)),
            format!(
                "every schedule of these threads with at most 3 preemptions ({}), 646 of them",
                crate::ui::search::PREEMPTION
            )
        );
        assert_eq!(
            covered_words(&search(None, 12)),
            "every schedule of these threads, 12 of them"
        );
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
        let unsaid = said(&stage(
            Check::Model,
            false,
            Evidence::Model(Box::new(Failure::Unsaid(Unsaid::Nothing { exit: Some(0) }))),
        ));
        assert!(
            unsaid.starts_with(
                "✗ its model on the play runtime said nothing of what it found: its test ended \
                 (exit code 0) before"
            ),
            "{unsaid}"
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

    /// `check 7` with a sleeping answer printed 46 lines, its top off a screen of 24, and a
    /// model's words wider than 80 columns when piped: each line fits 80 columns, and with
    /// the rows left, the parts that fit, the most important first, and what was left out.
    #[test]
    fn a_broken_model_fits_80_columns_and_the_rows_left() {
        let words = "An update is lost: two updates ran and the value is 1, not 2: both \
                     threads read the value before either wrote it back";
        let failure = || {
            Failure::Broke(Broke {
                words: words.into(),
                schedule: None,
                kept: Some(Ok("target/play/exercises/ex04.txt".into())),
                sleep: Some(
                    "src/lib.rs:37: `std::thread::sleep(Duration::from_millis(200));`".into(),
                ),
            })
        };
        let whole = model_failure(&failure(), 4, None);
        for line in whole.lines() {
            assert!(line.chars().count() <= 80, "{line:?}");
        }
        assert!(whole.contains("the model has no clock"), "{whole}");
        assert!(
            whole.contains("Play it: cargo xtask play --replay"),
            "{whole}"
        );
        assert!(!whole.contains("Left out"), "{whole}");
        let short = model_failure(&failure(), 4, Some(6));
        assert!(short.lines().count() <= 6, "{short}");
        assert!(short.contains("An update is lost"), "{short}");
        assert!(!short.contains("the model has no clock"), "{short}");
        assert!(
            short.contains("Play it: cargo xtask play --replay"),
            "{short}"
        );
        assert!(
            short.contains("Left out to fit the screen: why a sleep cannot fix it.")
                && short.contains("`cargo xtask watch 4` shows it all."),
            "{short}"
        );
    }
}
