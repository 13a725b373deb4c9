//! The games on the chapters' pages, played in Chromium as a reader plays them (clicks and keys
//! through the browser's own input, see `cdp.rs`), from `file://`: chapter 4's level won with
//! clicks on the thread buttons, a refused move saying why; chapter 5's fix played to its end,
//! showing the model's verdict; a part-two level won with keys alone; at 375 and 1280 pixels,
//! nothing wider than the window but a long timeline, which scrolls in its own box and says so.
//! Screenshots go to `target/book-test/`. The keyboard and the screen reader are `play_keys.rs`'s;
//! the page's reading of every position, `play_frames.rs`'s.

use std::path::{Path, PathBuf};

use playproto::export::{BookGame, Export};

use super::cdp::{self, Browser, Value, item};
use super::{chapter, chromium, skip, target};

pub fn url(book: &Path, n: u32) -> String {
    page_url(book, &chapter(n))
}

/// The page of chapter `name` (its crate), from `file://`.
pub fn page_url(book: &Path, name: &str) -> String {
    format!(
        "file://{}",
        book.join("chapters").join(format!("{name}.html")).display()
    )
}

pub fn player(id: &str) -> String {
    format!(".play[data-level=\"{id}\"]")
}

pub fn text(b: &mut Browser, selector: &str) -> String {
    let v = b
        .eval(&format!(
            "(document.querySelector({}) || {{}}).textContent || ''",
            cdp::text(&cdp::s(selector))
        ))
        .unwrap();
    v.as_str().unwrap_or("").to_string()
}

/// A browser for a test of the games, the built book, and where its screenshots go; `None`
/// (said, and a failure under `COURSE_BROWSER_TEST=1`) without Chromium or the games.
pub fn session(name: &str) -> Option<(Browser, PathBuf, PathBuf)> {
    let strict = std::env::var_os("COURSE_BROWSER_TEST").is_some_and(|v| v == "1");
    let book = target().join("book");
    let Some(exe) = chromium() else {
        assert!(
            !strict,
            "COURSE_BROWSER_TEST=1 but chromium is not installed"
        );
        skip("chromium is not installed (apt-get install chromium runs this test)");
        return None;
    };
    if !book.join("play").is_dir() {
        assert!(
            !strict,
            "COURSE_BROWSER_TEST=1 but the book's games are not built"
        );
        skip("the book's games are not built (run `cargo xtask book`)");
        return None;
    }
    let shots = target().join("book-test");
    std::fs::create_dir_all(&shots).unwrap();
    let profile = shots.join(format!("profile-{name}"));
    let _ = std::fs::remove_dir_all(&profile);
    let mut b = Browser::start(&exe, &profile, "about:blank").unwrap();
    b.resize(1280, 900).unwrap();
    Some((b, book, shots))
}

/// Open chapter `n`'s page at `width` pixels, once level `id`'s player is drawn.
pub fn open(b: &mut Browser, book: &Path, n: u32, id: &str, width: u32) {
    b.resize(width, 900).unwrap();
    b.open(&url(book, n)).unwrap();
    b.wait_for(&format!(
        "!!document.querySelector('{} .play-thread')",
        player(id)
    ))
    .unwrap();
}

/// Level `id`'s game as the built book ships it (`target/book/play/<id>.js`).
pub fn shipped(book: &Path, id: &str) -> BookGame {
    let text = std::fs::read_to_string(book.join("play").join(format!("{id}.js"))).unwrap();
    let json = text
        .split_once("] = ")
        .and_then(|(_, j)| j.trim_end().strip_suffix(';'))
        .unwrap_or_else(|| panic!("{id}.js is not a game's script"));
    playproto::from_json(json).unwrap_or_else(|e| panic!("{id}.js: {e}"))
}

/// The moves from the start to the shallowest node that has a move past the schedules the data
/// holds, and that move.
pub fn to_beyond(e: &Export) -> (Vec<usize>, usize) {
    let mut from: Vec<Option<(usize, usize)>> = vec![None; e.nodes.len()];
    let mut todo = std::collections::VecDeque::from([0]);
    let mut seen = vec![false; e.nodes.len()];
    seen[0] = true;
    while let Some(n) = todo.pop_front() {
        let lanes = e.nodes[n].2.len();
        if let Some(m) = (1..=lanes).find(|&m| e.next(n, m) == playproto::export::BEYOND) {
            let mut path = Vec::new();
            let mut at = n;
            while let Some((p, k)) = from[at] {
                path.push(k);
                at = p;
            }
            path.reverse();
            return (path, m);
        }
        for m in 1..=lanes {
            let next = e.next(n, m);
            if next >= 0 && !seen[next as usize] {
                seen[next as usize] = true;
                from[next as usize] = Some((n, m));
                todo.push_back(next as usize);
            }
        }
    }
    panic!("{}: no move leads past the data", e.level.id)
}

