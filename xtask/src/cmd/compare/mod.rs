//! `cargo xtask compare <chapter>`: a chapter and its Python twin, run one after the other on the
//! lesson clock, their logs side by side (one under the other on a narrow terminal), lines
//! paired, differences marked; then what the difference means: the "Side by side" sentences of
//! the chapter's lesson, or of the twin's docstring while the lesson has none. `course::pair`
//! pairs the lines; `layout.rs` lays them out.

mod layout;

use std::io::Write as _;
use std::path::Path;

use course::pair::pair;
use layout::{WIDE, legend, one_under_other, side_by_side};

use crate::cli::{Cmd, Ctx, Fail, flags, need_chapter};
use crate::ui::failures;
use crate::ui::term::Style;
use crate::ui::term::style::CYAN;
use course::Chapter;
use course::launch::Run;
use course::verdict::{self, Verdict, judge};

pub struct Compare {
    chapter: String,
}

impl Cmd for Compare {
    const NAME: &'static str = "compare";
    const ARGS: &'static str = "<chapter>";
    const HELP: &'static str =
        "run a chapter and its Python twin, and show their logs side by side";

    type Flags = flags::Compare;

    fn parse(given: flags::Compare) -> Result<Self, Fail> {
        Ok(Compare {
            chapter: need_chapter(Self::NAME, given.chapter)?,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let c = ctx.select(Some(&self.chapter))?[0];
        // Everything that can be wrong with the command is found before anything runs.
        let twin = ctx.cargo().twins(&[c])?.remove(0)?;
        let (twin_log, twin_expected) = verdict::twin_expected(c, &ctx.root)?;
        let expected = verdict::expected(c)?;
        let exe = ctx.cargo().chapters(&[c])?.remove(0);
        let style = ctx.opts.style;
        let script = format!("python/{}.py", c.name);

        let w = crate::ui::term::width().unwrap_or(80);
        let head = format!(
            "{}: the chapter and its Python twin, on the lesson clock",
            c.name
        );
        for l in textfit::wrap(&head, Some(w)).lines() {
            println!("{}", style.paint(CYAN, l));
        }
        let rust = timed(&format!("Running {} (Rust)", c.name), || {
            ctx.run_once(&exe, false)
        })?;
        let python = timed(&format!("Running python3 {script}"), || {
            ctx.run(&twin, ctx.twin_limit(), course::launch::Echo::Quiet)
        })?;
        let rv = judge(&expected, rust);
        let pv = judge(&twin_expected, python);
        println!();
        let rel = |p: &Path| p.strip_prefix(&ctx.root).unwrap_or(p).to_path_buf();
        let (chapter_log, twin_log) = (rel(&c.expected_log()), rel(&twin_log));
        status(
            style,
            w,
            "Rust",
            &rv,
            &chapter_log,
            &format!("cargo xtask run {}", c.short()),
        );
        status(
            style,
            w,
            "Python",
            &pv,
            &twin_log,
            &format!("cargo xtask run {} --python", c.short()),
        );

        println!();
        let rows = pair(&rv.actual, &pv.actual);
        let titles = (format!("Rust: {}", c.name), format!("Python: {script}"));
        let lines = if w >= WIDE {
            side_by_side(&rv.actual, &pv.actual, &rows, w, &titles, style)
        } else {
            one_under_other(&rv.actual, &pv.actual, &rows, w, &titles, style)
        };
        for l in legend(w) {
            println!("{}", style.paint(CYAN, &l));
        }
        for l in lines {
            println!("{l}");
        }

        println!("\n{}", style.paint(CYAN, "What the difference means"));
        let script_path = c.twin_script(&ctx.root);
        for l in meaning(c, &script_path, twin_log != chapter_log, &twin_log, w) {
            println!("{l}");
        }
        Ok(rv.passed() && pv.passed())
    }
}

/// Run `f`, saying what runs before and how long it took after: the Python bank twins take
/// seconds.
fn timed(what: &str, f: impl FnOnce() -> Result<Run, Fail>) -> Result<Run, Fail> {
    print!("{what} ... ");
    let _ = std::io::stdout().flush();
    let r = f()?;
    println!("{:.2}s", r.took.as_secs_f64());
    Ok(r)
}

/// One line on whether a side showed its lesson, and where to see why not.
fn status(style: Style, width: usize, side: &str, v: &Verdict, log: &Path, how: &str) {
    for l in failures::compare_status(style, width, side, v, log, how) {
        println!("{l}");
    }
}

/// What the difference means: the paragraph that begins "Side by side" in the chapter's lesson,
/// or else in the twin's docstring (one or two sentences, the same in both homes); then which
/// log the twin is held to.
fn meaning(c: &Chapter, twin: &Path, own_log: bool, twin_log: &Path, width: usize) -> Vec<String> {
    let said = course::pair::side_by_side(c, twin)
        .unwrap_or_else(|| "The twin tells the chapter's story in Python.".to_string());
    let mut out: Vec<String> = textfit::wrap(&said, Some(width))
        .lines()
        .map(String::from)
        .collect();
    out.push(String::new());
    let note = if own_log {
        format!(
            "The twin is held to a log of its own, {}, since here the lesson is that Python \
             differs.",
            twin_log.display()
        )
    } else {
        "The twin is held to the chapter's own expected log: the same story, line for line."
            .to_string()
    };
    out.extend(textfit::wrap(&note, Some(width)).lines().map(String::from));
    out
}

#[cfg(test)]
mod tests {
    use course::matcher::{Line, parse_output};

    /// A log as the matcher reads a run's output.
    pub(super) fn log(text: &str) -> Vec<Line> {
        parse_output(text)
    }

    /// A bank chapter's log and its twin's, for the pairing and the layouts.
    pub(super) const RUST: &str = "00:00:00: Bank: 6 accounts\n\
                        00:00:00: Bank: the check forgot the lock\n\
                        00:00:00: Bank: transfers complete (0.31 sec)\n\
                        00:00:00: Bank: bug caught: yes, a check without the lock saw money in flight\n\
                        00:00:00: Bank: final total 44500\n";
    pub(super) const PYTHON: &str = "00:00:00: Bank: 6 accounts\n\
                          00:00:00: Bank: the check forgot the lock\n\
                          00:00:00: Bank: the GIL runs one thread at a time\n\
                          00:00:06: Bank: transfers complete (6.02 sec)\n\
                          00:00:06: Bank: bug caught: no, every check happened to agree\n\
                          00:00:06: Bank: final total 44500\n";
}
