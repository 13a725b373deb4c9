//! `cargo xtask tour`: step through the course, one chapter at a time, with the place remembered
//! (in `progress.rs`, shared with `watch`); `prompt.rs` reads the student's answers.

mod prompt;
mod screens;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use prompt::{Go, apply, ask, prompt};
use timeline::Recording;

use crate::cli::{Cmd, Ctx, Fail, flags};
use crate::ui::report;
use crate::ui::status::bar;
use crate::ui::term::style::CYAN;
use crate::ui::term::{self, Style};
use course::Chapter;
use course::launch::Program;
use course::progress::{load, save};
use course::verdict;

pub struct Tour {
    chapter: Option<String>,
}

impl Cmd for Tour {
    const NAME: &'static str = "tour";
    const ARGS: &'static str = "[<chapter>]";
    const HELP: &'static str = "step through the course: each lesson, its run, what you saw and what\n\
                                to try; it remembers where you are";

    type Flags = flags::Tour;

    fn parse(given: flags::Tour) -> Result<Self, Fail> {
        Ok(Tour {
            chapter: given.chapter,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let chapters = &ctx.chapters;
        let default_progress = ctx.root.join(".course-progress");
        let progress: PathBuf = ctx
            .opts
            .progress_file
            .clone()
            .unwrap_or_else(|| default_progress.clone());
        // Where to start: the chapter named, else the saved place. A named chapter is checked
        // before anything is said.
        let wanted = ctx.select(self.chapter.as_deref())?;
        let names: Vec<&str> = chapters.iter().map(|c| c.name.as_str()).collect();
        let numbers: Vec<Option<u32>> = chapters.iter().map(Chapter::number).collect();
        // Why the saved place was not used, said on the first screen (printed before the
        // screen clears, it would never be seen).
        let mut note = None;
        let mut at = match &self.chapter {
            Some(_) => names.iter().position(|n| *n == wanted[0].name).unwrap_or(0),
            None => {
                let (at, why) = load(&progress, &names);
                note = why.map(|why| format!("({why}: starting at the first chapter)"));
                at
            }
        };
        // With no terminal to answer, the tour goes on by itself and never waits. On one, a key
        // is read the moment it is pressed (the terminal is given back when the tour ends,
        // however it ends), else a line.
        let interactive = std::io::stdin().is_terminal();
        let keys = crate::ui::term::Keys::enter();
        let exes = ctx.cargo().chapters(&chapters.iter().collect::<Vec<_>>())?;
        let known: Vec<u32> = numbers.iter().flatten().copied().collect();
        let prompt = prompt(
            known.first().copied().unwrap_or(1),
            known.last().copied().unwrap_or(chapters.len() as u32),
            keys.is_some(),
        );
        let prompt = textfit::wrap(&prompt, term::width());
        // How to come back: the same command, with the same progress file if it was not the
        // default.
        let again = if progress == default_progress {
            "cargo xtask tour".to_string()
        } else {
            format!("cargo xtask tour --progress-file {}", progress.display())
        };
        // On a terminal, each chapter is drawn in screens that fit it (the main screen comes
        // back as it was when the tour ends); else it is printed, top to bottom.
        let mut full = keys
            .as_ref()
            .and_then(|k| crate::ui::term::Screen::enter().map(|s| (k, s)));
        if full.is_none()
            && let Some(note) = note.take()
        {
            println!("{note}");
        }
        loop {
            let c = &chapters[at];
            // Ctrl-C while a chapter runs ends the tour by its signal: the same word as `q`.
            crate::ui::term::farewell(Some(kept(&again, at, chapters, term::width())));
            if let Some((keys, screen)) = full.as_mut() {
                if let Err(e) = save(&progress, &c.name) {
                    println!(
                        "(could not remember your place in {}: {e})",
                        progress.display()
                    );
                }
                let place = screens::Place {
                    ctx,
                    chapter: c,
                    at,
                    count: chapters.len(),
                    numbers: &numbers,
                    note: note.take(),
                };
                match screens::chapter(&place, &exes[at], screen, keys)? {
                    Some(n) => at = n,
                    None => break,
                }
                continue;
            }
            show(ctx, c, at, chapters.len(), &exes[at])?;
            if let Err(e) = save(&progress, &c.name) {
                println!(
                    "(could not remember your place in {}: {e})",
                    progress.display()
                );
            }
            let next = if interactive {
                let prompt = ctx.opts.style.paint(CYAN, &prompt);
                ask(&prompt, keys.as_ref(), at, &numbers)
            } else {
                apply(at, &Go::Next, chapters.len())
            };
            match next {
                Some(n) => at = n,
                None => break,
            }
        }
        drop(full);
        crate::ui::term::farewell(None);
        println!("\n{}", kept(&again, at, chapters, term::width()));
        Ok(true)
    }
}

/// The tour's last word, at chapter `at`: where `again` (the command that comes back) opens,
/// wrapped to `width`.
fn kept(again: &str, at: usize, chapters: &[Chapter], width: Option<usize>) -> String {
    let words = if at + 1 == chapters.len() {
        format!("That was the last chapter. `{again} 1` starts over.")
    } else {
        format!(
            "Your place is kept: `{again}` comes back to {}.",
            chapters[at].name
        )
    };
    textfit::wrap(&words, width)
}

/// One chapter of the tour: its lesson, its run live, the verdict, what to try.
fn show(ctx: &Ctx, c: &Chapter, at: usize, count: usize, exe: &Path) -> Result<(), Fail> {
    let style = ctx.opts.style;
    let width = term::width();
    crate::ui::term::clear();
    print!("{}", intro(c, at, count, width, style));
    let rec = Recording::new(&c.name);
    let r = ctx.run(
        &Program::binary(exe).with_env(rec.env()),
        ctx.limit(),
        report::echo(),
    )?;
    println!("\n{}", style.paint(CYAN, "What you just saw"));
    println!("{}\n", reminder(c, at, width));
    let log = rel(&ctx.root, c);
    let (head, why) = report::tour_verdict(style, c, &log, verdict::expected(c), r);
    println!("{}", textfit::wrap(&head, width));
    if let Some(why) = why {
        print!("{why}");
    }
    println!("\n{}", style.paint(CYAN, "The run, thread by thread"));
    match rec.read() {
        Ok(t) => {
            let width = crate::ui::timeline::terminal_width();
            for line in crate::ui::timeline::lines(&t, &c.name, width, style) {
                println!("{line}");
            }
        }
        Err(why) => println!("{}: no timeline: {why}", c.name),
    }
    let twin = c.twin_script(&ctx.root).is_file();
    let exercise = c
        .number()
        .and_then(|n| course::exercise::of_chapter(&ctx.root.join("exercises"), n));
    let exercise = exercise
        .as_ref()
        .map(|ex| (ex.number, ex.lesson.title.as_str()));
    let level = course::levels::levels_of(&ctx.root, &c.name)
        .into_iter()
        .next();
    print!(
        "{}",
        outro(c, twin, exercise, level.as_deref(), width, style)
    );
    Ok(())
}

/// The chapter's expected log, as the student finds it from the course's root (a line shorter
/// than its absolute path, which wrapped); absolute when it lies elsewhere.
fn rel(root: &Path, c: &Chapter) -> PathBuf {
    let log = c.expected_log();
    log.strip_prefix(root).map(Path::to_path_buf).unwrap_or(log)
}

/// What the tour shows before a chapter runs: where the student is, the lesson, what to look
/// for, and the command that runs it.
fn intro(c: &Chapter, at: usize, count: usize, width: Option<usize>, style: Style) -> String {
    let head = format!("Chapter {} of {count} {}", at + 1, bar(at, count));
    let title = format!("{}: {}", c.name, c.lesson.title);
    let mut s = format!(
        "\n{}\n{}\n\n",
        style.paint(CYAN, &head),
        textfit::wrap(&title, width)
    );
    if !c.lesson.summary.is_empty() {
        s += &format!("{}\n\n", textfit::wrap(&c.lesson.summary, width));
    }
    if let Some(t) = c.lesson.section("What to look for") {
        let t = textfit::wrap(t, width);
        s += &format!("{}\n{t}\n\n", style.paint(CYAN, "What to look for"));
    }
    for l in textfit::wrap(&running(c), width).lines() {
        s += &format!("{}\n", style.paint(CYAN, l));
    }
    s
}

/// The line above a chapter's run: the command it is, and what its flag `--clock lesson` does
/// (a word the student meets here first).
fn running(c: &Chapter) -> String {
    format!(
        "Running {0} (cargo run -p {0} -- --clock lesson, which times its lines on the lesson \
         clock, from 00:00:00 at its start):",
        c.name
    )
}

/// After the run, which may have scrolled the lesson away: the chapter and, in one sentence,
/// what to look for.
fn reminder(c: &Chapter, at: usize, width: Option<usize>) -> String {
    let look = c
        .lesson
        .section("What to look for")
        .map(|t| format!(" What to look for: {}", first_sentence(t)))
        .unwrap_or_default();
    let text = format!("Chapter {}, {}.{look}", at + 1, c.lesson.title);
    textfit::wrap(&text, width)
}

/// The first sentence of `text`, on one line: up to the first full stop that ends a sentence,
/// outside a code span.
fn first_sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut code = false;
    for (i, ch) in text.char_indices() {
        match ch {
            '`' => code = !code,
            '.' if !code && (i + 1 == text.len() || text[i + 1..].starts_with(' ')) => {
                return text[..=i].to_string();
            }
            _ => {}
        }
    }
    text
}

/// What the tour shows after the verdict: what to try, the Python twin, the exercise.
fn outro(
    c: &Chapter,
    twin: bool,
    exercise: Option<(u32, &str)>,
    level: Option<&str>,
    width: Option<usize>,
    style: Style,
) -> String {
    // Wrapped as plain text, then its head painted: colour codes take no room.
    let led = |head: &str, rest: &str| {
        let text = textfit::wrap(&format!("{head} {rest}"), width);
        match text.strip_prefix(head) {
            Some(after) => format!("\n{}{after}\n", style.paint(CYAN, head)),
            None => format!("\n{text}\n"),
        }
    };
    let mut s = String::new();
    if let Some(t) = c.lesson.section("Try this") {
        let t = textfit::wrap(t, width);
        s += &format!("\n{}\n{t}\n", style.paint(CYAN, "Try this"));
    }
    if twin {
        s += &led(
            "See it in Python:",
            &format!(
                "`cargo xtask compare {}` runs the Python twin beside it.",
                c.short()
            ),
        );
    }
    if let Some(level) = level {
        s += &led(
            "Be the scheduler:",
            &format!("`cargo xtask play {level}` lets you choose each step of its threads."),
        );
    }
    if let Some((number, title)) = exercise {
        s += &led(
            "Now fix it yourself:",
            &format!("`cargo xtask watch {number}` ({title})"),
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chapter_screen_fits_80_columns() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let chapters = course::discover(&root.join("chapters")).unwrap();
        assert!(chapters.len() >= 10);
        let long = "Exercise 8: the check that forgot the lock, and a little more";
        for (at, c) in chapters.iter().enumerate() {
            let screen = [
                intro(c, at, chapters.len(), Some(80), Style::default()),
                reminder(c, at, Some(80)),
                outro(
                    c,
                    true,
                    Some((8, long)),
                    Some("ch18-look-and-set"),
                    Some(80),
                    Style::default(),
                ),
            ]
            .concat();
            for line in screen.lines() {
                assert!(line.chars().count() <= 80, "{}: {line:?}", c.name);
            }
            assert!(
                screen.contains(&format!("cargo run -p {}", c.name)),
                "{screen}"
            );
            // `--clock lesson` is said where the tour first prints it.
            let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(
                    "--clock lesson, which times its lines on the lesson clock, from 00:00:00 at \
                     its start"
                ),
                "{screen}"
            );
        }
        // Painted, the heads still fit: colour codes take no room.
        let c = &chapters[1];
        let painted = outro(
            c,
            true,
            Some((8, long)),
            Some("ch18-look-and-set"),
            Some(80),
            Style { color: true },
        );
        assert!(
            painted.contains("\x1b[36mNow fix it yourself:\x1b[0m `cargo"),
            "{painted}"
        );
    }

    /// With a progress file of its own, the tour's last word ran past the edge of the screen.
    #[test]
    fn the_last_word_is_wrapped() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let chapters = course::discover(&root.join("chapters")).unwrap();
        let again = "cargo xtask tour --progress-file /home/student/course/places/mine";
        let said = kept(again, 6, &chapters, Some(80));
        assert_eq!(
            said,
            "Your place is kept:\n\
             `cargo xtask tour --progress-file /home/student/course/places/mine` comes back\n\
             to ch07_deadlock."
        );
        assert!(kept(again, 17, &chapters, None).starts_with("That was the last chapter."));
    }

    #[test]
    fn the_reminder_is_the_first_sentence_of_what_to_look_for() {
        assert_eq!(
            first_sentence("`Ending value is 2.` comes. Then\nmore. And more."),
            "`Ending value is 2.` comes."
        );
        assert_eq!(first_sentence("no full stop"), "no full stop");
        assert_eq!(
            first_sentence("at 00:00:02, not 2. Then"),
            "at 00:00:02, not 2."
        );
    }
}
