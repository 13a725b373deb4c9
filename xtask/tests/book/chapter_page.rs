//! What chapter 8's and chapter 15's pages must show, read by the probe page (see `book.rs`):
//! the lesson, the code, the expected log, the Python twin, and the timeline picture, painted.

use std::path::Path;

use super::{browser, flat, root, run};

/// The first line of `file` that is code, not a comment or blank.
pub fn first_code_line(file: &Path) -> String {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("#!"))
        .unwrap()
        .to_string()
}

/// Chapter `n`'s page shows its lesson (title, summary, sections), its play levels, and its code,
/// expected log and Python twin, each from the course's files.
pub fn the_lesson_code_log_and_twin_are_shown(n: u32, name: &str, dir: &Path, found: &str) {
    let values = |key: &str| probed(found, key);
    let ctx = format!("chapter {n}'s page shows:\n{found}");
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
}

/// What a chapter page's check needs to take its screenshots.
pub struct Shot<'a> {
    pub exe: &'a Path,
    pub profile: &'a Path,
    pub port: u16,
    pub shots: &'a Path,
}

/// The probe's `key=value` lines for `key`.
pub fn probed<'a>(found: &'a str, key: &str) -> Vec<&'a str> {
    found
        .lines()
        .filter_map(|l| l.strip_prefix(key)?.strip_prefix('='))
        .collect()
}

/// Chapter `n`'s code beside its twin at both widths, its timeline picture loaded and painted,
/// and screenshots of the page and the picture to look at.
pub fn the_picture_is_painted_and_the_page_shot(
    n: u32,
    name: &str,
    page: &str,
    found: &str,
    shot: &Shot,
) {
    let values = |key: &str| probed(found, key);
    let ctx = format!("chapter {n}'s page ({page}) shows:\n{found}");
    let (exe, profile, port, shots) = (shot.exe, shot.profile, shot.port, shot.shots);
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
        let mut cmd = browser(exe, profile);
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
