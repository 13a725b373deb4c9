//! `cargo xtask watch [<exercise>]`: the practice loop. It opens the student's current exercise,
//! checks it, and checks it again each time one of its files is saved (the `notify` crate,
//! debounced: an editor's save is several events). Keys, acting as pressed (each followed by
//! Enter where stdin is no terminal): `h` a hint, `r` check again, `n` the next exercise once this
//! one passes, `l` the list of exercises, a number and Enter to go to that one, `q` quit; the
//! arrows and the page keys scroll its screen, which is paged to the terminal with the verdict
//! first and the keys on the last lines. After a pass it shows the reference fix and why it is
//! right. Its place is its own, apart from the tour's: `.practice-progress` keeps the exercises
//! passed and the one open last, and a bare `watch` comes back to it (or, when it was passed, to
//! the next not yet passed). A hanging exercise cannot hang the watch: every run has a time limit.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::mpsc;

use super::input::{BACKSPACE, Event, Input, watch_files};
use super::{Exercise, Place, Settings, course, judge, named};
use crate::build;
use crate::cli::{Cmd, Ctx, Fail, Given};
use crate::progress;
use crate::ui::report::{CYAN, GREEN, RED};
use crate::ui::screen;
use crate::ui::term::Screen;
use crate::ui::term::page::{Page, View};

pub struct Watch {
    exercise: Option<String>,
}

impl Cmd for Watch {
    const NAME: &'static str = "watch";
    const ARGS: &'static str = "[<exercise>]";
    const HELP: &'static str = "practise: open your current exercise and check it each time you\n\
                                save; h for a hint, n for the next once it passes";

    fn parse(given: &mut Given) -> Result<Self, String> {
        Ok(Watch {
            exercise: given.chapter(),
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let (place, all) = course(ctx)?;
        let s = Settings::of(ctx);
        let progress = super::progress_file(ctx);
        let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
        let mut at = match &self.exercise {
            Some(w) => {
                let ex = named(&all, w)?;
                names.iter().position(|n| *n == ex.name).unwrap_or(0)
            }
            None => start_place(&all, &progress),
        };
        let mut passed = progress::passed(&progress);
        if !std::io::stdin().is_terminal() {
            // Nothing to wait for: one check, and how to get the real thing.
            let ex = &all[at];
            println!("{}", super::task(ex, s.style));
            let j = judge::exercise(&place, ex, &s)?;
            print!("{}", j.report_fitted(screen::width()));
            println!(
                "(watch waits for your saves and keys at a terminal; with none, this was one \
                 check: `cargo xtask check {}` does the same)",
                ex.number
            );
            return Ok(j.passed);
        }
        build::lock_in(&place.root, &place.ws)?;
        warm_up_play_runtime(&place, &all);
        let (tx, rx) = mpsc::channel();
        // Keys act as pressed while the watch lives; the terminal is given back however it ends.
        let keys = crate::ui::term::Keys::enter();
        let mut input = Input::start(tx.clone(), rx, keys.is_some());
        // On a terminal, the watch's screen is drawn on its alternate screen (the main screen
        // comes back as it was when the watch ends).
        let mut view = View {
            screen: keys.as_ref().and_then(|_| Screen::enter()),
            page: Page::new(Vec::new(), Vec::new(), ""),
        };
        loop {
            let ex = &all[at];
            // The watcher lives as long as this exercise is open.
            let _watcher = watch_files(&place.ws.join(&ex.folder), tx.clone())?;
            let mut open = Open {
                place: &place,
                all: &all,
                at,
                passed: &mut passed,
                progress: &progress,
            };
            open.keep();
            match practise(&mut open, &s, &mut input, &mut view)? {
                Next::Jump(n) => at = n,
                Next::Exercise if at + 1 < all.len() => at += 1,
                Next::Exercise => {
                    // The main screen back, for the last word.
                    view.screen = None;
                    println!(
                        "\nThat was the last exercise: well done. `cargo xtask watch 1` starts over."
                    );
                    return Ok(true);
                }
                Next::Quit => {
                    view.screen = None;
                    // Said from the place as kept, by the rule a bare `watch` opens with.
                    let back = &all[start_place(&all, &progress)];
                    println!(
                        "\nYour place is kept: `cargo xtask watch` comes back to {}.",
                        back.name
                    );
                    return Ok(true);
                }
            }
        }
    }
}

enum Next {
    Exercise,
    /// To the exercise at this place in the list.
    Jump(usize),
    Quit,
}

/// The exercise open, among them all, and what was passed.
struct Open<'a> {
    place: &'a Place,
    all: &'a [Exercise],
    at: usize,
    passed: &'a mut Vec<String>,
    progress: &'a Path,
}

impl Open<'_> {
    fn ex(&self) -> &Exercise {
        &self.all[self.at]
    }