/// Nothing on the page is wider than the window, and the players fit inside it (a timeline
/// scrolls inside its own box).
fn fits(b: &mut Browser, width: u32) {
    let seen = b
        .eval(
            "(() => { const w = window.innerWidth; const out = []; \
             if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth); \
             for (const p of document.querySelectorAll('.play')) { const r = p.getBoundingClientRect(); \
               if (r.right > w + 0.5 || p.scrollWidth > p.clientWidth + 1) out.push(p.dataset.level + ' right ' + r.right + ' scroll ' + p.scrollWidth + ' client ' + p.clientWidth); \
               for (const e of p.querySelectorAll('*')) { const q = e.getBoundingClientRect(); \
                 if (q.width > 0 && q.right > w + 0.5 && !e.closest('.play-timeline')) out.push(e.className + ' ' + q.right); } } \
             return out; })()",
        )
        .unwrap();
    assert_eq!(
        seen,
        Value::Array(vec![]),
        "wider than {width} pixels: {}",
        cdp::text(&seen)
    );
}

/// The games' data: each level's within its megabyte, all within ten; each level's size said.
fn data_within_budget(book: &Path) {
    let mut total = 0;
    let mut files: Vec<_> = std::fs::read_dir(book.join("play"))
        .expect("the games' data is built")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in &files {
        let bytes = std::fs::metadata(f).unwrap().len();
        println!(
            "{}: {bytes} bytes",
            f.file_name().unwrap().to_string_lossy()
        );
        assert!(bytes <= 1_000_000, "{} is {bytes} bytes", f.display());
        total += bytes;
    }
    println!("all the games: {total} bytes");
    assert!(files.len() >= 20 && total <= 10_000_000, "{total}");
}

/// Chapter 4, won with clicks on the thread buttons; first a move refused, and why.
fn ch04_won_by_clicks(b: &mut Browser, book: &Path, width: u32, shots: &Path) {
    let p = player("ch04");
    open(b, book, 4, "ch04", width);
    fits(b, width);
    for _ in 0..4 {
        b.click(&format!("{p} .play-thread[data-lane=\"1\"]"))
            .unwrap();
    }
    assert_eq!(
        text(b, &format!("{p} .play-message")),
        "Thread 0 (key 1) has finished."
    );
    b.click(&format!("{p} .play-control[aria-keyshortcuts=\"r\"]"))
        .unwrap();
    assert!(text(b, &format!("{p} .play-head")).ends_with("move 0"));
    for m in [1, 2, 1, 2, 1, 2] {
        b.click(&format!("{p} .play-thread[data-lane=\"{m}\"]"))
            .unwrap();
    }
    let won = text(b, &format!("{p} .play-won .play-result"));
    assert!(won.starts_with("Goal reached. An update is lost"), "{won}");
    assert_eq!(
        text(b, &format!("{p} .play-won .play-command code")),
        "cargo xtask play ch04 --moves \"1 2 1 2 1 2\""
    );
    let timeline = text(b, &format!("{p} .play-timeline"));
    assert!(
        timeline.contains("Thread 0 ") && timeline.contains('*'),
        "{timeline}"
    );
    fits(b, width);
    b.screenshot(&p, &shots.join(format!("play-ch04-won-{width}.png")))
        .unwrap();
}

