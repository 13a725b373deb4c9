//! The book's generated sources, made from the course itself: the summary, a page a chapter and
//! a page a solution, and the chapter table of the introduction. Every piece of code, log and
//! note is an mdBook `{{#include}}` of the course's own file, so the book cannot drift from it;
//! only the lessons' `//!` docs are copied (mdBook cannot strip their `//!`), and
//! `cargo xtask book --check` fails when a copy is stale.

use std::path::{Path, PathBuf};

use crate::chapter::parse_lesson;
use crate::{Chapter, Error};

/// The book's folder in the workspace, and its pages' folder in it.
pub const BOOK: &str = "book";
pub const SRC: &str = "book/src";
/// Where the build puts each chapter's recorded timeline (`timelines/<name>.svg` under `SRC`);
/// made by `cargo xtask book`, ignored by git: a picture of a run, not a source.
pub const TIMELINES: &str = "timelines";

/// The hand-written pages, after the chapters: `(title, file under SRC)`. The text that was the
/// README's manual lives there.
pub const REFERENCE: &[(&str, &str)] = &[
    ("The Python originals", "reference/originals.md"),
    ("The runner: cargo xtask", "reference/runner.md"),
    ("How a chapter is checked", "reference/checking.md"),
    ("The Python twins", "reference/twins.md"),
    ("Seeing the threads: timelines", "reference/timelines.md"),
    (
        "Proofs: every schedule, and what does not compile",
        "reference/proofs.md",
    ),
    ("Performance", "reference/performance.md"),
    ("Layout", "reference/layout.md"),
];

/// The introduction (hand-written, with a generated chapter table between markers).
pub const INTRO: &str = "introduction.md";

/// The course's two parts: part one follows the two Python lessons, part two is the rest of the
/// toolbox. A chapter past the last bound is in part two.
const PARTS: &[(&str, u32)] = &[
    ("Part one: the two Python lessons", 10),
    ("Part two: the rest of the toolbox", u32::MAX),
];

/// A generated file: its path under the workspace and its text.
pub struct Page {
    pub path: PathBuf,
    pub text: String,
}

/// The chapter's page, under `SRC`.
pub fn chapter_page(c: &Chapter) -> String {
    format!("chapters/{}.md", c.name)
}

/// The exercise of chapter `c` (`exercises/NN_name`), if it has one.
pub fn exercise_dir(root: &Path, c: &Chapter) -> Option<PathBuf> {
    let n = c.number()?;
    let rest = c.name.split_once('_')?.1;
    let dir = root.join("exercises").join(format!("{n:02}_{rest}"));
    dir.join("src/main.rs").is_file().then_some(dir)
}

/// Every generated file of the book, made from the course at `root`.
pub fn generate(root: &Path, chapters: &[Chapter]) -> crate::Result<Vec<Page>> {
    let mut pages = vec![Page {
        path: root.join(SRC).join("SUMMARY.md"),
        text: summary(root, chapters),
    }];
    for c in chapters {
        pages.push(Page {
            path: root.join(SRC).join(chapter_page(c)),
            text: chapter(root, c)?,
        });
        if let Some(ex) = exercise_dir(root, c) {
            let name = dir_name(&ex);
            let sol = root.join("solutions").join(&name);
            if sol.join("NOTE.md").is_file() {
                pages.push(Page {
                    path: root.join(SRC).join("solutions").join(format!("{name}.md")),
                    text: solution(root, c, &sol)?,
                });
            }
        }
    }
    Ok(pages)
}

fn dir_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `SUMMARY.md`: the introduction, the chapters by part (each with its solution), the
/// reference pages.
fn summary(root: &Path, chapters: &[Chapter]) -> String {
    let mut s = String::from("# Summary\n\n[Introduction](introduction.md)\n");
    let mut part = None;
    for c in chapters {
        let n = c.number().unwrap_or(0);
        let here = PARTS.iter().position(|&(_, last)| n <= last);
        if here != part {
            part = here;
            if let Some(i) = here {
                s += &format!("\n# {}\n\n", PARTS[i].0);
            }
        }
        s += &format!("- [{}]({})\n", chapter_title(c), chapter_page(c));
        if let Some(ex) = exercise_dir(root, c) {
            let name = dir_name(&ex);
            if root.join("solutions").join(&name).join("NOTE.md").is_file() {
                s += &format!("  - [Exercise {}: the solution](solutions/{name}.md)\n", n);
            }
        }
    }
    s += "\n# Reference\n\n";
    for (title, file) in REFERENCE {
        s += &format!("- [{title}]({file})\n");
    }
    s
}

