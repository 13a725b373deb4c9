//! The games on the chapters' pages, played in Chromium as a reader plays them (clicks and keys
//! through the browser's own input, see `cdp.rs`), from `file://`: chapter 4's level won with
//! clicks on the thread buttons, a refused move saying why; chapter 5's fix played to its end,
//! showing the model's verdict; a part-two level won with keys alone; at 375 and 1280 pixels,
//! nothing wider than the window. Screenshots go to `target/book-test/`.

use std::path::Path;

use super::cdp::{self, Browser, Value, item};
use super::{chapter, chromium, skip, target};

fn url(book: &Path, n: u32) -> String {
    format!(
        "file://{}",
        book.join("chapters")
            .join(format!("{}.html", chapter(n)))
            .display()
    )
}

fn player(id: &str) -> String {
    format!(".play[data-level=\"{id}\"]")
}

fn text(b: &mut Browser, selector: &str) -> String {
    let v = b
        .eval(&format!(
            "(document.querySelector({}) || {{}}).textContent || ''",
            cdp::text(&cdp::s(selector))
        ))
        .unwrap();
    v.as_str().unwrap_or("").to_string()
}

/// Nothing on the page is wider than the window, and the players fit inside it.
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

#[test]
fn the_games_play_by_clicks_and_by_keys_at_375_and_1280_pixels() {
    let strict = std::env::var_os("COURSE_BROWSER_TEST").is_some_and(|v| v == "1");
    let book = target().join("book");
    let Some(exe) = chromium() else {
        assert!(
            !strict,
            "COURSE_BROWSER_TEST=1 but chromium is not installed"
        );
        skip("chromium is not installed (apt-get install chromium runs this test)");
        return;
    };
    if !book.join("play").is_dir() {
        assert!(
            !strict,
            "COURSE_BROWSER_TEST=1 but the book's games are not built"
        );
        skip("the book's games are not built (run `cargo xtask book`)");
        return;
    }
    data_within_budget(&book);
    let shots = target().join("book-test");
    std::fs::create_dir_all(&shots).unwrap();
    let profile = shots.join("profile-play");
    let _ = std::fs::remove_dir_all(&profile);
    let mut b = Browser::start(&exe, &profile, "about:blank").unwrap();
    b.resize(1280, 900).unwrap();

    // Chapter 4, won with clicks on the thread buttons; first a move refused, and why. Then
    // again on a phone's screen, the page opened at its width as a phone opens it.
    let p = player("ch04");
    for width in [1280, 375] {
        b.resize(width, 900).unwrap();
        b.open(&url(&book, 4)).unwrap();
        b.wait_for(&format!("!!document.querySelector('{p} .play-thread')"))
            .unwrap();
        fits(&mut b, width);
        for _ in 0..4 {
            b.click(&format!("{p} .play-thread[data-lane=\"1\"]"))
                .unwrap();
        }
        assert_eq!(
            text(&mut b, &format!("{p} .play-message")),
            "Thread 0 (key 1) has finished."
        );
        b.click(&format!("{p} .play-control[aria-keyshortcuts=\"r\"]"))
            .unwrap();
        assert!(text(&mut b, &format!("{p} .play-head")).ends_with("move 0"));
        for m in [1, 2, 1, 2, 1, 2] {
            b.click(&format!("{p} .play-thread[data-lane=\"{m}\"]"))
                .unwrap();
        }
        let won = text(&mut b, &format!("{p} .play-won .play-result"));
        assert!(won.starts_with("Goal reached. An update is lost"), "{won}");
        assert_eq!(
            text(&mut b, &format!("{p} .play-won .play-command code")),
            "cargo xtask play ch04 --moves \"1 2 1 2 1 2\""
        );
        let timeline = text(&mut b, &format!("{p} .play-timeline"));
        assert!(
            timeline.contains("Thread 0 ") && timeline.contains('*'),
            "{timeline}"
        );
        fits(&mut b, width);
        b.screenshot(&p, &shots.join(format!("play-ch04-won-{width}.png")))
            .unwrap();
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
    b.open(&url(&book, 5)).unwrap();
    b.wait_for(&format!("!!document.querySelector('{p} .play-thread')"))
        .unwrap();
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
    assert!(text(&mut b, &format!("{p} .play-ended .play-result")).starts_with("Not this time: "));
    // (Code in backticks is set as code on the page.)
    assert_eq!(
        text(&mut b, &format!("{p} .play-verdict")),
        first.replace('`', "")
    );
    fits(&mut b, 1280);
    b.screenshot(&p, &shots.join("play-ch05-end-1280.png"))
        .unwrap();

    // Chapter 11's race, a part-two level, with keys alone: Tab to its game, then the moves; on
    // a phone's screen.
    let p = player("ch11");
    b.resize(375, 900).unwrap();
    b.open(&url(&book, 11)).unwrap();
    b.wait_for(&format!("!!document.querySelector('{p} .play-thread')"))
        .unwrap();
    let focused = format!("document.activeElement === document.querySelector('{p}')");
    let mut tabs = 0;
    while b.eval(&focused).unwrap() != Value::Bool(true) {
        b.key("Tab").unwrap();
        tabs += 1;
        assert!(tabs < 400, "Tab never reached the game");
    }
    for m in ["1", "2", "1", "2", "2", "1"] {
        b.key(m).unwrap();
    }
    let won = text(&mut b, &format!("{p} .play-won .play-result"));
    assert!(won.starts_with("Goal reached. An update is lost"), "{won}");
    b.resize(375, 900).unwrap();
    fits(&mut b, 375);
    b.screenshot(&p, &shots.join("play-ch11-keys-375.png"))
        .unwrap();
    println!("ch11 won with keys alone, {tabs} Tabs to its game");
}