#[test]
fn the_games_play_by_clicks_and_by_keys_at_375_and_1280_pixels() {
    let Some((mut b, book, shots)) = session("play") else {
        return;
    };
    data_within_budget(&book);
    // Chapter 4 at a desktop's width, then on a phone's screen, opened at its width.
    for width in [1280, 375] {
        ch04_won_by_clicks(&mut b, &book, width, &shots);
    }
    b.resize(1280, 900).unwrap();

    // The win is kept in the browser: the introduction marks it, and its button clears it.
    let intro = format!("file://{}", book.join("introduction.html").display());
    b.open(&intro).unwrap();
    let mark = ".play-mark[data-level=\"ch04\"]";
    assert_eq!(text(&mut b, mark), "won");
    b.click(".play-clear").unwrap();
    assert_eq!(text(&mut b, mark), "");

    // Chapter 5's fix, played to its end (the first thread that can run, each time): the
    // model's verdict, as the data gives it.
    let p = player("ch05");
    open(&mut b, &book, 5, "ch05", 1280);
    for _ in 0..60 {
        if !text(&mut b, &format!("{p} .play-end")).is_empty() {
            break;
        }
        b.click(&format!("{p} .play-thread:not(.play-cannot)"))
            .unwrap();
    }
    let verdict: Value = b.eval("COURSE_PLAY.ch05.verdict").unwrap();
    let first = item(&verdict, 0).as_str().unwrap_or("").to_string();
    assert!(
        !first.is_empty() && first.contains("12"),
        "{}",
        cdp::text(&verdict)
    );
    // On a fix, not reaching the goal is the point: not said as a loss ("Not this time").
    assert!(
        text(&mut b, &format!("{p} .play-ended .play-result"))
            .starts_with("This schedule did not break the fix: ")
    );
    // (Code in backticks is set as code on the page.)
    assert_eq!(
        text(&mut b, &format!("{p} .play-verdict")),
        first.replace('`', "")
    );
    fits(&mut b, 1280);
    b.screenshot(&p, &shots.join("play-ch05-end-1280.png"))
        .unwrap();

    // Chapter 11's race, a part-two level, with keys alone on a phone's screen: the page's way
    // in (its first Tab), then the moves.
    let p = player("ch11");
    open(&mut b, &book, 11, "ch11", 375);
    let tabs = super::play_keys::tab_to_the_game(&mut b, "ch11");
    for m in ["1", "2", "1", "2", "2", "1"] {
        b.key(m).unwrap();
    }
    let won = text(&mut b, &format!("{p} .play-won .play-result"));
    assert!(won.starts_with("Goal reached. An update is lost"), "{won}");
    fits(&mut b, 375);
    b.screenshot(&p, &shots.join("play-ch11-keys-375.png"))
        .unwrap();
    println!("ch11 won with keys alone, {tabs} Tabs to its game");
}

/// ch15's win is 18 moves, wider than a phone: its timeline keeps its columns and scrolls
/// sideways in its own box, which takes the focus and says that it scrolls; at a desktop's
/// width ch04's fits, and says nothing of scrolling.
#[test]
fn a_long_timeline_scrolls_in_its_own_box_and_says_so() {
    let Some((mut b, book, shots)) = session("timeline") else {
        return;
    };
    let kept = shipped(&book, "ch15").game.level.kept.expect("ch15 is won");
    let p = player("ch15");
    open(&mut b, &book, 15, "ch15", 375);
    super::play_keys::tab_to_the_game(&mut b, "ch15");
    for m in &kept {
        b.key(&m.to_string()).unwrap();
    }
    let won = text(&mut b, &format!("{p} .play-won .play-result"));
    assert!(won.starts_with("Goal reached."), "{won}");
    let (scrolls, said, focusable) = {
        let v = b
            .eval(&format!(
                "(() => {{ const t = document.querySelector('{p} .play-timeline'); \
                 const s = document.querySelector('{p} .play-scrolls'); \
                 return [t.scrollWidth > t.clientWidth, !s.hidden && s.offsetHeight > 0, t.tabIndex]; }})()"
            ))
            .unwrap();
        (item(&v, 0), item(&v, 1), cdp::num(&item(&v, 2)))
    };
    assert_eq!(scrolls, Value::Bool(true), "18 moves fit in 375 pixels?");
    assert_eq!(
        said,
        Value::Bool(true),
        "the timeline does not say it scrolls"
    );
    assert_eq!(focusable, Some(0.0), "the timeline's box takes no focus");
    assert!(
        text(&mut b, &format!("{p} .play-scrolls")).contains("scroll it sideways to see all 18"),
    );
    fits(&mut b, 375);
    b.screenshot(&p, &shots.join("play-ch15-won-375.png"))
        .unwrap();
    ch04_won_by_clicks(&mut b, &book, 1280, &shots);
    let hidden = b
        .eval(&format!(
            "document.querySelector('{} .play-scrolls').hidden",
            player("ch04")
        ))
        .unwrap();
    assert_eq!(hidden, Value::Bool(true), "ch04's 6 moves fit at 1280");
}
