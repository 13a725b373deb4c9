//! `cargo xtask tour`: step through the course, one chapter at a time, with the place remembered.
//!
//! The progress file is one small text file, ignored by git. A file that is missing, broken,
//! from an older course or naming a chapter that is gone only means "start at the beginning".

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::check::{Show, run_program};
use crate::cli::{Cmd, Ctx, Fail, Given};
use crate::course::Chapter;
use crate::launch::Program;
use crate::report::{CYAN, GREEN, RED, paint, render};
use crate::timeline::Recording;
use crate::{build, screen, verdict};

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
        let mut at = match &self.chapter {
            Some(_) => names.iter().position(|n| *n == wanted[0].name).unwrap_or(0),
            None => {
                let (at, why) = load(&progress, &names);
                if let Some(why) = why {
                    println!("({why}: starting at the first chapter)");
                }
                at
            }
        };
        // With no terminal to answer, the tour goes on by itself and never waits. On one, a key
        // is read the moment it is pressed (through `stty`), else a line.
        let interactive = std::io::stdin().is_terminal();
        let keys = screen::Keys::new();
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
        loop {
            let c = &chapters[at];
            show(ctx, c, at, chapters.len(), &exes[at])?;
            if let Err(e) = save(&progress, &c.name) {
                println!(
                    "(could not remember your place in {}: {e})",
                    progress.display()
                );
            }
            let next = if interactive {
                loop {
                    println!("\n{}", paint(ctx.opts.color, CYAN, &prompt));
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
        if at + 1 == chapters.len() {
            println!("\nThat was the last chapter. `{again} 1` starts over.");
        } else {
            println!(
                "\nYour place is kept: `{again}` comes back to {}.",
                chapters[at].name
            );
        }
        Ok(true)
    }
}

/// One chapter of the tour: its lesson, its run live, the verdict, what to try.
fn show(ctx: &Ctx, c: &Chapter, at: usize, count: usize, exe: &Path) -> Result<(), Fail> {
    let color = ctx.opts.color;
    let width = screen::width();
    screen::clear();
    let head = format!("Chapter {} of {count} {}", at + 1, bar(at, count));
    println!(
        "\n{}\n{}: {}\n",
        paint(color, CYAN, &head),
        c.name,
        c.lesson.title
    );
    if !c.lesson.summary.is_empty() {
        println!("{}\n", screen::wrap(&c.lesson.summary, width));
    }
    if let Some(t) = c.lesson.section("What to look for") {
        let t = screen::wrap(t, width);
        println!("{}\n{t}\n", paint(color, CYAN, "What to look for"));
    }
    let running = format!(
        "Running {} (cargo run -p {} -- --clock lesson):",
        c.name, c.name
    );
    println!("{}", paint(color, CYAN, &running));
    let rec = Recording::new(&c.name);
    let r = run_program(ctx, &Program::binary(exe).recorded(&rec), ctx.limit(), true)?;
    println!("\n{}", paint(color, CYAN, "What you just saw"));
    match verdict::expected(c) {
        Err(Fail::Usage(why) | Fail::Broken(why)) => {
            let says = format!("Nothing to compare with: {why}");
            println!("{}", screen::wrap(&says, width));
        }
        Ok(expected) => match render(color, c, &verdict::judge(&expected, &r)) {
            None => {
                let says = format!(
                    "{}: every line matched {}, times included.",
                    paint(color, GREEN, "The lesson showed"),
                    c.expected_log().display()
                );
                println!("{}", screen::wrap(&says, width));
            }
            Some(why) => {
                let says = format!(
                    "{}; if you changed the code, this is what changed:",
                    paint(color, RED, "This run differs from the lesson's log")
                );
                println!("{}", screen::wrap(&says, width));
                print!("{why}");
            }
        },
    }
    println!("\n{}", paint(color, CYAN, "The run, thread by thread"));
    let timeline = Show {
        timeline: true,
        trace_out: None,
    };
    timeline.after(ctx, c, &rec, None);
    if let Some(t) = c.lesson.section("Try this") {
        let t = screen::wrap(t, width);
        println!("\n{}\n{t}", paint(color, CYAN, "Try this"));
    }
    if c.twin_script(&ctx.root).is_file() {
        println!(
            "\n{} `cargo xtask compare {}` runs the Python twin beside it.",
            paint(color, CYAN, "See it in Python:"),
            c.short()
        );
    }
    if let Some(ex) = crate::practice::for_chapter(ctx, c) {
        println!(
            "\n{} `cargo xtask watch {}` ({})",
            paint(color, CYAN, "Now fix it yourself:"),
            ex.number,
            ex.lesson.title
        );
    }
    Ok(())
}

/// What the student asked for at the prompt.
#[derive(Debug, PartialEq, Eq)]
pub enum Go {
    Next,
    Back,
    Again,
    /// A chapter's place in the course, from 0.
    Jump(usize),
    Restart,
    Quit,
}

/// The keys, with the chapters' numbers from `first` to `last`. With `single_keys` a key acts
/// as it is pressed (a chapter's number is ended by Enter); without, every answer is a line.
pub fn prompt(first: u32, last: u32, single_keys: bool) -> String {
    let keys = format!(
        "[Enter] next · [b] back · [a] again · [{first}-{last}, then Enter] go to that chapter · \
         [s] start over · [q] quit"
    );
    if single_keys {
        keys
    } else {
        format!("Type a key, then Enter: {keys}")
    }
}

/// One answer at the prompt, read key by key: a letter at once, a chapter's number up to Enter.
/// `None` when the student pressed Ctrl-C or Ctrl-D.
fn answer(keys: &screen::Keys) -> Option<String> {
    use screen::Key;
    let mut number = String::new();
    loop {
        let key = keys.read();
        if !number.is_empty() {
            match key {
                Key::Char(d) if d.is_ascii_digit() => {
                    number.push(d);
                    print!("{d}");
                }
                Key::Backspace => {
                    number.pop();
                    print!("\x08 \x08");
                }
                Key::Stop => return None,
                Key::Enter => {
                    println!();
                    return Some(number);
                }
                _ => {
                    println!(" (not a number: never mind)");
                    number.clear();
                    continue;
                }
            }
            let _ = std::io::stdout().flush();
            if number.is_empty() {
                println!();
            }
            continue;
        }
        return match key {
            Key::Stop => None,
            Key::Enter | Key::Right => Some(String::new()),
            Key::Left => Some("b".into()),
            Key::Char(d) if d.is_ascii_digit() => {
                number.push(d);
                print!("go to chapter: {d}");
                let _ = std::io::stdout().flush();
                continue;
            }
            Key::Char(c) => Some(c.to_string()),
            Key::Backspace | Key::Other => continue,
        };
    }
}

/// Read an answer at the prompt; `numbers` are the chapters' numbers, in course order.
pub fn parse_cmd(input: &str, numbers: &[Option<u32>]) -> Result<Go, String> {
    let t = input.trim().to_ascii_lowercase();
    Ok(match t.as_str() {
        "" | "n" | "next" => Go::Next,
        "b" | "back" | "p" => Go::Back,
        "a" | "again" | "r" => Go::Again,
        "s" | "start over" | "restart" => Go::Restart,
        "q" | "quit" | "exit" => Go::Quit,
        other => {
            let wanted: u32 = other
                .trim_start_matches("ch")
                .parse()
                .map_err(|_| format!("`{}` is not an answer here", input.trim()))?;
            let at = numbers
                .iter()
                .position(|n| *n == Some(wanted))
                .ok_or_else(|| {
                    let known: Vec<u32> = numbers.iter().flatten().copied().collect();
                    match (known.first(), known.last()) {
                        (Some(a), Some(b)) => {
                            format!("there is no chapter {wanted}; the chapters are {a} to {b}")
                        }
                        _ => format!("there is no chapter {wanted}"),
                    }
                })?;
            Go::Jump(at)
        }
    })
}

/// Where an answer leads from chapter `at` of `count`, or what to say and ask again.
pub fn step(at: usize, go: &Go, count: usize) -> Result<Option<usize>, String> {
    if *go == Go::Back && at == 0 {
        return Err("This is the first chapter: there is none before it. [Enter] goes on.".into());
    }
    Ok(apply(at, go, count))
}

/// Where a command leads from chapter `at` of `count`; `None` ends the tour.
pub fn apply(at: usize, cmd: &Go, count: usize) -> Option<usize> {
    match cmd {
        Go::Next => (at + 1 < count).then_some(at + 1),
        Go::Back => Some(at.saturating_sub(1)),
        Go::Again => Some(at),
        Go::Jump(n) => Some((*n).min(count.saturating_sub(1))),
        Go::Restart => Some(0),
        Go::Quit => None,
    }
}

const HEADER: &str = "thread-safety course progress, version 1";

/// The chapter the student was at, if the file names one that still exists. The second value
/// says why the file was not used, when it was there but could not be.
pub fn load(path: &Path, names: &[&str]) -> (usize, Option<String>) {
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => return (0, None),
    };
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return (
            0,
            Some("the progress file is from another version or broken".into()),
        );
    }
    let chapter = lines.find_map(|l| l.strip_prefix("chapter = "));
    match chapter.and_then(|c| names.iter().position(|n| *n == c.trim())) {
        Some(at) => (at, None),
        None => (
            0,
            Some("the progress file names no chapter of this course".into()),
        ),
    }
}

