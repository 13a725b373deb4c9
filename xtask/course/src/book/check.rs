//! `cargo xtask book --check`: the committed sources are what the course makes, and every page
//! the summary names, every file a page includes and every file a page links to is there.

use std::path::{Path, PathBuf};

use super::pages::{self, Page, SRC, TIMELINES};
use crate::Chapter;

/// What is wrong with the book's sources, one line each (empty when nothing is).
pub fn problems(root: &Path, chapters: &[Chapter], made: &[Page], intro: &str) -> Vec<String> {
    let mut out = Vec::new();
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    let redo = "run `cargo xtask book --pages` and commit the result";
    for c in chapters {
        let page = root.join(SRC).join(pages::chapter_page(c));
        if !page.is_file() {
            out.push(format!(
                "{} has no page ({} is missing): {redo}",
                c.name,
                rel(&page)
            ));
        }
    }
    for p in made {
        match std::fs::read_to_string(&p.path) {
            Ok(text) if text == p.text => {}
            Ok(_) => out.push(format!(
                "{} differs from what the course makes of it: {redo}",
                rel(&p.path)
            )),
            // A chapter page that is missing is said above.
            Err(_)
                if chapters
                    .iter()
                    .any(|c| p.path.ends_with(pages::chapter_page(c))) => {}
            Err(_) => out.push(format!("{} is missing: {redo}", rel(&p.path))),
        }
    }
    // A generated page no chapter makes any more (its chapter or solution was removed).
    for folder in ["chapters", "solutions"] {
        let dir = root.join(SRC).join(folder);
        for page in md_files(&dir) {
            if !made.iter().any(|p| p.path == page) {
                out.push(format!(
                    "{} belongs to no chapter of the course: remove it, or {redo}",
                    rel(&page)
                ));
            }
        }
    }
    let intro_path = root.join(SRC).join(pages::INTRO);
    match std::fs::read_to_string(&intro_path) {
        Ok(text) => match crate::map::with_table(&text, intro) {
            Ok(new) if new == text => {}
            Ok(_) => out.push(format!(
                "the chapter table of {} is out of date: {redo}",
                rel(&intro_path)
            )),
            Err(e) => out.push(format!("{}: {e}", rel(&intro_path))),
        },
        Err(_) => out.push(format!("{} is missing", rel(&intro_path))),
    }
    // Every include and link of every page, generated or written by hand, as the pages are on
    // disk (or as they would be made, for a page that is missing).
    let mut all: Vec<(PathBuf, String)> = md_files(&root.join(SRC))
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect();
    for p in made {
        if !all.iter().any(|(path, _)| *path == p.path) {
            all.push((p.path.clone(), p.text.clone()));
        }
    }
    all.sort();
    for (page, text) in &all {
        let dir = page.parent().unwrap_or(root);
        for target in includes(text) {
            if !normal(&dir.join(&target)).is_file() {
                out.push(format!("{} includes {target}, which is missing", rel(page)));
            }
        }
        for target in links(text) {
            if let Some(name) = recorded(dir, root, &target) {
                if !chapters.iter().any(|c| c.name == name) {
                    out.push(format!(
                        "{} shows the timeline of {name}, which is no chapter",
                        rel(page)
                    ));
                }
            } else if !normal(&dir.join(&target)).exists() {
                out.push(format!("{} links to {target}, which is missing", rel(page)));
            }
        }
    }
    out
}

/// The chapter whose recorded timeline `target` (linked from a page in `dir`) is: the build
/// makes those, so they are checked against the chapters, not the disk.
fn recorded(dir: &Path, root: &Path, target: &str) -> Option<String> {
    let path = normal(&dir.join(target));
    let rest = path
        .strip_prefix(normal(&root.join(SRC).join(TIMELINES)))
        .ok()?;
    rest.to_str()?.strip_suffix(".svg").map(str::to_string)
}

/// `a/b/../c` as `a/c` (without touching the disk: the file may not exist).
fn normal(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in p.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The `.md` files under `dir`, sorted (none when it does not exist).
fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The files a page includes: `{{#include FILE}}` or `{{#include FILE:range}}`.
pub fn includes(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("{{#include ") {
        rest = &rest[i + "{{#include ".len()..];
        let Some(end) = rest.find("}}") else { break };
        let spec = rest[..end].trim();
        out.push(spec.split(':').next().unwrap_or(spec).to_string());
        rest = &rest[end..];
    }
    out
}

/// The local files a page links to: markdown links and images `](target)` outside code,
/// without their `#fragment`; web addresses and bare fragments are not files.
pub fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Inline code is not a link.
        let prose: String = line
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ");
        let mut rest = prose.as_str();
        while let Some(i) = rest.find("](") {
            rest = &rest[i + 2..];
            let Some(end) = rest.find(')') else { break };
            let target = rest[..end].split_whitespace().next().unwrap_or("");
            let file = target.split('#').next().unwrap_or("");
            if !file.is_empty() && !file.contains("://") && !file.starts_with("mailto:") {
                out.push(file.to_string());
            }
            rest = &rest[end..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn includes_and_links_are_found_outside_code() {
        let page = "{{#include ../a.rs:3:}}\nsee [b](b.md#x), [web](https://x.org) and \
                    [here](#top)\n`[not](c.md)`\n```text\n[nor](d.md)\n```\n![pic](e.svg)\n";
        assert_eq!(includes(page), ["../a.rs"]);
        assert_eq!(links(page), ["b.md", "e.svg"]);
    }

    #[test]
    fn a_recorded_timeline_is_named_by_its_chapter() {
        let root = Path::new("/w");
        let dir = root.join(SRC).join("chapters");
        assert_eq!(
            recorded(&dir, root, "../timelines/ch08_x.svg").as_deref(),
            Some("ch08_x")
        );
        assert_eq!(recorded(&dir, root, "../reference/a.md"), None);
    }
}
