//! The book in a real browser: headless Chromium loads chapter 8's and chapter 15's pages of the
//! built book (`cargo xtask book`, in `target/book`) from a server on 127.0.0.1, and a probe
//! page of the same origin reads what the reader would see: the lesson, the code, the expected
//! log, the Python twin, and the timeline picture, drawn (decoded, and its bars painted in the
//! timeline's colours). It also leaves a screenshot of each page and of each picture in
//! `target/book-test/`, to look at.
//!
//! `.ci/run` sets `COURSE_BROWSER_TEST=1`, which makes a missing Chromium or book a failure. In a
//! plain `cargo test`, the test says why and passes when Chromium is not installed, or the book
//! has not been built since its pages last changed.

#[path = "book/cdp.rs"]
mod cdp;
#[path = "book/play_frames.rs"]
mod play_frames;
#[path = "book/play_keys.rs"]
mod play_keys;
#[path = "book/play_page.rs"]
mod play_page;
#[path = "book/probe.rs"]
mod probe;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn target() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(t) if !t.is_empty() => root().join(t),
        _ => root().join("target"),
    }
}

/// The timeline's colours (xtask/timeline/src/states.rs): running, brief, holding, sleeping,
/// waiting, deadlocked.
const FILLS: &[&str] = &[
    "#9aa5b1", "#17a2b8", "#2e9d48", "#5b8def", "#e0a800", "#d62828",
];

/// Chromium as Debian ships it (or Chrome, on a CI image that has it instead).
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::split_paths(&path)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
}

/// The browser headless, with no network of its own, a fresh profile and no first-run screens.
fn browser(exe: &Path, profile: &Path) -> Command {
    let mut cmd = Command::new(exe);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .stdin(Stdio::null());
    cmd
}

