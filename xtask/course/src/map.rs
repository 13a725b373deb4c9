//! The README's chapter map, made from the chapters' docs: a row a chapter, its title, the
//! first line of its "Python original", its twin and how to run it, between two markers of the
//! README (and of the book's introduction); and the runs the README's pictures draw
//! ([`PICTURES`]).

use std::path::Path;

use crate::{Chapter, Error};

/// The README's chapter map, made from the chapters' docs, with each chapter's Python twin
/// (under `root`) where it has one.
pub fn table(chapters: &[Chapter], root: &Path) -> String {
    let mut s = String::from(
        "| Chapter | Lesson | Python original | Python twin | Run it |\n| --- | --- | --- | --- | --- |\n",
    );
    for c in chapters {
        let original = c.lesson.original();
        let twin = if c.twin_script(root).is_file() {
            format!(
                "[`{0}.py`](python/{0}.py), `cargo xtask compare {1}`",
                c.name,
                c.short()
            )
        } else {
            "none yet".to_string()
        };
        s += &format!(
            "| `{}` | {} | {} | {twin} | `cargo run -p {}` |\n",
            c.name, c.lesson.title, original, c.name
        );
    }
    s
}

/// How the README's chapter map stands against the chapters' docs.
#[derive(Debug, PartialEq, Eq)]
pub enum Map {
    /// It is what the docs make.
    Current,
    /// It is not, and was left as it is (a check).
    Stale,
    /// It was not, and is rewritten.
    Rewritten,
}

/// The README under `root` against the map the `chapters`' docs make: rewritten when it
/// differs, unless `check`.
pub fn readme(root: &Path, chapters: &[Chapter], check: bool) -> crate::Result<Map> {
    let path = root.join("README.md");
    let old = std::fs::read_to_string(&path).map_err(|e| Error::Read(path.clone(), e))?;
    let new = with_table(&old, &table(chapters, root))?;
    if new == old {
        return Ok(Map::Current);
    }
    if check {
        return Ok(Map::Stale);
    }
    std::fs::write(&path, new).map_err(|e| Error::Write(path, e))?;
    Ok(Map::Rewritten)
}

/// Put `table` between the README's chapter-map markers.
pub fn with_table(readme: &str, table: &str) -> crate::Result<String> {
    const START: &str = "<!-- chapters:start -->\n";
    const END: &str = "<!-- chapters:end -->";
    let a = readme
        .find(START)
        .ok_or(Error::NoMarker("<!-- chapters:start -->"))?
        + START.len();
    let b = readme[a..]
        .find(END)
        .ok_or(Error::NoMarker("<!-- chapters:end -->"))?
        + a;
    Ok(format!("{}{}{}", &readme[..a], table, &readme[b..]))
}

/// The README's pictures, which `cargo xtask timeline --svg` draws from fresh runs: a file in
/// `docs/`, and its panels (a title, and the chapter or fixture run).
pub const PICTURES: &[(&str, &[(&str, &str)])] = &[
    (
        "timeline-ch01.svg",
        &[
            (
                "ch01_spawn_join: spawn all three, then join each: they sleep side by side",
                "ch01_spawn_join",
            ),
            (
                "the join inside the loop (xtask/fixtures/fx_join_in_loop): one after another",
                "fx_join_in_loop",
            ),
        ],
    ),
    (
        "timeline-ch03.svg",
        &[(
            "ch03_thread_pool: a pool of 3 workers, then a pool of 2: job 2 waits for a worker",
            "ch03_thread_pool",
        )],
    ),
    (
        "timeline-ch05.svg",
        &[(
            "ch05_lock_fix: Thread 1 waits for the lock until Thread 0's release wakes it",
            "ch05_lock_fix",
        )],
    ),
    (
        "timeline-ch07.svg",
        &[(
            "ch07_deadlock: a lock taken twice, two locks in opposite orders, then in one order",
            "ch07_deadlock",
        )],
    ),
    (
        "timeline-ch15.svg",
        &[(
            "ch15_semaphore: 6 jobs, 2 permits: a job waits until a finishing one gives its permit back",
            "ch15_semaphore",
        )],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_goes_between_the_markers_and_nowhere_else() {
        let readme = "# C\n<!-- chapters:start -->\nold\n<!-- chapters:end -->\nafter\n";
        assert_eq!(
            with_table(readme, "new\n").unwrap(),
            "# C\n<!-- chapters:start -->\nnew\n<!-- chapters:end -->\nafter\n"
        );
        assert!(
            with_table("# C\n", "new\n")
                .unwrap_err()
                .to_string()
                .contains("chapters:start")
        );
    }
}
