//! The book's pictures: every chapter run once, recorded and checked, and drawn as an SVG in
//! `book/src/timelines/` (a build product, ignored by git: each build draws its own runs).

use std::path::Path;

use timeline::svg;

use crate::cli::{Ctx, Fail};

/// Run and draw every chapter; the names of those whose run did not show its lesson (their
/// picture is not drawn, and an older one is removed: the book never shows a failed run as the
/// lesson).
pub fn draw(ctx: &Ctx, dir: &Path) -> Result<Vec<String>, Fail> {
    let chapters = ctx.select(None)?;
    let exes = ctx.cargo().chapters(&chapters)?;
    std::fs::create_dir_all(dir)
        .map_err(|e| Fail::Broken(format!("cannot make {}: {e}", dir.display())))?;
    let mut failed = Vec::new();
    for (i, (c, exe)) in chapters.iter().zip(&exes).enumerate() {
        println!("  recording {} ({} of {})", c.name, i + 1, chapters.len());
        let path = dir.join(format!("{}.svg", c.name));
        match ctx.run_recorded(c, exe)? {
            Some(t) => {
                let title = format!("{}: a run recorded by cargo xtask book", c.name);
                std::fs::write(&path, svg::svg(&[(&title, &t)]))
                    .map_err(|e| Fail::Broken(format!("cannot write {}: {e}", path.display())))?;
            }
            None => {
                let _ = std::fs::remove_file(&path);
                failed.push(c.name.clone());
            }
        }
    }
    Ok(failed)
}
