//! The tour on a terminal: each chapter in three screens that fit the terminal, drawn on its
//! alternate screen: the lesson (paged, with its scroll keys), the run (the chapter's title and
//! what to look for kept in view above its lines), then what the run showed (its log kept, then
//! the verdict), its timeline and what to try, with the tour's keys below.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use timeline::Recording;

use super::prompt::{CONFIRM_RESTART, Go, Heard, apply, hear, parse_cmd, step};
use super::{first_sentence, outro, rel, running};
use crate::cli::{Ctx, Fail};
use crate::ui::jump::Number;
use crate::ui::report;
use crate::ui::status::bar;
use crate::ui::term::page::Page;
use crate::ui::term::style::CYAN;
use crate::ui::term::{Key, Keys, Screen, Style};
use course::Chapter;
use course::launch::{Echo, Program, Run};
use course::verdict;

/// What the tour knows for one chapter's screens.
pub struct Place<'a> {
    pub ctx: &'a Ctx,
    pub chapter: &'a Chapter,
    pub at: usize,
    pub count: usize,
    pub numbers: &'a [Option<u32>],
    /// A word for the first screen: why the saved place was not used.
    pub note: Option<String>,
}

/// Show chapter `p.at` in its three screens; the chapter to show next, or `None` to stop. On
/// the result screen `a` runs the chapter again and `b` goes back to its lesson.
pub fn chapter(
    p: &Place,
    exe: &std::path::Path,
    screen: &mut Screen,
    keys: &Keys,
) -> Result<Option<usize>, Fail> {
    let mut lesson_first = true;
    loop {
        if lesson_first && let Some(next) = lesson_screen(p, screen, keys) {
            return Ok(next);
        }
        let mut page = result_page(p, exe, screen)?;
        let mut number = Number::default();
        let mut restart = false;
        loop {
            let Some(burst) = page.show(screen, keys) else {
                return Ok(None);
            };
            match result_key(&mut number, &burst, p, &mut restart) {
                After::Go(next) => return Ok(next),
                After::Again => {
                    lesson_first = false;
                    break;
                }
                After::Lesson => {
                    lesson_first = true;
                    break;
                }
                After::Say(why) => page.status = why,
            }
        }
    }
}

/// The first screen, the lesson before it runs, until a key runs it: `None` then; else where
/// a key leads (`Some(None)` ends the tour).
fn lesson_screen(p: &Place, screen: &mut Screen, keys: &Keys) -> Option<Option<usize>> {
    let (width, _) = screen.size();
    let mut page = lesson_page(p, width);
    let mut number = Number::default();
    loop {
        let Some(burst) = page.show(screen, keys) else {
            return Some(None);
        };
        match lesson_key(&mut number, &burst, p, page.more_below()) {
            Act::Run => return None,
            Act::ReadOn => {
                page.scroll(Key::PageDown);
            }
            Act::Go(next) => return Some(next),
            Act::Say(why) => page.status = why,
        }
    }
}

/// The second screen, the run, its lines as they come under the title and what to look for;
/// then the third's page, what it showed (its log first, the lines "What to look for" names),
/// its timeline and what to try, with the result screen's keys.
fn result_page(p: &Place, exe: &std::path::Path, screen: &mut Screen) -> Result<Page, Fail> {
    let style = p.ctx.opts.style;
    let (width, _) = screen.size();
    let c = p.chapter;
    let rec = Recording::new(&c.name);
    let (r, log) = run(p, &Program::binary(exe).with_env(rec.env()), screen)?;
    let mut after = saw(&log, verdict_lines(p, r, width), style);
    after.push(String::new());
    after.push(style.paint(CYAN, "The run, thread by thread"));
    match rec.read() {
        Ok(t) => after.extend(crate::ui::timeline::lines(&t, &c.name, width, style)),
        Err(why) => after.push(format!("(no timeline: {why})")),
    }
    let twin = c.twin_script(&p.ctx.root).is_file();
    let exercise = c
        .number()
        .and_then(|n| course::exercise::of_chapter(&p.ctx.root.join("exercises"), n));
    let exercise = exercise
        .as_ref()
        .map(|ex| (ex.number, ex.lesson.title.as_str()));
    let level = course::levels::levels_of(&p.ctx.root, &c.name)
        .into_iter()
        .next();
    after.extend(
        outro(c, twin, exercise, level.as_deref(), Some(width), style)
            .lines()
            .map(String::from),
    );
    let keys = result_keys(p.numbers, p.at + 1 == p.count);
    Ok(Page::new(head(p, width), after, &keys))
}