/// `8. The forgotten lock`.
fn chapter_title(c: &Chapter) -> String {
    match c.number() {
        Some(n) => format!("{n}. {}", c.lesson.title),
        None => c.lesson.title.clone(),
    }
}

/// The path from a page two folders down in `SRC` (`chapters/x.md`) to `file` of the workspace.
fn up(file: &str) -> String {
    format!("../../../{file}")
}

/// A fenced block that includes `file` (from line `from`, 1-based, when given).
fn include(lang: &str, file: &str, from: Option<usize>) -> String {
    let range = from.map(|n| format!(":{n}:")).unwrap_or_default();
    format!("```{lang}\n{{{{#include {}{range}}}}}\n```\n", up(file))
}

/// The first line after a source's `//!` doc (and the blank lines after it), 1-based: where
/// the code starts once the lesson is told.
fn after_doc(source: &str) -> usize {
    source
        .lines()
        .position(|l| {
            let l = l.trim_start();
            !l.starts_with("//!") && !l.is_empty()
        })
        .map_or(1, |i| i + 1)
}

fn read(root: &Path, file: &str) -> crate::Result<String> {
    std::fs::read_to_string(root.join(file)).map_err(|e| Error::Source(file.into(), e))
}

/// A chapter's page: the lesson, how to run it, its expected log, a recorded run drawn, its code
/// beside its Python twin, its exercise.
fn chapter(root: &Path, c: &Chapter) -> crate::Result<String> {
    // The chapter's folder as the workspace names it (`chapters/chNN_name`, or wherever
    // `--course-dir` found it), with `/` between its parts as the pages write them.
    let dir = c.dir.strip_prefix(root).unwrap_or(&c.dir);
    let dir: Vec<String> = dir
        .components()
        .map(|p| p.as_os_str().to_string_lossy().into_owned())
        .collect();
    let dir = dir.join("/");
    let mut s = format!("# {}\n\n", chapter_title(c));
    s += &format!(
        "<!-- Made by `cargo xtask book` from {dir}'s doc and the course's files: edit those, not \
         this page. -->\n\n"
    );
    s += &c.lesson.summary;
    s += "\n";
    for (heading, text) in &c.lesson.sections {
        s += &format!("\n## {heading}\n\n{text}\n");
    }
    let twin = format!("python/{}.py", c.name);
    let has_twin = root.join(&twin).is_file();
    s += &run_it(c, has_twin);
    s += &the_check(root, c, &dir);
    s += &format!(
        "\n## A real run, drawn\n\nThe run `cargo xtask book` recorded and checked when it made \
         this book: one lane a thread, what each did and when \
         ([how a run is recorded](../reference/timelines.md)).\n\n![A recorded run of {name}: its threads, one lane each, on the lesson's time \
         axis](../{TIMELINES}/{name}.svg)\n",
        name = c.name
    );
    let levels: Vec<_> = crate::levels::listed(root)
        .unwrap_or_default()
        .into_iter()
        .filter(|l| l.chapter == c.name)
        .collect();
    if !levels.is_empty() {
        s += &play_section(&levels);
    }
    s += &code(root, &dir, has_twin.then_some(twin.as_str()))?;
    if let Some(ex) = exercise_dir(root, c) {
        let n = c.number().map_or_else(|| c.name.clone(), |n| n.to_string());
        s += &exercise(root, &dir_name(&ex), &n)?;
    }
    Ok(s)
}

/// The chapter page's `## Run it`: the commands that run it, each with what it does.
fn run_it(c: &Chapter, has_twin: bool) -> String {
    let short = c.short();
    let mut run = vec![
        (
            format!("cargo run -p {}", c.name),
            "the lesson, on the clock of the day",
        ),
        (
            format!("cargo xtask run {short}"),
            "run it and check it against its expected log",
        ),
        (
            format!("cargo xtask run {short} --timeline"),
            "and draw its threads",
        ),
    ];
    if has_twin {
        run.push((
            format!("cargo xtask compare {short}"),
            "beside its Python twin",
        ));
    }
    let wide = run.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    let mut s = "\n## Run it\n\n```sh\n".to_string();
    for (command, what) in run {
        s += &format!("{command:<wide$}  # {what}\n");
    }
    s + "```\n"
}

