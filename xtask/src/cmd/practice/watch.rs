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

use super::input::{Event, Input, watch_files};
use super::{judge, report, settings};
use crate::cli::{Cmd, Ctx, Fail, flags};
use crate::ui::jump::{self, Number};
use crate::ui::status::bar;
use crate::ui::term::page::{Page, View};
use crate::ui::term::style::CYAN;
use crate::ui::term::{self, Key, Screen, Style};
use course::judge::Settings;
use course::progress;
use course::{Exercise, Place, build};

pub struct Watch {
    exercise: Option<String>,
}

impl Cmd for Watch {
    const NAME: &'static str = "watch";
    const ARGS: &'static str = "[<exercise>]";
    const HELP: &'static str = "practise: open your current exercise and check it each time you\n\
                                save; h for a hint, n for the next once it passes";

    type Flags = flags::Watch;

    fn parse(given: flags::Watch) -> Result<Self, Fail> {
        Ok(Watch {
            exercise: given.exercise,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let (place, all) = course::exercise::of_course(&ctx.root)?;
        let s = settings(ctx);
        let style = ctx.opts.style;
        let progress = super::progress_file(ctx);
        let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
        let mut at = match &self.exercise {
            Some(w) => {
                let ex = course::exercise::find(&all, w)?;
                names.iter().position(|n| *n == ex.name).unwrap_or(0)
            }
            None => progress::start_place(&progress, &names),
        };
        let mut passed = progress::passed(&progress);
        if !std::io::stdin().is_terminal() {
            // Nothing to wait for: one check, and how to get the real thing.
            let ex = &all[at];
            println!("{}", super::task(ex, style));
            let j = judge(&place, ex, &s, style, false)?;
            print!(
                "{}",
                report(&place, ex, &j, style, crate::ui::term::width())
            );
            println!(
                "(watch waits for your saves and keys at a terminal; with none, this was one \
                 check: `cargo xtask check {}` does the same)",
                ex.number
            );
            return Ok(j.passed());
        }
        build::lock_in(&place.root, &place.ws)?;
        build::warm_up_play_runtime(&place, &all);
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
            match practise(&mut open, &s, style, &mut input, &mut view)? {
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
                    let back = &all[progress::start_place(&progress, &names)];
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

#[derive(Debug, PartialEq, Eq)]
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

    /// The lines at the top of its screen: which exercise, of how many.
    fn head(&self, style: Style) -> Vec<String> {
        let (at, count) = (self.at, self.all.len());
        let title = format!(
            "{}, exercise {} of {count} {}",
            self.ex().name,
            at + 1,
            bar(at, count)
        );
        vec![style.paint(CYAN, &title), String::new()]
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
            for l in textfit::fit(&line, width) {
                s += &l;
                s += "\n";
            }
        }
        s + &textfit::wrap(
            "✓ passed once (a change since may have broken it). Type an exercise's number, \
             then Enter, to go to it.",
            Some(width),
        )
    }
}

/// `text` as lines.
fn lines(text: &str) -> Vec<String> {
    text.lines().map(String::from).collect()
}

/// The keys, before the exercise passes and after.
const KEYS: [&str; 2] = [
    "[h] hint · [r] check again · [n] next, once it passes · [l] list · [q] quit",
    "[n] next exercise · [h] hint · [r] check again · [l] list · [q] quit",
];

/// One exercise: check, wait for a save or a key, check again, until it passes and the student
/// goes on, or quits. The verdict comes first on the screen, then what a key asked for (the
/// hint, the list), the check's report, the reference fix after a pass, and the task.
fn practise(
    open: &mut Open,
    s: &Settings,
    style: Style,
    input: &mut Input,
    view: &mut View,
) -> Result<Next, Fail> {
    let ex = &open.all[open.at];
    // A number being typed, to go to that exercise.
    let mut number = Number::default();
    let (mut passed, mut check) = (false, true);
    view.page.head = open.head(style);
    let (mut verdict, mut report, mut task) = (Vec::new(), Vec::new(), Vec::new());
    loop {
        let width = view.width();
        // Where keys come as lines, each is followed by Enter.
        let then = [" (then Enter)", ""][usize::from(input.single_keys())];
        if check {
            task = lines(&super::task(ex, style));
            task.insert(0, String::new());
            view.page.status.clear();
            view.page.keys = format!("checking... · [q] quit{then}");
            let checking = vec![format!("Checking {} ...", ex.name)];
            view.body(&[&checking, &task]);
            view.show();
            let Some(shown) = checked(open, s, style, input, width) else {
                // A save during the check: what was checked is already old. Check the new one.
                continue;
            };
            (passed, verdict, report) = shown;
            view.body(&[&verdict, &report, &task]);
            check = false;
        }
        view.page.keys = format!("{}{then}", KEYS[usize::from(passed)]);
        view.show();
        let asked = match input.next() {
            Event::Saved => Asked::Check,
            Event::Closed => Asked::Go(Next::Quit),
            Event::Keys(keys) => {
                let page = &mut view.page;
                hear(&keys, &mut number, page, open, passed, style, width)
            }
        };
        match asked {
            Asked::Check => check = true,
            Asked::Scrolled => {}
            Asked::Above(part) => {
                view.page.status.clear();
                view.body(&[&verdict, &part, &report, &task]);
            }
            Asked::Say(words) => view.page.status = words,
            Asked::Go(next) => return Ok(next),
        }
    }
}

/// The open exercise checked, as the watch shows it: whether it passed, the verdict's lines and
/// the report's (the reference fix after a pass); `None` when a save came during the check.
fn checked(
    open: &mut Open,
    s: &Settings,
    style: Style,
    input: &mut Input,
    width: usize,
) -> Option<(bool, Vec<String>, Vec<String>)> {
    let (place, all, at) = (open.place, open.all, open.at);
    let ex = &all[at];
    let j = match judge(place, ex, s, style, false) {
        Ok(j) => j,
        // A file the student broke (an expected log that no longer reads, say): say what is
        // wrong and keep watching for the save that mends it.
        Err(Fail::Usage(why) | Fail::Broken(why)) => {
            let text = format!("error: {why}\n\nMend it and save: it is checked again.");
            return Some((false, lines(&textfit::wrap(&text, Some(width))), Vec::new()));
        }
    };
    if input.saved_meanwhile() {
        return None;
    }
    let passed = j.passed();
    let mut report = lines(&report(place, ex, &j, style, Some(width)));
    report.insert(0, String::new());
    if passed && !open.passed.contains(&ex.name) {
        open.passed.push(ex.name.clone());
        open.keep();
    }
    if passed {
        report.push(String::new());
        let fix = super::solution(ex, &place.root, style, Some(width));
        report.extend(fix.lines().flat_map(|l| textfit::fit(l, width)));
    }
    let verdict = crate::ui::judgement::watch_verdict(
        style,
        &j,
        &ex.work_files(&place.root).join(" and "),
        width,
    );
    Some((passed, verdict, report))
}

/// What keys on the exercise's screen ask for.
#[derive(Debug, PartialEq)]
enum Asked {
    /// Check the exercise again.
    Check,
    /// Nothing more: they were scroll keys.
    Scrolled,
    /// Show this above the check's report (the hint, the list).
    Above(Vec<String>),
    /// Stay, saying this (empty: nothing to say).
    Say(String),
    Go(Next),
}

/// Hear a burst of keys on the screen of `open`'s exercise (`passed` or not), whose `page`
/// scrolls by its keys; `number` is an exercise's number being typed.
fn hear(
    burst: &[Key],
    number: &mut Number,
    page: &mut Page,
    open: &Open,
    passed: bool,
    style: Style,
    width: usize,
) -> Asked {
    if burst.iter().any(|k| k.is_stop()) {
        return Asked::Go(Next::Quit);
    }
    let keys: Vec<Key> = burst.iter().copied().filter(|k| !page.scroll(*k)).collect();
    if keys.is_empty() {
        return Asked::Scrolled;
    }
    // `1`, `2`, Enter (one at a time or at once) goes to exercise 12.
    match number.hear(&keys) {
        jump::Heard::Not => {}
        jump::Heard::Typing | jump::Heard::Dropped => return Asked::Say(number.status("exercise")),
        jump::Heard::Ended(wanted) => {
            let n = wanted.parse::<u32>().ok();
            return match open.all.iter().position(|e| Some(e.number) == n) {
                Some(n) => Asked::Go(Next::Jump(n)),
                None => Asked::Say(format!("There is no exercise {wanted}: `l` lists them.")),
            };
        }
    }
    // A key, or a word typed and Enter (where keys come as lines).
    let typed = keys
        .iter()
        .all(|k| matches!(k, Key::Char(_) | Key::Backspace | Key::Enter))
        .then(|| term::keys::typed(&keys).trim().to_ascii_lowercase());
    let Some(typed) = typed else {
        return Asked::Say("That key does nothing here: the keys are below.".into());
    };
    let ex = open.ex();
    match typed.as_str() {
        "l" | "list" => Asked::Above(lines(&open.list(width))),
        "h" | "hint" => {
            let hint = ex
                .lesson
                .section("Hint")
                .unwrap_or("(this exercise has no hint)");
            let mut hint = lines(&textfit::wrap(hint, Some(width)));
            hint.insert(0, style.paint(CYAN, "Hint"));
            hint.insert(0, String::new());
            Asked::Above(hint)
        }
        "r" | "" => Asked::Check,
        "n" | "next" if passed => Asked::Go(Next::Exercise),
        "n" | "next" => Asked::Say(format!(
            "Not yet: {} {}. Fix it, or press `l` for the list and go to another.",
            ex.name,
            match open.passed.contains(&ex.name) {
                true => "does not pass now (it passed before: its ✓ in the list)",
                false => "has not passed",
            }
        )),
        "q" | "quit" => Asked::Go(Next::Quit),
        other => Asked::Say(format!("`{other}` is not a key here.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The watch open at exercise `at` of `all`, with the `passed` ones, kept nowhere.
    fn opened<'a>(
        place: &'a Place,
        all: &'a [Exercise],
        at: usize,
        passed: &'a mut Vec<String>,
    ) -> Open<'a> {
        Open {
            place,
            all,
            at,
            passed,
            progress: Path::new("/nonexistent"),
        }
    }

    /// A place for the tests that never build: nothing there.
    fn nowhere() -> Place {
        Place {
            root: "/nonexistent".into(),
            ws: "/nonexistent".into(),
            target: "/nonexistent".into(),
        }
    }

    fn mk(n: u32) -> Exercise {
        Exercise {
            name: format!("ex{n:02}_x"),
            folder: format!("{n:02}_x"),
            number: n,
            lesson: course::Lesson::default(),
        }
    }

    /// The list of exercises cut a long title at the screen's edge: it wraps, every word kept.
    #[test]
    fn the_list_wraps_a_long_title() {
        let mut long = mk(6);
        long.lesson.title =
            "Exercise 6: a helper that locks, under a caller that holds the lock".into();
        let all = [mk(1), long];
        let place = nowhere();
        let mut passed = vec!["ex01_x".to_string()];
        let open = opened(&place, &all, 1, &mut passed);
        let list = open.list(40);
        assert!(list.lines().all(|l| l.chars().count() <= 40), "{list}");
        let flat = list.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("6 a helper that locks, under a caller that holds the lock ← open now"),
            "{list}"
        );
    }

    /// The watch's keys were a `String` with a sentinel for Backspace, and any key after a
    /// digit went to the number typed (`1`, then `q`, opened exercise 1): they are the
    /// terminal's keys, and the number is `ui::jump`'s, as the tour's.
    #[test]
    fn the_watchs_keys_are_the_terminals() {
        let all = [mk(1), mk(2), mk(12)];
        let place = nowhere();
        let mut passed = Vec::new();
        let open = opened(&place, &all, 0, &mut passed);
        let body: Vec<String> = (1..=40).map(|n| format!("line {n}")).collect();
        let mut page = Page::new(Vec::new(), body, "[q] quit");
        page.frame(80, 24);
        let mut number = Number::default();
        let mut hear = |keys: &[u8], page: &mut Page| {
            let keys = crate::ui::term::keys::decode(keys);
            hear(&keys, &mut number, page, &open, false, Style::default(), 80)
        };
        assert_eq!(hear(b"\x1b[B", &mut page), Asked::Scrolled);
        assert_eq!(page.top, 1, "Down scrolled");
        assert_eq!(
            hear(b"1", &mut page),
            Asked::Say("go to exercise: 1  (then Enter)".into())
        );
        assert_eq!(hear(b"2\r", &mut page), Asked::Go(Next::Jump(2)));
        assert_eq!(
            hear(b"12\x7f\x7f9\r", &mut page),
            Asked::Say("There is no exercise 9: `l` lists them.".into())
        );
        assert_eq!(
            hear(b"1", &mut page),
            Asked::Say("go to exercise: 1  (then Enter)".into())
        );
        assert_eq!(
            hear(b"q", &mut page),
            Asked::Say(String::new()),
            "q gave the number up"
        );
        assert_eq!(hear(b"q", &mut page), Asked::Go(Next::Quit));
        assert_eq!(hear(b"\x03", &mut page), Asked::Go(Next::Quit));
        assert_eq!(hear(b"\r", &mut page), Asked::Check);
        assert_eq!(hear(b"r", &mut page), Asked::Check);
        assert!(matches!(hear(b"n", &mut page), Asked::Say(w) if w.starts_with("Not yet: ex01_x")));
        assert!(
            matches!(hear(b"hint\r", &mut page), Asked::Above(h) if h.contains(&"Hint".to_string()))
        );
        assert!(
            matches!(hear(b"l", &mut page), Asked::Above(l) if l.iter().any(|l| l.contains("12  ")))
        );
        assert_eq!(
            hear(b"\x1b[D", &mut page),
            Asked::Say("That key does nothing here: the keys are below.".into())
        );
        assert_eq!(
            hear(b"x", &mut page),
            Asked::Say("`x` is not a key here.".into())
        );
    }

    /// An exercise passed once and broken since: `n` said "has not passed" while the list
    /// showed its ✓. Both now say it passed once and does not pass now.
    #[test]
    fn next_on_an_exercise_passed_once_and_broken_since_says_both() {
        let all = [mk(1), mk(2)];
        let place = nowhere();
        let mut passed = vec!["ex01_x".to_string()];
        let open = opened(&place, &all, 0, &mut passed);
        let mut page = Page::new(Vec::new(), Vec::new(), "[q] quit");
        page.frame(80, 24);
        let keys = crate::ui::term::keys::decode(b"n");
        let said = hear(
            &keys,
            &mut Number::default(),
            &mut page,
            &open,
            false,
            Style::default(),
            80,
        );
        assert!(
            matches!(&said, Asked::Say(w) if w.starts_with("Not yet: ex01_x does not pass now (it passed before")),
            "{said:?}"
        );
        assert!(open.list(80).contains("✓ passed once"), "{}", open.list(80));
    }
}