/// The result screen's keys, with the chapters' numbers of the course; `last`: Enter ends the
/// tour there.
fn result_keys(numbers: &[Option<u32>], last: bool) -> String {
    let enter = match last {
        true => "[Enter] end the tour",
        false => "[Enter] next chapter",
    };
    let known: Vec<u32> = numbers.iter().flatten().copied().collect();
    let jump = match (known.first(), known.last()) {
        (Some(a), Some(b)) => format!("[{a}-{b}, then Enter] go to that chapter · "),
        _ => String::new(),
    };
    format!("{enter} · [a] run it again · [b] back to the lesson · {jump}[s] start over · [q] quit")
}

/// What a key on the result screen does.
#[derive(Debug, PartialEq, Eq)]
enum After {
    /// Run the chapter again, at once.
    Again,
    /// Back to the chapter's lesson.
    Lesson,
    /// To this chapter; `None` ends the tour.
    Go(Option<usize>),
    /// Stay, saying this (empty: nothing to say).
    Say(String),
}

/// Hear `burst` on the result screen; `number` is the chapter's number typed so far, and
/// `restart` whether `s` was pressed and waits for its yes or no (starting over moves the
/// student's kept place to chapter 1, so it is asked first).
fn result_key(number: &mut Number, burst: &[Key], p: &Place, restart: &mut bool) -> After {
    if std::mem::take(restart) {
        return match burst.first() {
            Some(Key::Char('y' | 'Y')) => After::Go(Some(0)),
            _ => After::Say(format!(
                "Not started over: you are still at chapter {} of {}.",
                p.at + 1,
                p.count
            )),
        };
    }
    let a = match hear(number, burst).0 {
        Heard::Answer(a) => a,
        Heard::Stop => return After::Go(None),
        Heard::More => return After::Say(number.status("chapter")),
    };
    match parse_cmd(&a, p.numbers) {
        Ok(Go::Again) => After::Again,
        Ok(Go::Back) => After::Lesson,
        Ok(Go::Restart) => {
            *restart = true;
            After::Say(CONFIRM_RESTART.into())
        }
        Ok(go) => After::Go(apply(p.at, &go, p.count)),
        Err(why) => After::Say(why),
    }
}

/// The lesson's page, before the chapter runs: its summary and what to look for, under the
/// head. Until its last line has been in view, Enter reads on (a lesson taller than the screen
/// was run with its "What to look for" below the fold).
fn lesson_page(p: &Place, width: usize) -> Page {
    let known: Vec<u32> = p.numbers.iter().flatten().copied().collect();
    let foot = match (known.first(), known.last()) {
        (Some(a), Some(b)) => {
            format!(
                "[Enter] run it · [b] back · [{a}-{b}, then Enter] go to that chapter · [q] quit"
            )
        }
        _ => "[Enter] run it · [b] back · [q] quit".to_string(),
    };
    let lesson = lesson(p.chapter, width, p.ctx.opts.style);
    let mut page = Page::new(head(p, width), lesson, &foot);
    page.keys_while_more = Some("[Enter] read on · [r] run it now · [b] back · [q] quit".into());
    page.status = p.note.clone().unwrap_or_default();
    page
}

/// What a key on the lesson's page does.
#[derive(Debug, PartialEq, Eq)]
enum Act {
    Run,
    /// Show the next page of the lesson.
    ReadOn,
    /// To this chapter; `None` ends the tour.
    Go(Option<usize>),
    /// Stay, saying this (empty: nothing to say).
    Say(String),
}

