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
#[path = "book/chapter_page.rs"]
mod chapter_page;
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
        let ctx = format!("chapter {n}'s page ({page}) shows:\n{found}");
        assert!(
            !chapter_page::probed(&found, "title").is_empty(),
            "the probe found no page: {ctx}"
        );

        chapter_page::the_lesson_code_log_and_twin_are_shown(n, &name, &dir, &found);

        let shot = chapter_page::Shot {
            exe: &exe,
            profile: &profile,
            port,
            shots: &shots,
        };
        chapter_page::the_picture_is_painted_and_the_page_shot(n, &name, &page, &found, &shot);
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
