//! `cargo xtask watch [<exercise>]`: the practice loop. It opens the student's current exercise,
//! checks it, and checks it again each time one of its files is saved (the `notify` crate,
//! debounced: an editor's save is several events). Keys, acting as pressed (each followed by
//! Enter where stdin is no terminal): `h` a hint, `r` check again, `n` the next exercise once this
//! one passes, `q` quit. After a pass it shows the
//! reference solution and why it is right. The place is kept in `.practice-progress` (beside the
//! tour's `.course-progress`, which gives the first place when there is none yet). A hanging
//! exercise cannot hang the watch: every run has the runner's time limit.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use super::{Exercise, Place, Settings, course, judge, named};
use crate::build;
use crate::cli::{Cmd, Ctx, Fail, Given};
use crate::progress;
use crate::report::{CYAN, GREEN, RED, paint};
use crate::screen;
use crate::term::Key;

pub struct Watch {
    exercise: Option<String>,
}

/// What the loop waits for.
enum Event {
    /// A file of the exercise changed.
    Saved,
    /// A line typed at the terminal.
    Key(String),
    /// The terminal closed.
    Closed,
}

/// How long the files must stay quiet before a check: an editor's one save is several events.
const QUIET: Duration = Duration::from_millis(250);

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
        let progress = ctx.root.join(".practice-progress");
        let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
        let mut at = match &self.exercise {
            Some(w) => {
                let ex = named(&all, w)?;
                names.iter().position(|n| *n == ex.name).unwrap_or(0)
            }
            None => start_place(ctx, &all, &progress),
        };
        if !std::io::stdin().is_terminal() {
            // Nothing to wait for: one check, and how to get the real thing.
            let ex = &all[at];
            println!("{}", super::task(ex, s.color));
            let j = judge(&place, ex, &s)?;
            print!("{}", j.report);
            println!(
                "(watch waits for your saves and keys at a terminal; with none, this was one \
                 check: `cargo xtask check {}` does the same)",
                ex.number
            );
            return Ok(j.passed);
        }
        build::lock_in(&place.root, &place.ws)?;
        warm_up_loom(&place, &all);
        let (tx, rx) = mpsc::channel();
        // Keys act as pressed while the watch lives; the terminal is given back however it ends.
        let keys = crate::term::Keys::enter();
        let mut input = Input::start(tx.clone(), rx, keys.is_some());
        loop {
            let ex = &all[at];
            if let Err(e) = progress::save(&progress, &ex.name) {
                println!("(could not keep your place in {}: {e})", progress.display());
            }
            // The watcher lives as long as this exercise is open.
            let _watcher = watch_files(&place.ws.join(&ex.folder), tx.clone())?;
            match practise(&place, ex, at, all.len(), &s, &mut input)? {
                Next::Exercise if at + 1 < all.len() => at += 1,
                Next::Exercise => {
                    println!(
                        "\nThat was the last exercise: well done. `cargo xtask watch 1` starts over."
                    );
                    return Ok(true);
                }
                Next::Quit => {
                    println!(
                        "\nYour place is kept: `cargo xtask watch` comes back to {}.",
                        ex.name
                    );
                    return Ok(true);
                }
            }
        }
    }
}

enum Next {
    Exercise,
    Quit,
}