/// Hear `burst` on the lesson's page: Enter reads on while the lesson has `more_below`, then
/// runs the chapter (`r` runs it at once); a chapter's number, then Enter, goes to it, as on the
/// result screen; `number` is the number typed so far.
fn lesson_key(number: &mut Number, burst: &[Key], p: &Place, more_below: bool) -> Act {
    let digit = matches!(burst.first(), Some(Key::Char(d)) if d.is_ascii_digit());
    if !number.typed().is_empty() || digit {
        return match hear(number, burst).0 {
            Heard::Stop => Act::Go(None),
            Heard::More => Act::Say(number.status("chapter")),
            Heard::Answer(a) => {
                match parse_cmd(&a, p.numbers).and_then(|go| step(p.at, &go, p.count)) {
                    Ok(next) => Act::Go(next),
                    Err(why) => Act::Say(why),
                }
            }
        };
    }
    match burst.first() {
        Some(Key::Enter | Key::Right | Key::Char(' ')) if more_below => Act::ReadOn,
        Some(Key::Enter | Key::Right | Key::Char('r' | ' ')) => Act::Run,
        Some(Key::Left | Key::Char('b')) => match step(p.at, &Go::Back, p.count) {
            Ok(next) => Act::Go(next),
            Err(why) => Act::Say(why),
        },
        Some(Key::Char('q')) => Act::Go(None),
        _ => Act::Say("That key does nothing here: the keys are below.".into()),
    }
}

/// The result screen's first part: the run's log, kept as it came, then the verdict on it.
fn saw(log: &[String], verdict: Vec<String>, style: Style) -> Vec<String> {
    let mut out = vec![style.paint(CYAN, "What you just saw")];
    if log.is_empty() {
        out.push("(the run printed nothing)".into());
    }
    out.extend(log.iter().cloned());
    out.push(String::new());
    out.extend(verdict);
    out
}

/// The lines at the top of every screen of a chapter: where the student is, and its title.
fn head(p: &Place, width: usize) -> Vec<String> {
    head_of(p.chapter, p.at, p.count, width, p.ctx.opts.style)
}

fn head_of(c: &Chapter, at: usize, count: usize, width: usize, style: Style) -> Vec<String> {
    let mut out = vec![style.paint(
        CYAN,
        &format!("Chapter {} of {count} {}", at + 1, bar(at, count)),
    )];
    out.extend(lines(&format!("{}: {}", c.name, c.lesson.title), width));
    out.push(String::new());
    out
}

/// The lesson's page: its summary and what to look for.
fn lesson(c: &Chapter, width: usize, style: Style) -> Vec<String> {
    let mut out = Vec::new();
    if !c.lesson.summary.is_empty() {
        out.extend(lines(&c.lesson.summary, width));
        out.push(String::new());
    }
    if let Some(t) = c.lesson.section("What to look for") {
        out.push(style.paint(CYAN, "What to look for"));
        out.extend(lines(t, width));
    }
    out
}

/// What stays in view above the run's lines: the head, what to look for, the command.
fn run_top(c: &Chapter, head: Vec<String>, width: usize, style: Style) -> Vec<String> {
    let mut top = head;
    if let Some(t) = c.lesson.section("What to look for") {
        let look = format!("What to look for: {}", first_sentence(t));
        top.extend(lines(&look, width));
        top.push(String::new());
    }
    top.extend(
        lines(&running(c), width)
            .iter()
            .map(|l| style.paint(CYAN, l)),
    );
    top
}

/// `text` wrapped to `width`, as lines.
fn lines(text: &str, width: usize) -> Vec<String> {
    textfit::wrap(text, Some(width))
        .lines()
        .map(String::from)
        .collect()
}