    /// Write the place and the passes down.
    fn keep(&self) {
        if let Err(e) = progress::save_with(self.progress, &self.ex().name, self.passed) {
            println!(
                "(could not keep your place in {}: {e})",
                self.progress.display()
            );
        }
    }

    /// The exercises, one a line fitted to `width`: its number, a mark when it was passed, its
    /// title; then how to go to one.
    fn list(&self, width: usize) -> String {
        let mut s = String::from("\n");
        for (i, e) in self.all.iter().enumerate() {
            let mark = if self.passed.contains(&e.name) {
                "✓"
            } else {
                " "
            };
            let here = if i == self.at { "  ← open now" } else { "" };
            let title = e
                .lesson
                .title
                .split_once(": ")
                .map_or(&*e.lesson.title, |t| t.1);
            let line = format!("{mark} {:>2}  {title}{here}", e.number);
            for l in screen::fit(&line, width) {
                s += &l;
                s += "\n";
            }
        }
        s + &screen::wrap(
            "✓ passed. Type an exercise's number, then Enter, to go to it.",
            Some(width),
        )
    }
}

/// `text` as lines.
fn lines(text: &str) -> Vec<String> {
    text.lines().map(String::from).collect()
}

/// One exercise: check, wait for a save or a key, check again, until it passes and the student
/// goes on, or quits. The verdict comes first on the screen, then what a key asked for (the
/// hint, the list), the check's report, the reference fix after a pass, and the task.
fn practise(
    open: &mut Open,
    s: &Settings,
    input: &mut Input,
    view: &mut View,
) -> Result<Next, Fail> {
    let (place, all, at) = (open.place, open.all, open.at);
    let (ex, count) = (&all[at], all.len());
    // A number being typed, to go to that exercise.
    let mut number = String::new();
    let mut passed = false;
    let mut check = true;
    let title = format!(
        "{}, exercise {} of {count} {}",
        ex.name,
        at + 1,
        progress::bar(at, count)
    );
    view.page.head = vec![s.style.paint(CYAN, &title), String::new()];
    let mut verdict: Vec<String> = Vec::new();
    let mut report: Vec<String> = Vec::new();
    let mut task: Vec<String> = Vec::new();
    loop {
        let width = view.width();
        let then = if input.single_keys() {
            ""
        } else {
            " (then Enter)"
        };
        if check {
            task = lines(&super::task(ex, s.style));
            task.insert(0, String::new());
            view.page.status.clear();
            view.page.keys = format!("checking... · [q] quit{then}");
            let checking = vec![format!("Checking {} ...", ex.name)];
            view.body(&[&checking, &task]);
            view.show();
            report.clear();
            verdict = match judge::exercise(place, ex, s) {
                Ok(j) => {
                    // A save during the check: what was checked is already old. Check the
                    // new one.
                    if input.saved_meanwhile() {
                        continue;
                    }
                    passed = j.passed;
                    report = j
                        .report_fitted(Some(width))
                        .lines()
                        .map(String::from)
                        .collect();
                    report.insert(0, String::new());
                    if passed && !open.passed.contains(&ex.name) {
                        open.passed.push(ex.name.clone());
                        open.keep();
                    }
                    if passed {
                        let says =
                            screen::wrap(&format!("Passed: {}", j.passed_says()), Some(width));
                        let rest = says.strip_prefix("Passed:").unwrap_or(&says);
                        report.push(String::new());
                        let fix = super::solution(ex, &place.root, s.style, Some(width));
                        report.extend(fix.lines().flat_map(|l| screen::fit(l, width)));
                        lines(&format!("{}{rest}", s.style.paint(GREEN, "Passed:")))
                    } else {
                        // Wrapped as plain text, then its head painted: colour codes take no
                        // room.
                        let text = format!(
                            "Not yet. Edit {} where the `TODO` is and save: it is checked again.",
                            work_files(place, ex)
                        );
                        let text = screen::wrap(&text, Some(width));
                        let rest = text.strip_prefix("Not yet.").unwrap_or(&text);
                        lines(&format!("{}{rest}", s.style.paint(RED, "Not yet.")))
                    }
                }
                // A file the student broke (an expected log that no longer reads, say): say
                // what is wrong and keep watching for the save that mends it.
                Err(Fail::Usage(why) | Fail::Broken(why)) => {
                    passed = false;
                    let text = format!("error: {why}\n\nMend it and save: it is checked again.");
                    lines(&screen::wrap(&text, Some(width)))
                }
            };
            view.body(&[&verdict, &report, &task]);
            check = false;
        }
        let keys = if passed {
            "[n] next exercise · [h] hint · [r] check again · [l] list · [q] quit"
        } else {
            "[h] hint · [r] check again · [n] next, once it passes · [l] list · [q] quit"
        };
        view.page.keys = format!("{keys}{then}");
        view.show();
        let say = |view: &mut View, text: String| view.page.status = text;
        match input.next() {
            Event::Saved => check = true,
            Event::Closed => return Ok(Next::Quit),
            Event::Scroll(keys) => {
                for k in keys {
                    view.page.scroll(k);
                }
            }
            Event::Key(k) if k.starts_with(|c: char| c.is_ascii_digit()) || !number.is_empty() => {
                // `1`, `2`, Enter (one at a time or at once) goes to exercise 12; a Backspace
                // takes a digit back.
                for c in k.chars() {
                    if c.is_ascii_digit() {
                        number.push(c);
                    } else if c == BACKSPACE {
                        number.pop();
                    }
                }
                let ended = k.chars().any(|c| !c.is_ascii_digit() && c != BACKSPACE);
                if ended || !input.single_keys() {
                    let wanted = std::mem::take(&mut number);
                    let n = wanted.parse::<u32>().ok();
                    match all.iter().position(|e| Some(e.number) == n) {
                        Some(n) => return Ok(Next::Jump(n)),
                        None => say(
                            view,
                            format!("There is no exercise {wanted}: `l` lists them."),
                        ),
                    }
                } else {
                    say(view, format!("go to exercise: {number}  (then Enter)"));
                }
            }
            Event::Key(k) => {
                view.page.status.clear();
                match k.trim().to_ascii_lowercase().as_str() {
                    "l" | "list" => {
                        let list = lines(&open.list(width));
                        view.body(&[&verdict, &list, &report, &task]);
                    }
                    "h" | "hint" => {
                        let hint = ex
                            .lesson
                            .section("Hint")
                            .unwrap_or("(this exercise has no hint)");
                        let mut hint = lines(&screen::wrap(hint, Some(width)));
                        hint.insert(0, s.style.paint(CYAN, "Hint"));
                        hint.insert(0, String::new());
                        view.body(&[&verdict, &hint, &report, &task]);
                    }
                    "r" | "" => check = true,
                    "n" | "next" if passed => return Ok(Next::Exercise),
                    "n" | "next" => say(
                        view,
                        format!(
                            "Not yet: {} has not passed. Fix it, or press `l` for the list and go \
                             to another.",
                            ex.name
                        ),
                    ),
                    "q" | "quit" => return Ok(Next::Quit),
                    other => say(view, format!("`{other}` is not a key here.")),
                }
            }
        }
    }
}