/// The chapter page's expected log (and its twin's, where that is its own).
fn the_check(root: &Path, c: &Chapter, dir: &str) -> String {
    let mut s = format!(
        "\n## The check: its expected log\n\n`{dir}/expected.log`, on the lesson clock. \
         `[..]` stands for what honestly varies between correct runs; every time must match to \
         the second, and lines at the same second may come in any order \
         ([how a chapter is checked](../reference/checking.md)).\n\n"
    );
    s += &include("text", &format!("{dir}/expected.log"), None);
    let own = format!("python/expected/{}.log", c.name);
    if root.join(&own).is_file() {
        s += &format!(
            "\nHere the lesson is that Python differs: its twin is checked against a log of its \
             own, `{own}`.\n\n"
        );
        s += &include("text", &own, None);
    }
    s
}

/// The chapter page's code: its `lib.rs` and its `main.rs` after the doc, beside its `twin`.
fn code(root: &Path, dir: &str, twin: Option<&str>) -> crate::Result<String> {
    let mut s = "\n## The code".to_string();
    if twin.is_some() {
        s += ", beside its Python twin";
    }
    s += "\n\n<div class=\"twins\">\n<div>\n\n";
    let lib = format!("{dir}/src/lib.rs");
    if root.join(&lib).is_file() {
        s += &format!("`{lib}`\n\n");
        s += &include("rust", &lib, None);
        s += "\n";
    }
    // A runner's fixture keeps its `main.rs` at the top of its folder.
    let main = ["src/main.rs", "main.rs"]
        .iter()
        .map(|f| format!("{dir}/{f}"))
        .find(|f| root.join(f).is_file())
        .unwrap_or_else(|| format!("{dir}/src/main.rs"));
    s += &format!("`{main}`, after its doc (the lesson above)\n\n");
    s += &include("rust", &main, Some(after_doc(&read(root, &main)?)));
    s += "\n</div>\n";
    if let Some(twin) = twin {
        s += &format!("<div>\n\n`{twin}`\n\n");
        s += &include("python", twin, None);
        s += "\n</div>\n";
    }
    s += "</div>\n";
    Ok(s)
}

/// The chapter page's exercise, `exercises/{name}/`: its task, how to check it, its hint.
fn exercise(root: &Path, name: &str, n: &str) -> crate::Result<String> {
    let main = format!("exercises/{name}/src/main.rs");
    let task = parse_lesson(&read(root, &main)?);
    let mut s = "\n## Your turn: the exercise\n\n".to_string();
    if !task.title.is_empty() {
        s += &format!("**{}.** ", task.title);
    }
    s += &format!("{}\n", task.summary);
    if let Some(t) = task.section("Your task") {
        s += &format!("\n{t}\n");
    }
    s += &format!(
        "\nThe exercise is `exercises/{name}/`; `cargo xtask check {n}` judges your fix, \
         `cargo xtask watch` judges it again at each save, `cargo xtask reset {n}` puts it \
         back.\n"
    );
    if let Some(h) = task.section("Hint") {
        s += &format!("\n<details>\n<summary>A hint</summary>\n\n{h}\n\n</details>\n");
    }
    if root.join("solutions").join(name).join("NOTE.md").is_file() {
        s += &format!(
            "\nOnce it passes: [the reference solution, and why it is right]\
             (../solutions/{name}.md).\n"
        );
    }
    Ok(s)
}

