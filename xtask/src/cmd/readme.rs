//! `cargo xtask readme [--check]`: the README's chapter map, made from the chapters' docs.

use std::path::Path;

use crate::cli::{Cmd, Ctx, Fail, Flag, Given};
use crate::course::Chapter;

pub struct Readme {
    check: bool,
}

impl Cmd for Readme {
    const NAME: &'static str = "readme";
    const HELP: &'static str =
        "rewrite (or check) the README's chapter map from the chapters' docs";
    const FLAGS: &'static [Flag] = &[("check", "", "only check that the map is up to date")];

    fn parse(given: &mut Given) -> Result<Self, String> {
        Ok(Readme {
            check: given.flag("check"),
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let path = ctx.root.join("README.md");
        let old = std::fs::read_to_string(&path)
            .map_err(|e| Fail::Usage(format!("cannot read {}: {e}", path.display())))?;
        let new = with_table(&old, &table(&ctx.chapters, &ctx.root)).map_err(Fail::Usage)?;
        if new == old {
            println!("README.md: the chapter map is up to date");
        } else if self.check {
            println!("README.md: the chapter map is out of date; run `cargo xtask readme`");
            return Ok(false);
        } else {
            std::fs::write(&path, new)
                .map_err(|e| Fail::Broken(format!("cannot write {}: {e}", path.display())))?;
            println!("README.md: chapter map rewritten from the chapters' docs");
        }
        Ok(true)
    }
}

/// The README's chapter map, made from the chapters' docs, with each chapter's Python twin
/// (under `root`) where it has one.
pub fn table(chapters: &[Chapter], root: &Path) -> String {
    let mut s = String::from(
        "| Chapter | Lesson | Python original | Python twin | Run it |\n| --- | --- | --- | --- | --- |\n",
    );
    for c in chapters {
        let original = c
            .lesson
            .section("Python original")
            .and_then(|t| t.lines().next())
            .unwrap_or("");
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

/// Put `table` between the README's chapter-map markers.
pub fn with_table(readme: &str, table: &str) -> Result<String, String> {
    const START: &str = "<!-- chapters:start -->\n";
    const END: &str = "<!-- chapters:end -->";
    let a = readme
        .find(START)
        .ok_or("README.md has no `<!-- chapters:start -->` line")?
        + START.len();
    let b = readme[a..]
        .find(END)
        .ok_or("README.md has no `<!-- chapters:end -->` line")?
        + a;
    Ok(format!("{}{}{}", &readme[..a], table, &readme[b..]))
}

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
                .contains("chapters:start")
        );
    }
}