/// Run the chapter, drawing its lines as they come below its title and what to look for (the
/// last of them, when they are more than the screen holds), with the time it has run. Returns
/// the run and its lines as drawn (wrapped), for the result screen.
fn run(p: &Place, program: &Program, screen: &mut Screen) -> Result<(Run, Vec<String>), Fail> {
    let style = p.ctx.opts.style;
    let c = p.chapter;
    let (width, height) = screen.size();
    let top = run_top(c, head(p, width), width, style);
    let (tx, rx) = mpsc::channel();
    let limit = p.ctx.limit();
    let started = Instant::now();
    std::thread::scope(|s| {
        let run = s.spawn(|| p.ctx.run(program, limit, Echo::Lines(tx)));
        let mut shown: Vec<String> = Vec::new();
        loop {
            let foot = format!(
                "running, {:.0} s · [Ctrl-C] leaves the tour",
                started.elapsed().as_secs_f64()
            );
            let room = height.saturating_sub(top.len() + 2);
            let from = shown.len().saturating_sub(room);
            let mut frame = top.clone();
            frame.extend(shown[from..].iter().cloned());
            frame.resize(height.saturating_sub(1), String::new());
            frame.push(style.paint(CYAN, &foot));
            screen.draw(&frame);
            match rx.recv_timeout(Duration::from_millis(500)) {
                Ok(line) => shown.extend(textfit::log_line(&line, width)),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        let r = run
            .join()
            .unwrap_or_else(|_| Err(Fail::Broken("the chapter's run panicked".into())))?;
        Ok((r, shown))
    })
}

/// What the run showed against the lesson's log, wrapped.
fn verdict_lines(p: &Place, r: Run, width: usize) -> Vec<String> {
    let (style, c) = (p.ctx.opts.style, p.chapter);
    let log = rel(&p.ctx.root, c);
    let (head, why) = report::tour_verdict(style, c, &log, verdict::expected(c), r);
    let says = match why {
        Some(why) => format!("{head}\n{why}"),
        None => head,
    };
    says.lines()
        .flat_map(|l| textfit::log_line(l, width))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Run `test` on the tour's place at chapter 4 of the course's own chapters.
    fn at_chapter_4(test: impl FnOnce(&Place)) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap();
        let chapters = course::discover(&root.join("chapters")).unwrap();
        let numbers: Vec<Option<u32>> = chapters.iter().map(Chapter::number).collect();
        let ctx = Ctx {
            opts: crate::cli::Opts::default(),
            root: root.to_path_buf(),
            course_dir: root.join("chapters"),
            chapters: Vec::new(),
        };
        let p = Place {
            ctx: &ctx,
            chapter: &chapters[3],
            at: 3,
            count: chapters.len(),
            numbers: &numbers,
            note: None,
        };
        test(&p);
    }

    #[test]
    fn a_chapters_number_goes_to_it_from_the_lesson_page_too() {
        at_chapter_4(|p| {
            let mut number = Number::default();
            let mut key = |k: &[Key]| lesson_key(&mut number, k, p, false);
            assert_eq!(
                key(&[Key::Char('1')]),
                Act::Say("go to chapter: 1  (then Enter)".into())
            );
            assert_eq!(
                key(&[Key::Char('2')]),
                Act::Say("go to chapter: 12  (then Enter)".into())
            );
            assert_eq!(
                key(&[Key::Enter]),
                Act::Go(Some(11)),
                "12, Enter: chapter 12"
            );
            assert_eq!(key(&[Key::Char('8'), Key::Enter]), Act::Go(Some(7)));
            assert_eq!(key(&[Key::Enter]), Act::Run, "Enter alone runs it");
            assert_eq!(key(&[Key::Char('b')]), Act::Go(Some(2)));
            assert!(
                matches!(key(&[Key::Char('9'), Key::Char('9'), Key::Enter]), Act::Say(w) if w.contains("no chapter 99"))
            );
            assert!(matches!(key(&[Key::Char('x')]), Act::Say(w) if w.contains("does nothing")));
        });
    }

    /// On the result screen `a` runs the chapter again, `b` (or ←) goes back to its lesson, and
    /// `s` asks before it starts over (it went to chapter 1 at once).
    #[test]
    fn the_result_screens_keys_do_what_they_say() {
        at_chapter_4(|p| {
            let (mut number, mut restart) = (Number::default(), false);
            let mut key = |k: &[Key]| result_key(&mut number, k, p, &mut restart);
            assert_eq!(key(&[Key::Char('a')]), After::Again);
            assert_eq!(key(&[Key::Char('b')]), After::Lesson);
            assert_eq!(key(&[Key::Left]), After::Lesson);
            assert_eq!(key(&[Key::Enter]), After::Go(Some(4)));
            assert_eq!(key(&[Key::Char('2'), Key::Enter]), After::Go(Some(1)));
            assert_eq!(key(&[Key::Char('q')]), After::Go(None));
            assert_eq!(key(&[Key::Char('s')]), After::Say(CONFIRM_RESTART.into()));
            assert_eq!(
                key(&[Key::Char('n')]),
                After::Say("Not started over: you are still at chapter 4 of 18.".into())
            );
            assert_eq!(
                key(&[Key::Char('y')]),
                After::Say("`y` is not an answer here".into()),
                "`y` with no question asked"
            );
            assert_eq!(key(&[Key::Char('s')]), After::Say(CONFIRM_RESTART.into()));
            assert_eq!(key(&[Key::Char('y')]), After::Go(Some(0)));
            let keys = result_keys(p.numbers, false);
            assert!(
                keys.starts_with(
                    "[Enter] next chapter · [a] run it again · [b] back to the lesson"
                ),
                "{keys}"
            );
            assert!(result_keys(p.numbers, true).starts_with("[Enter] end the tour"));
        });
    }

    /// Chapter 7's lesson was 23 lines in a pane of 19, and Enter ran it with "What to look
    /// for" below the fold: at 80×24, Enter shows every line of each chapter's lesson page (and
    /// of one longer than any) before it runs the chapter.
    #[test]
    fn every_lesson_is_shown_whole_at_80_by_24_before_enter_runs_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap();
        let mut chapters = course::discover(&root.join("chapters")).unwrap();
        assert_eq!(chapters.len(), 18);
        let seventh = &chapters[6];
        let long = Chapter {
            name: seventh.name.clone(),
            dir: seventh.dir.clone(),
            lesson: course::Lesson {
                title: seventh.lesson.title.clone(),
                summary: "A lesson far longer than a screen. ".repeat(60),
                sections: seventh.lesson.sections.clone(),
            },
        };
        chapters.push(long);
        let numbers: Vec<Option<u32>> = chapters.iter().map(Chapter::number).collect();
        let ctx = Ctx {
            opts: crate::cli::Opts::default(),
            root: root.to_path_buf(),
            course_dir: root.join("chapters"),
            chapters: Vec::new(),
        };
        for (at, c) in chapters.iter().enumerate() {
            let p = Place {
                ctx: &ctx,
                chapter: c,
                at: at.min(17),
                count: 18,
                numbers: &numbers,
                note: None,
            };
            let mut page = lesson_page(&p, 80);
            let mut seen: Vec<String> = Vec::new();
            let mut number = Number::default();
            for _ in 0..20 {
                let frame = page.frame(80, 24);
                assert_eq!(frame.len(), 24, "{}: {frame:#?}", c.name);
                seen.extend(frame.iter().cloned());
                match lesson_key(&mut number, &[Key::Enter], &p, page.more_below()) {
                    Act::ReadOn => {
                        assert!(frame[23].starts_with("[Enter] read on"), "{frame:#?}");
                        page.scroll(Key::PageDown);
                    }
                    Act::Run => {
                        assert!(frame[23].starts_with("[Enter] run it"), "{frame:#?}");
                        break;
                    }
                    other => panic!("{}: Enter did {other:?}", c.name),
                }
            }
            let lesson = lesson(c, 80, Style::default());
            assert!(lesson.iter().any(|l| l == "What to look for"), "{}", c.name);
            for line in &lesson {
                assert!(
                    seen.contains(line),
                    "{}: Enter ran it before this line was shown: {line:?}",
                    c.name
                );
            }
        }
    }

    #[test]
    fn the_result_screen_keeps_the_runs_log_first() {
        let log = vec![
            "00:00:00: Testing update. Ending value is 1.".to_string(),
            "00:00:00: Testing update. Updates lost: 1 of 2.".to_string(),
        ];
        let body = saw(
            &log,
            vec!["The lesson showed: ...".into()],
            Style::default(),
        );
        assert_eq!(body[0], "What you just saw");
        assert_eq!(
            body[1..3],
            log[..],
            "the log, as it came, under the heading"
        );
        assert_eq!(
            body[4], "The lesson showed: ...",
            "then the verdict: {body:?}"
        );
        let quiet = saw(&[], vec![], Style::default());
        assert_eq!(quiet[1], "(the run printed nothing)");
    }

    #[test]
    fn every_chapters_screens_fit_80_and_200_columns() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap();
        let chapters = course::discover(&root.join("chapters")).unwrap();
        assert!(chapters.len() >= 18);
        let numbers: Vec<Option<u32>> = (1..=18).map(Some).collect();
        let prompt = result_keys(&numbers, false);
        for width in [80, 200] {
            for (at, c) in chapters.iter().enumerate() {
                let head = head_of(c, at, chapters.len(), width, Style::default());
                let top = run_top(c, head.clone(), width, Style::default());
                let all = [
                    head,
                    lesson(c, width, Style::default()),
                    top.clone(),
                    lines(&prompt, width),
                ];
                for line in all.concat() {
                    assert!(line.chars().count() <= width, "{}: {line:?}", c.name);
                }
                // The run's screen keeps its head and what to look for in view, with room
                // for the run's lines on 24 rows.
                assert!(
                    top.len() <= 12,
                    "{}: {} lines above the run",
                    c.name,
                    top.len()
                );
            }
        }
    }
}
