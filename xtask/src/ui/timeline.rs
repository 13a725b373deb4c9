//! The runner's side of the timeline (the `timeline` crate, `xtask/timeline/`, is the model and
//! its drawings, which return values, and writes a trace with `timeline::trace::write`): what
//! shows them in the terminal, for `run` (`cmd/check/timeline_out.rs`), `play`, the tour, the
//! book and the `timeline` command's pictures (`cmd/timeline.rs`, which record their runs with
//! `Ctx::run_recorded`).

use timeline::Timeline;

use crate::ui::term::Style;
use course::Chapter;
use course::verdict::Verdict;

/// The width to draw at: the terminal's (see `term::width`), else 80 columns.
pub fn terminal_width() -> usize {
    crate::ui::term::width().unwrap_or(80)
}

/// `t` drawn as text under `title` in `width` columns, in the colours of `style`.
pub fn lines(t: &Timeline, title: &str, width: usize, style: Style) -> Vec<String> {
    timeline::render::render(t, title, width, &style.timeline())
}

/// Whether a recorded run of `chapter`, judged `v`, may be drawn (for the README's pictures and
/// the book's): `false`, said why, when it did not show its lesson (`Verdict::passed` decides).
pub fn drawable(style: Style, chapter: &Chapter, v: &Verdict) -> bool {
    let why = crate::ui::failures::not_drawn(style, chapter, v);
    if let Some(why) = &why {
        println!("{why}");
    }
    why.is_none()
}