/// Where a bare `watch` opens: the exercise open last (the first for a new student); when that
/// one was passed, the next not yet passed after it (from the top when none is after it); when
/// all were passed, the one open last.
fn start_place(all: &[Exercise], progress: &Path) -> usize {
    let passed = progress::passed(progress);
    let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
    let kept = progress::load(progress, &names).0;
    (kept..all.len())
        .chain(0..kept)
        .find(|&at| !passed.contains(&all[at].name))
        .unwrap_or(kept)
}

/// The files the student works in: those the reference solution changes.
fn work_files(place: &Place, ex: &Exercise) -> String {
    let files: Vec<String> = ex
        .solution_files(&place.root.join("solutions"))
        .iter()
        .map(|(rel, _)| format!("exercises/{}/{}", ex.folder, rel.display()))
        .collect();
    if files.is_empty() {
        format!("exercises/{}/src/", ex.folder)
    } else {
        files.join(" and ")
    }
}

/// Build shuttle, the play runtime, in the background while the student works, so that the
/// first exercise with a model is checked in seconds, not after a minute of building. Its output
/// is dropped; a real check reports its own build.
fn warm_up_play_runtime(place: &Place, all: &[Exercise]) {
    if build::play_runtime_is_built(&place.target) {
        return;
    }
    let Some(ex) = all
        .iter()
        .find(|e| place.ws.join(&e.folder).join("tests/play.rs").is_file())
    else {
        return;
    };
    let (ws, target, name) = (place.ws.clone(), place.target.clone(), ex.name.clone());
    std::thread::spawn(move || {
        let _ = build::exercise_play_model(&ws, &target, &name, false);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mk(n: u32) -> Exercise {
        Exercise {
            name: format!("ex{n:02}_x"),
            folder: format!("{n:02}_x"),
            number: n,
            lesson: crate::course::Lesson::default(),
        }
    }

    /// The list of exercises cut a long title at the screen's edge: it wraps, every word kept.
    #[test]
    fn the_list_wraps_a_long_title() {
        let mut long = mk(6);
        long.lesson.title =
            "Exercise 6: a helper that locks, under a caller that holds the lock".into();
        let all = [mk(1), long];
        let place = Place {
            root: "/nonexistent".into(),
            ws: "/nonexistent".into(),
            target: "/nonexistent".into(),
        };
        let mut passed = vec!["ex01_x".to_string()];
        let open = Open {
            place: &place,
            all: &all,
            at: 1,
            passed: &mut passed,
            progress: Path::new("/nonexistent"),
        };
        let list = open.list(40);
        assert!(list.lines().all(|l| l.chars().count() <= 40), "{list}");
        let flat = list.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("6 a helper that locks, under a caller that holds the lock ← open now"),
            "{list}"
        );
    }

    /// `watch 4`, then `q`, said "`cargo xtask watch` comes back to ex04_race", and a bare
    /// `watch` opened exercise 1: it comes back where the student was.
    #[test]
    fn a_bare_watch_comes_back_to_the_exercise_open_last() {
        let all = [mk(1), mk(2), mk(3), mk(4)];
        let file = std::env::temp_dir().join(format!("watch-start-{}", std::process::id()));
        assert_eq!(
            start_place(&all, &file),
            0,
            "a new student starts at the first"
        );
        let passed = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        progress::save_with(&file, "ex04_x", &[]).unwrap();
        assert_eq!(start_place(&all, &file), 3, "back to 4, none passed");
        progress::save_with(&file, "ex03_x", &passed(&["ex01_x"])).unwrap();
        assert_eq!(start_place(&all, &file), 2, "back to 3, not to 2");
        progress::save_with(&file, "ex03_x", &passed(&["ex03_x"])).unwrap();
        assert_eq!(start_place(&all, &file), 3, "3 was passed: the next, 4");
        progress::save_with(&file, "ex04_x", &passed(&["ex01_x", "ex04_x"])).unwrap();
        assert_eq!(start_place(&all, &file), 1, "4 was passed: from the top, 2");
        progress::save_with(
            &file,
            "ex02_x",
            &passed(&["ex01_x", "ex02_x", "ex03_x", "ex04_x"]),
        )
        .unwrap();
        assert_eq!(start_place(&all, &file), 1, "all passed: the place kept");
        std::fs::remove_file(&file).unwrap();
    }
}