/// A chapter's "Play it" section: the game of each of its levels, played on the page from the
/// data the build exported (`play/<id>.js`, see `play.rs`), and the command that plays it in a
/// clone of the course.
fn play_section(levels: &[playproto::Level]) -> String {
    let mut s = String::from(
        "\n## Play it: be the scheduler\n\nThe chapter's own code, in a scenario of two or three \
         threads: you choose which thread takes each step, until the lesson's bug happens, or, \
         where the level is a fix, until the program ends; then the model runs the schedules of \
         its search and says which it ran and what it found ([how to \
         play](../introduction.md#be-the-scheduler-cargo-xtask-play)). A thread's button, or its \
         number key, steps it to its next scheduling point (a lock, a release, a wait, a notify, \
         an atomic access); `u` undoes a step, `r` restarts, `h` hints. The game was worked out \
         from the chapter's code on the play runtime when this book was built, so the page needs \
         nothing installed. In a clone of the course the same game runs in the terminal:\n\n\
         ```sh\n",
    );
    for l in levels {
        s += &format!("cargo xtask play {}\n", l.id);
    }
    s += "```\n";
    for l in levels {
        let fix = if l.fixed.is_some() { " (a fix)" } else { "" };
        s += &format!(
            "\n`{id}`{fix}: {title}\n\n<div class=\"play\" data-level=\"{id}\"></div>\n\
             <script src=\"../play/{id}.js\"></script>\n",
            id = l.id,
            title = l.title
        );
    }
    s
}

/// A solution's page: its NOTE.md and each of its files, included.
fn solution(root: &Path, c: &Chapter, sol: &Path) -> crate::Result<String> {
    let name = dir_name(sol);
    let n = c.number().unwrap_or(0);
    let mut s = format!(
        "# Exercise {n}: the solution\n\n<!-- Made by `cargo xtask book` from solutions/{name}/: \
         edit those files, not this page. -->\n\nTry [the exercise](../{}) first: `cargo xtask \
         check {n}`.\n\n",
        chapter_page(c)
    );
    s += &format!(
        "{{{{#include {}}}}}\n",
        up(&format!("solutions/{name}/NOTE.md"))
    );
    let mut files = Vec::new();
    walk(sol, &mut files).map_err(|e| Error::Source(sol.into(), e))?;
    files.sort();
    for f in files {
        let rel = f
            .strip_prefix(root)
            .unwrap_or(&f)
            .to_string_lossy()
            .into_owned();
        if rel.ends_with("NOTE.md") {
            continue;
        }
        let lang = match f.extension().and_then(|e| e.to_str()) {
            Some("rs") => "rust",
            Some("toml") => "toml",
            _ => "text",
        };
        s += &format!("\n`{rel}`\n\n");
        s += &include(lang, &rel, None);
    }
    Ok(s)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

/// Write the generated pages that changed, and the introduction's chapter table `intro`.
pub fn write(root: &Path, made: &[Page], intro: &str) -> crate::Result<()> {
    for p in made {
        if std::fs::read_to_string(&p.path).ok().as_deref() == Some(p.text.as_str()) {
            continue;
        }
        if let Some(dir) = p.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::Write(dir.to_path_buf(), e))?;
        }
        std::fs::write(&p.path, &p.text).map_err(|e| Error::Write(p.path.clone(), e))?;
    }
    let path = root.join(SRC).join(INTRO);
    let old = std::fs::read_to_string(&path).map_err(|e| Error::Read(path.clone(), e))?;
    let new = crate::map::with_table(&old, intro)?;
    if new != old {
        std::fs::write(&path, new).map_err(|e| Error::Write(path, e))?;
    }
    Ok(())
}

/// The introduction's chapter table: each chapter's page, its lesson, the Python it mirrors,
/// and the levels to play on its page (each marked once won, in this browser: `play.js`).
pub fn intro_table(root: &Path, chapters: &[Chapter]) -> String {
    let mut s = String::from("| Chapter | Python original | Play it |\n| --- | --- | --- |\n");
    for c in chapters {
        let original = c.lesson.original();
        let levels: Vec<String> = crate::levels::levels_of(root, &c.name)
            .iter()
            .map(|id| format!("`{id}` <span class=\"play-mark\" data-level=\"{id}\"></span>"))
            .collect();
        s += &format!(
            "| [{}]({}) | {original} | {} |\n",
            chapter_title(c),
            chapter_page(c),
            levels.join(" ")
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_starts_after_the_lesson() {
        let src = "//! # T\n//!\n//! text\n\n#![forbid(unsafe_code)]\n\nfn main() {}\n";
        assert_eq!(after_doc(src), 5);
        assert_eq!(after_doc("fn main() {}\n"), 1);
    }

    #[test]
    fn an_include_climbs_from_the_page_to_the_workspace() {
        assert_eq!(
            include("rust", "chapters/a/src/main.rs", Some(7)),
            "```rust\n{{#include ../../../chapters/a/src/main.rs:7:}}\n```\n"
        );
    }
}