/// One exercise: check, wait for a save or a key, check again, until it passes and the student
/// goes on, or quits.
fn practise(
    place: &Place,
    ex: &Exercise,
    at: usize,
    count: usize,
    s: &Settings,
    input: &mut Input,
) -> Result<Next, Fail> {
    let mut passed = false;
    let mut check = true;
    loop {
        if check {
            screen::clear();
            println!(
                "{}",
                paint(
                    s.color,
                    CYAN,
                    &format!(
                        "{}, exercise {} of {count} {}",
                        ex.name,
                        at + 1,
                        progress::bar(at, count)
                    )
                )
            );
            println!("{}", super::task(ex, s.color));
            println!("Checking {} ...", ex.name);
            let j = match judge(place, ex, s) {
                Ok(j) => j,
                // A file the student broke (an expected log that no longer reads, say): say
                // what is wrong and keep watching for the save that mends it.
                Err(Fail::Usage(why) | Fail::Broken(why)) => {
                    let text = format!("error: {why}\n\nMend it and save: it is checked again.");
                    println!("{}", screen::wrap(&text, screen::width()));
                    (check, passed) = (false, false);
                    continue;
                }
            };
            print!("{}", j.report);
            // A save during the check: what was checked is already old. Check the new one.
            if input.saved_meanwhile() {
                continue;
            }
            passed = j.passed;
            if passed {
                let says = screen::wrap(&format!("Passed: {}", j.passed_says()), screen::width());
                let rest = says.strip_prefix("Passed:").unwrap_or(&says);
                println!("\n{}{rest}\n", paint(s.color, GREEN, "Passed:"));
                print!("{}", super::solution(ex, &place.root, s.color));
            } else {
                // Wrapped as plain text, then its head painted: colour codes take no room.
                let text = format!(
                    "Not yet. Edit {} where the `TODO` is and save: it is checked again.",
                    work_files(place, ex)
                );
                let text = screen::wrap(&text, screen::width());
                let rest = text.strip_prefix("Not yet.").unwrap_or(&text);
                println!("\n{}{rest}", paint(s.color, RED, "Not yet."));
            }
            check = false;
        }
        let keys = if passed {
            "[n] next exercise · [h] hint · [r] check again · [q] quit"
        } else {
            "[h] hint · [r] check again · [n] next, once it passes · [q] quit"
        };
        let then = if input.single_keys() {
            ""
        } else {
            " (then Enter)"
        };
        println!("\n{}", paint(s.color, CYAN, &format!("{keys}{then}")));
        match input.next() {
            Event::Saved => check = true,
            Event::Closed => return Ok(Next::Quit),
            Event::Key(k) => match k.trim().to_ascii_lowercase().as_str() {
                "h" | "hint" => println!(
                    "\n{}\n{}",
                    paint(s.color, CYAN, "Hint"),
                    screen::wrap(
                        ex.lesson
                            .section("Hint")
                            .unwrap_or("(this exercise has no hint)"),
                        screen::width()
                    )
                ),
                "r" | "" => check = true,
                "n" | "next" if passed => return Ok(Next::Exercise),
                "n" | "next" => println!(
                    "Not yet: {} has not passed. Fix it, or `cargo xtask watch <number>` to \
                     open another.",
                    ex.name
                ),
                "q" | "quit" => return Ok(Next::Quit),
                other => println!("`{other}` is not a key here."),
            },
        }
    }
}

/// The student's keys and the saves, in the order they come. Keys are single keys (while the
/// watch holds `term::Keys`), each burst read only when the loop asks for one; where stdin is
/// no terminal, they are lines.
struct Input {
    rx: Receiver<Event>,
    /// Asks the key reader for one more key; `None` when keys come as lines.
    go: Option<Sender<()>>,
    asked: bool,
    /// A key that came while a save was followed or a check ran, for the next turn.
    pending: Option<Event>,
}

impl Input {
    fn start(tx: Sender<Event>, rx: Receiver<Event>, single_keys: bool) -> Input {
        let go = match single_keys {
            true => {
                let (go, wait) = mpsc::channel::<()>();
                std::thread::spawn(move || {
                    while wait.recv().is_ok() {
                        // One answer for each key asked for: keys that came at once (a letter
                        // then Enter, or a paste) are one answer, so the reader never goes on
                        // reading keys nobody asked for.
                        let burst = crate::term::read(None).unwrap_or_default();
                        let key = if burst.iter().any(|k| k.is_stop()) {
                            "q".to_string()
                        } else {
                            burst
                                .iter()
                                .filter(|k| **k != Key::Enter)
                                .map(|k| match k {
                                    Key::Char(c) => *c,
                                    _ => '?',
                                })
                                .collect()
                        };
                        if tx.send(Event::Key(key)).is_err() {
                            return;
                        }
                    }
                });
                Some(go)
            }
            false => {
                std::thread::spawn(move || {
                    for line in std::io::stdin().lock().lines() {
                        let Ok(line) = line else { break };
                        if tx.send(Event::Key(line)).is_err() {
                            return;
                        }
                    }
                    let _ = tx.send(Event::Closed);
                });
                None
            }
        };
        Input {
            rx,
            go,
            asked: false,
            pending: None,
        }
    }

