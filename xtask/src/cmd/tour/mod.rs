//! `cargo xtask tour`: step through the course, one chapter at a time, with the place remembered
//! (in `progress.rs`, shared with `watch`); `prompt.rs` reads the student's answers.

mod prompt;
mod screens;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use prompt::{Go, answer, apply, parse_cmd, prompt, step};

use crate::cli::{Cmd, Ctx, Fail, Given};
use crate::cmd::check::{TimelineOut, run_program};
use crate::course::Chapter;
use crate::launch::Program;
use crate::progress::{bar, load, save};
use crate::timeline::Recording;
use crate::ui::report::{CYAN, GREEN, RED, render_against};
use crate::ui::term::Style;
use crate::{build, ui::screen, verdict};

pub struct Tour {
    chapter: Option<String>,
}

impl Cmd for Tour {
    const NAME: &'static str = "tour";
    const ARGS: &'static str = "[<chapter>]";
    const HELP: &'static str = "step through the course: each lesson, its run, what you saw and what\n\
                                to try; it remembers where you are";

    fn parse(given: &mut Given) -> Result<Self, String> {
        Ok(Tour {
            chapter: given.chapter(),
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
        let exes = build::chapters(ctx, &chapters.iter().collect::<Vec<_>>())?;
        let known: Vec<u32> = numbers.iter().flatten().copied().collect();
        let prompt = prompt(
            known.first().copied().unwrap_or(1),
            known.last().copied().unwrap_or(chapters.len() as u32),
            keys.is_some(),
        );
        let prompt = screen::wrap(&prompt, screen::width());
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
            crate::ui::term::farewell(Some(kept(&again, at, chapters)));
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
                    prompt: &prompt,
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
                loop {
                    println!("\n{}", ctx.opts.style.paint(CYAN, &prompt));
                    let answer = match &keys {
                        Some(keys) => answer(keys),
                        None => std::io::stdin().lines().next().and_then(Result::ok),
                    };
                    let Some(answer) = answer else { break None };
                    match parse_cmd(&answer, &numbers).and_then(|go| step(at, &go, chapters.len()))
                    {
                        Ok(next) => break next,
                        Err(e) => println!("{e}"),
                    }
                }
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
        println!("\n{}", kept(&again, at, chapters));
        Ok(true)
    }
}

/// The tour's last word, at chapter `at`: where `again` (the command that comes back) opens.
fn kept(again: &str, at: usize, chapters: &[Chapter]) -> String {
    if at + 1 == chapters.len() {
        format!("That was the last chapter. `{again} 1` starts over.")
    } else {
        format!(
            "Your place is kept: `{again}` comes back to {}.",
            chapters[at].name
        )
    }
}

/// One chapter of the tour: its lesson, its run live, the verdict, what to try.
fn show(ctx: &Ctx, c: &Chapter, at: usize, count: usize, exe: &Path) -> Result<(), Fail> {
    let style = ctx.opts.style;
    let width = screen::width();
    screen::clear();
    print!("{}", intro(c, at, count, width, style));
    let rec = Recording::new(&c.name);
    let r = run_program(
        ctx,
        &Program::binary(exe).recorded(&rec),
        ctx.limit(),
        crate::launch::Echo::Print,
    )?;
    println!("\n{}", style.paint(CYAN, "What you just saw"));
    println!("{}\n", reminder(c, at, width));
    match verdict::expected(c) {
        Err(Fail::Usage(why) | Fail::Broken(why)) => {
            let says = format!("Nothing to compare with: {why}");
            println!("{}", screen::wrap(&says, width));
        }
        Ok(expected) => {
            match render_against(style, c, &rel(&ctx.root, c), &verdict::judge(&expected, &r)) {
                None => {
                    let says = format!(
                        "{}: every line matched {}, times included.",
                        style.paint(GREEN, "The lesson showed"),
                        rel(&ctx.root, c).display()
                    );
                    println!("{}", screen::wrap(&says, width));
                }
                Some(why) => {
                    let says = format!(
                        "{}; if you changed the code, this is what changed:",
                        style.paint(RED, "This run differs from the lesson's log")
                    );
                    println!("{}", screen::wrap(&says, width));
                    print!("{why}");
                }
            }
        }
    }
    println!("\n{}", style.paint(CYAN, "The run, thread by thread"));
    let timeline = TimelineOut {
        timeline: true,
        trace_out: None,
    };
    timeline.after(ctx, c, &rec, None);
    let twin = c.twin_script(&ctx.root).is_file();
    let exercise = crate::cmd::practice::for_chapter(ctx, c);
    let exercise = exercise
        .as_ref()
        .map(|ex| (ex.number, ex.lesson.title.as_str()));
    let level = crate::cmd::play::levels_of(&ctx.root, &c.name)
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
        screen::wrap(&title, width)
    );
    if !c.lesson.summary.is_empty() {
        s += &format!("{}\n\n", screen::wrap(&c.lesson.summary, width));
    }
    if let Some(t) = c.lesson.section("What to look for") {
        let t = screen::wrap(t, width);
        s += &format!("{}\n{t}\n\n", style.paint(CYAN, "What to look for"));
    }
    let running = format!(
        "Running {} (cargo run -p {} -- --clock lesson):",
        c.name, c.name
    );
    for l in screen::wrap(&running, width).lines() {
        s += &format!("{}\n", style.paint(CYAN, l));
    }
    s
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
    screen::wrap(&text, width)
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
        let text = screen::wrap(&format!("{head} {rest}"), width);
        match text.strip_prefix(head) {
            Some(after) => format!("\n{}{after}\n", style.paint(CYAN, head)),
            None => format!("\n{text}\n"),
        }
    };
    let mut s = String::new();
    if let Some(t) = c.lesson.section("Try this") {
        let t = screen::wrap(t, width);
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
        let chapters = crate::course::discover(&root.join("chapters")).unwrap();
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