/// Remember chapter `name`, by writing a new file and renaming it over the old one.
pub fn save(path: &Path, name: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, format!("{HEADER}\nchapter = {name}\n"))?;
    std::fs::rename(&tmp, path)
}

/// `[####------]` for chapter `at` (from 0) of `count`.
pub fn bar(at: usize, count: usize) -> String {
    let done = (at + 1) * 20 / count.max(1);
    format!("[{}{}]", "#".repeat(done), "-".repeat(20 - done))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("tour-test-{}-{name}", std::process::id()))
    }

    const NAMES: &[&str] = &["ch01_a", "ch02_b", "ch03_c"];

    #[test]
    fn a_new_course_starts_at_chapter_one() {
        assert_eq!(load(&tmp("none"), NAMES), (0, None));
    }

    #[test]
    fn progress_is_saved_and_loaded() {
        let p = tmp("saved");
        save(&p, "ch03_c").unwrap();
        assert_eq!(load(&p, NAMES), (2, None));
        save(&p, "ch02_b").unwrap();
        assert_eq!(load(&p, NAMES), (1, None));
        assert!(!p.with_extension("tmp").exists());
        std::fs::remove_file(p).unwrap();
    }

    #[test]
    fn an_old_or_broken_file_starts_over_and_says_why() {
        let cases: &[&[u8]] = &[
            b"chapter = ch02_b\n", // no header: older
            b"thread-safety course progress, version 0\nchapter = ch02_b\n", // another version
            b"\xff\xfe garbage \x00", // not even text
            b"",
        ];
        for (i, bytes) in cases.iter().enumerate() {
            let p = tmp(&format!("bad{i}"));
            std::fs::write(&p, bytes).unwrap();
            let (at, why) = load(&p, NAMES);
            assert_eq!(at, 0);
            assert!(why.unwrap().contains("another version or broken"));
            std::fs::remove_file(p).unwrap();
        }
    }

    #[test]
    fn a_chapter_that_is_gone_starts_over() {
        let p = tmp("gone");
        save(&p, "ch09_removed").unwrap();
        let (at, why) = load(&p, NAMES);
        assert_eq!(at, 0);
        assert!(why.unwrap().contains("no chapter of this course"));
        std::fs::remove_file(p).unwrap();
    }

    #[test]
    fn answers_move_through_the_course() {
        let nums = [Some(1), Some(2), Some(3)];
        let go = |at, s: &str| apply(at, &parse_cmd(s, &nums).unwrap(), 3);
        assert_eq!(go(0, ""), Some(1));
        assert_eq!(
            go(2, "\n"),
            None,
            "Enter after the last chapter ends the tour"
        );
        assert_eq!(go(1, "b"), Some(0));
        assert!(
            step(0, &parse_cmd("b", &nums).unwrap(), 3)
                .unwrap_err()
                .contains("This is the first chapter"),
            "b on chapter 1 says it is the first"
        );
        assert_eq!(step(1, &Go::Back, 3), Ok(Some(0)));
        assert_eq!(go(1, "a"), Some(1));
        assert_eq!(go(0, "3"), Some(2));
        assert_eq!(go(0, "ch02"), Some(1));
        assert_eq!(go(2, "s"), Some(0));
        assert_eq!(go(1, "q"), None);
        assert!(
            parse_cmd("7", &nums)
                .unwrap_err()
                .contains("no chapter 7; the chapters are 1 to 3")
        );
        assert!(parse_cmd("what", &nums).unwrap_err().contains("`what`"));
    }

    #[test]
    fn the_bar_fills_as_the_course_goes() {
        assert_eq!(bar(0, 10), format!("[{}{}]", "#".repeat(2), "-".repeat(18)));
        assert_eq!(bar(9, 10), format!("[{}]", "#".repeat(20)));
    }
}
