//! `cargo xtask book [--check] [--open]`: the course as an mdBook, made from the course itself.
//!
//! The sources are in `book/`: `book.toml`, the hand-written pages (the introduction and the
//! reference, `book/src/reference/`) and the generated ones (the summary, a page a chapter and a
//! page a solution, see [`pages`]), which are committed so that a change to a chapter shows in
//! its page's diff and `--check` can tell a stale page, as `readme --check` does for the
//! README's map. The pictures are recorded runs, different at each build, so they are not
//! committed: the build records every chapter and draws it ([`timelines`]). The HTML goes into
//! `target/book/`.

/// A line of the command's own, wrapped to the terminal's width (as is, when piped).
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", textfit::wrap(&format!($($arg)*), crate::ui::term::width()))
    };
}

mod mdbook;
mod play;
mod timelines;

use course::book::{check, pages};

use crate::cli::{Cmd, Ctx, Fail, Flag, flags};

pub struct Book {
    check: bool,
    open: bool,
    pages: bool,
}

impl Cmd for Book {
    const NAME: &'static str = "book";
    const HELP: &'static str = "write the book's pages from the chapters, record and draw a run of
each, export each level's game from the play engine, and build the book's HTML with mdBook
(installed once when missing) into target/book";
    const FLAGS: &'static [Flag] = &[
        (
            "check",
            "",
            "only check that every chapter has its page, every page is current, every \
             included or linked file is there, and each game exported is that of its code",
        ),
        ("open", "", "then print the path of the book's first page"),
        (
            "pages",
            "",
            "only write the pages from the chapters (no runs, no mdBook): after editing a chapter",
        ),
    ];

    const MAINTAINERS: bool = true;
    type Flags = flags::Book;

    fn parse(given: flags::Book) -> Result<Self, Fail> {
        Ok(Book {
            check: given.check,
            open: given.open,
            pages: given.pages,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let made = pages::generate(&ctx.root, &ctx.chapters)?;
        let intro = pages::intro_table(&ctx.root, &ctx.chapters);
        if self.check {
            let mut problems = check::problems(&ctx.root, &ctx.chapters, &made, &intro);
            // Each level's game, once a build exported them, is still that of its code.
            match course::book::games::problems(&ctx.root) {
                Some(p) => problems.extend(p),
                None => say!("book: {}", course::book::games::UNBUILT),
            }
            for p in &problems {
                say!("book: {p}");
            }
            if problems.is_empty() {
                say!(
                    "book: every chapter has its page, every page is current, every included \
                     and linked file is there"
                );
            }
            return Ok(problems.is_empty());
        }
        say!("book: writing the pages from the chapters");
        pages::write(&ctx.root, &made, &intro)?;
        let problems = check::problems(&ctx.root, &ctx.chapters, &made, &intro);
        if !problems.is_empty() {
            for p in &problems {
                say!("book: {p}");
            }
            return Ok(false);
        }
        if self.pages {
            say!("book: the pages are written; `cargo xtask book` builds the book");
            return Ok(true);
        }
        let mdbook = mdbook::find_or_install(ctx)?;
        say!("book: recording a run of every chapter for its page");
        let pictures = ctx.root.join(pages::SRC).join(pages::TIMELINES);
        let failed = timelines::draw(ctx, &pictures)?;
        say!("book: exporting each level's game from the play engine");
        for w in play::export(ctx)? {
            // Its schedules: every one, or every one with at most so many preemptions.
            let set = match w.preemptions {
                None => "every schedule".to_string(),
                Some(k) => format!("at most {k} preemptions"),
            };
            println!(
                "  {:<18} {:>7} bytes {:>6} positions, {set}",
                w.id, w.bytes, w.positions
            );
        }
        let dest = course::build::target_dir(&ctx.root).join("book");
        say!("book: building the HTML with {}", mdbook.display());
        mdbook::build(&mdbook, &ctx.root.join(pages::BOOK), &dest)?;
        let first = dest.join("index.html");
        say!("{}", crate::ui::failures::book_built(&dest, &failed));
        if self.open {
            println!("file://{}", first.display());
        }
        Ok(failed.is_empty())
    }
}