    fn single_keys(&self) -> bool {
        self.go.is_some()
    }

    /// The next event; a save is followed until the files are quiet for [`QUIET`].
    fn next(&mut self) -> Event {
        if let Some(e) = self.pending.take() {
            return e;
        }
        if let (Some(go), false) = (&self.go, self.asked) {
            let _ = go.send(());
            self.asked = true;
        }
        let first = match self.rx.recv() {
            Ok(e) => self.seen(e),
            Err(_) => return Event::Closed,
        };
        if !matches!(first, Event::Saved) {
            return first;
        }
        loop {
            match self.rx.recv_timeout(QUIET) {
                Ok(Event::Saved) => {}
                // A key pressed while saving waits for the next turn; the save comes first.
                Ok(other) => {
                    self.pending = Some(self.seen(other));
                    return Event::Saved;
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    return Event::Saved;
                }
            }
        }
    }

    /// A key or the end of input was received: the reader waits to be asked again.
    fn seen(&mut self, e: Event) -> Event {
        if !matches!(e, Event::Saved) {
            self.asked = false;
        }
        e
    }

    /// Whether a file was saved while the check ran; a key pressed meanwhile is kept.
    fn saved_meanwhile(&mut self) -> bool {
        let mut saved = false;
        while let Ok(e) = self.rx.try_recv() {
            match self.seen(e) {
                Event::Saved => saved = true,
                other => {
                    self.pending.get_or_insert(other);
                }
            }
        }
        saved
    }
}

/// Watch the exercise's folder; a change to a source file, its manifest or its log is a save.
fn watch_files(dir: &Path, tx: Sender<Event>) -> Result<notify::RecommendedWatcher, Fail> {
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        let relevant = matches!(
            ev.kind,
            EventKind::Modify(_) | EventKind::Create(_) | EventKind::Remove(_)
        ) && ev.paths.iter().any(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("rs" | "toml" | "log")
            )
        });
        if relevant {
            let _ = tx.send(Event::Saved);
        }
    })
    .map_err(|e| Fail::Broken(format!("cannot watch for saves: {e}")))?;
    w.watch(dir, RecursiveMode::Recursive)
        .map_err(|e| Fail::Broken(format!("cannot watch {}: {e}", dir.display())))?;
    Ok(w)
}

/// Where to start: the place kept, else the exercise of the tour's chapter, else the first.
fn start_place(ctx: &Ctx, all: &[Exercise], progress: &Path) -> usize {
    let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
    if progress.exists() {
        let (at, why) = progress::load(progress, &names);
        if why.is_none() {
            return at;
        }
    }
    let tour_file: PathBuf = ctx
        .opts
        .progress_file
        .clone()
        .unwrap_or_else(|| ctx.root.join(".course-progress"));
    let chapters: Vec<&str> = ctx.chapters.iter().map(|c| c.name.as_str()).collect();
    let (chapter, why) = progress::load(&tour_file, &chapters);
    if why.is_some() || !tour_file.exists() {
        return 0;
    }
    let number = ctx.chapters[chapter].number().unwrap_or(0);
    // The chapter's exercise, or the first after it when it has none.
    all.iter()
        .position(|e| e.number >= number)
        .unwrap_or(all.len() - 1)
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

/// Build loom, the model checker, in the background while the student works, so that the first
/// exercise with a model is checked in seconds, not after a minute of building. Its output is
/// dropped; a real check reports its own build.
fn warm_up_loom(place: &Place, all: &[Exercise]) {
    if build::loom_is_built(&place.target) {
        return;
    }
    let Some(ex) = all
        .iter()
        .find(|e| place.ws.join(&e.folder).join("tests/model.rs").is_file())
    else {
        return;
    };
    let (ws, target, name) = (place.ws.clone(), place.target.clone(), ex.name.clone());
    std::thread::spawn(move || {
        let _ = build::exercise(&ws, &target, &name, true, false);
    });
}