/// Run `cmd` for at most a minute; its stdout, or why not.
fn run(mut cmd: Command) -> Result<String, String> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start chromium: {e}"))?;
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let out = reader.join().unwrap();
            let err = err_reader.join().unwrap();
            return if status.success() {
                Ok(out)
            } else {
                Err(format!("chromium failed ({status}):\n{err}"))
            };
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            return Err("chromium did not finish within 60 s (killed)".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Say why the test does not run, past the test harness's capture (it shows only a failing
/// test's output), so that a plain `cargo test` prints it.
fn skip(why: &str) {
    let _ = writeln!(std::io::stderr(), "book test skipped: {why}");
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Whitespace folded to single spaces, as the probe folds it.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The chapter folder `chapters/chNN_*`.
fn chapter(n: u32) -> String {
    let prefix = format!("ch{n:02}_");
    std::fs::read_dir(root().join("chapters"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no chapter {prefix}*"))
}

/// The first line of `file` that is code, not a comment or blank.
fn first_code_line(file: &Path) -> String {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("#!"))
        .unwrap()
        .to_string()
}

#[test]
fn chapters_8_and_15_show_their_lesson_code_log_twin_and_picture_in_chromium() {
    let strict = std::env::var_os("COURSE_BROWSER_TEST").is_some_and(|v| v == "1");
    let Some(exe) = chromium() else {
        assert!(
            !strict,
            "COURSE_BROWSER_TEST=1 but chromium is not installed (apt-get install chromium)"
        );
        skip("chromium is not installed (apt-get install chromium runs this test)");
        return;
    };
    let book = target().join("book");
    if !book.join("index.html").is_file() {
        assert!(
            !strict,
            "COURSE_BROWSER_TEST=1 but the book is not built: run `cargo xtask book` first"
        );
        skip(&format!(
            "the book is not built in {} (run `cargo xtask book`)",
            book.display()
        ));
        return;
    }
    // A book built before its pages last changed would be judged on old pages.
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let stale = [8, 15].iter().any(|&n| {
        let name = chapter(n);
        let page = root().join("book/src/chapters").join(format!("{name}.md"));
        let built = book.join("chapters").join(format!("{name}.html"));
        modified(&built) < modified(&page)
    });
    if stale && !strict {
        skip(&format!(
            "the book in {} is older than its pages (run `cargo xtask book`)",
            book.display()
        ));
        return;
    }
    let port = probe::serve(book.clone());
    let shots = target().join("book-test");
    std::fs::create_dir_all(&shots).unwrap();
    let profile = shots.join("profile");
    let _ = std::fs::remove_dir_all(&profile);

    for n in [8, 15] {
        let name = chapter(n);
        let dir = root().join("chapters").join(&name);
        let page = format!("chapters/{name}.html");
        assert!(book.join(&page).is_file(), "the book has no page {page}");

        let mut cmd = browser(&exe, &profile);
        cmd.args(["--virtual-time-budget=15000", "--dump-dom"])
            .arg(format!("http://127.0.0.1:{port}/probe?page={page}"));
        let dom = run(cmd).unwrap();
        let start = dom
            .find("<pre id=\"out\">")
            .expect("the probe page did not load")
            + 14;
        let end = start + dom[start..].find("</pre>").unwrap();
        let found = unescape(&dom[start..end]);
        let values = |key: &str| -> Vec<&str> {
            found
                .lines()
                .filter_map(|l| l.strip_prefix(key)?.strip_prefix('='))
                .collect()
        };
        let ctx = format!("chapter {n}'s page ({page}) shows:\n{found}");
        assert!(
            !values("title").is_empty(),
            "the probe found no page: {ctx}"
        );

        // The lesson: its title, its summary and its sections, from the chapter's doc.
        let main = std::fs::read_to_string(dir.join("src/main.rs")).unwrap();
        let title = main.lines().next().unwrap().trim_start_matches("//! # ");
        assert_eq!(values("title"), [format!("{n}. {title}")], "{ctx}");
        let summary: String = main
            .lines()
            .skip(2)
            .take_while(|l| *l != "//!")
            .map(|l| l.trim_start_matches("//! "))
            .collect::<Vec<_>>()
            .join(" ");
        // Its first sentence, as the reader sees it (the markdown's backticks become code).
        let sentence = summary.split(". ").next().unwrap().replace('`', "");
        let text = values("text").concat();
        assert!(text.contains(&flat(&sentence)), "no lesson summary: {ctx}");
        for section in [
            "What to look for",
            "Python original",
            "Try this",
            "The check: its expected log",
            "A real run, drawn",
            "The code, beside its Python twin",
        ] {
            assert!(
                values("section").contains(&section),
                "no `{section}`: {ctx}"
            );
        }
        // The play levels of the chapter, where it has some.
        if root()
            .join(format!("play/src/levels/ch{n:02}.json"))
            .exists()
        {
            let play = values("code")
                .iter()
                .any(|c| c.contains(&format!("cargo xtask play ch{n:02}")));
            assert!(
                values("section").contains(&"Play it: be the scheduler") && play,
                "no play levels: {ctx}"
            );
        }

        // The code, the log and the twin, each in its own block, from the course's files.
        let code = values("code");
        let has = |lang: &str, line: &str| {
            code.iter()
                .any(|c| c.starts_with(&format!("{lang} ")) && c.contains(&flat(line)))
        };
        for file in ["src/main.rs", "src/lib.rs"] {
            let line = first_code_line(&dir.join(file));
            assert!(has("rust", &line), "no code of {file} (`{line}`): {ctx}");
        }
        let log = std::fs::read_to_string(dir.join("expected.log")).unwrap();
        let last = log.lines().last().unwrap();
        assert!(has("text", last), "no expected log (`{last}`): {ctx}");
        let twin = root().join("python").join(format!("{name}.py"));
        let twin_line = first_code_line(&twin.with_extension("py"));
        let twin_first = std::fs::read_to_string(&twin).unwrap();
        let twin_first = twin_first.lines().next().unwrap();
        assert!(
            has("python", twin_first) && has("python", &twin_line),
            "no Python twin: {ctx}"
        );

        // The picture: loaded, decoded, and its bars painted.
        let svg = format!("../timelines/{name}.svg");
        // The code beside its twin reads on both screens: side by side at 1200 pixels, and on a
        // phone one under the other at the text's width (it was a centred column of 183 px).
        let beside = values("twins1200");
        assert!(
            beside.first().is_some_and(|t| t.starts_with("beside")),
            "twins at 1200: {beside:?}"
        );
        let phone = values("twins375");
        let ratio = phone
            .first()
            .and_then(|t| t.strip_prefix("under "))
            .and_then(|r| r.parse::<f64>().ok());
        assert!(
            ratio.is_some_and(|r| r >= 0.95),
            "twins at 375 px: {phone:?} (one under the other, as wide as the text)"
        );
        let img = values("img");
        let img = img
            .iter()
            .find(|i| i.starts_with(&svg))
            .unwrap_or_else(|| panic!("no timeline picture {svg}: {ctx}"));
        let size = img.split(' ').nth(2).unwrap();
        assert!(
            img.contains(" true ") && !size.starts_with("0x"),
            "{img}: {ctx}"
        );
        let painted: u64 = values("painted")
            .iter()
            .find_map(|p| p.strip_prefix(&format!("{svg} "))?.parse().ok())
            .unwrap_or(0);
        assert!(
            painted > 2_000,
            "the picture drew only {painted} pixels of the timeline's colours: {ctx}"
        );

        // Screenshots to look at: the page, and its picture alone.
        for (file, url, size) in [
            (
                format!("ch{n:02}-page.png"),
                format!("http://127.0.0.1:{port}/{page}"),
                "1400,7000",
            ),
            (
                format!("ch{n:02}-timeline.png"),
                format!("http://127.0.0.1:{port}/timelines/{name}.svg"),
                "800,400",
            ),
        ] {
            let png = shots.join(&file);
            let _ = std::fs::remove_file(&png);
            let mut cmd = browser(&exe, &profile);
            cmd.args(["--virtual-time-budget=5000"])
                .arg(format!("--window-size={size}"))
                .arg(format!("--screenshot={}", png.display()))
                .arg(url);
            run(cmd).unwrap();
            let bytes = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
            assert!(bytes > 10_000, "{} is {bytes} bytes", png.display());
            println!("screenshot: {}", png.display());
        }
        println!("chapter {n}: {img}, {painted} pixels of the timeline's colours");
    }
}

/// The committed pages are what the chapters make, and nothing they include or link is missing
/// (`cargo xtask book --check`; needs neither mdBook nor a browser).
#[test]
fn the_book_is_current() {
    let o = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["book", "--check"])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_name() == "target" {
            continue;
        }
        if src.is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// `book --check` on a copy of the course's sources: it passes, and fails once a chapter's page
/// is removed, or a page includes a file that is gone.
#[test]
fn the_check_fails_on_a_removed_page_or_a_missing_include() {
    let copy = target().join("book-check-test");
    let _ = std::fs::remove_dir_all(&copy);
    for dir in [
        "chapters",
        "python",
        "exercises",
        "solutions",
        "book",
        "docs",
        // The levels' table, which names each chapter's levels on its page.
        "play",
    ] {
        copy_tree(&root().join(dir), &copy.join(dir));
    }
    // The games a build exported are not sources: a clone has none.
    let _ = std::fs::remove_dir_all(copy.join("book/src/play"));
    std::fs::write(copy.join("Cargo.toml"), "[workspace]\n").unwrap();
    let check = || {
        let o = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["book", "--check"])
            .current_dir(&copy)
            .env_remove("CARGO_MANIFEST_DIR")
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    let (code, out) = check();
    assert_eq!(code, Some(0), "the copy's book is current:\n{out}");

    let ch08 = chapter(8);
    std::fs::remove_file(copy.join(format!("book/src/chapters/{ch08}.md"))).unwrap();
    let (code, out) = check();
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(&format!(
            "book: {ch08} has no page (book/src/chapters/{ch08}.md is missing)"
        )),
        "{out}"
    );

    copy_tree(&root().join("book"), &copy.join("book"));
    let note = format!("solutions/{}/NOTE.md", &ch08[2..]);
    std::fs::remove_file(copy.join(&note)).unwrap();
    let (code, out) = check();
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(&format!("includes ../../../{note}, which is missing")),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&copy);
}
