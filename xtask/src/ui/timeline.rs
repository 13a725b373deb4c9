//! The runner's side of the timeline (the `timeline` crate, `xtask/timeline/`, is the model and
//! its drawings, which return values): what shows them in the terminal and writes them to files,
//! for `run` (`cmd/check/timeline_out.rs`), `play`, the tour, the book and the `timeline`
//! command's pictures (`cmd/timeline.rs`, which record their runs with `Ctx::run_recorded`).

use std::path::{Path, PathBuf};

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

/// Whether `--trace-out FILE` can be written: not a folder, in a folder that is there. Checked
/// before anything runs (`run`, `play`), so that no run is wasted on a bad path.
pub fn check_trace_file(file: &Path) -> Result<(), TraceOut> {
    if file.is_dir() {
        return Err(TraceOut::Folder(file.to_path_buf()));
    }
    match file.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(p) if !p.is_dir() => Err(TraceOut::NoFolder(file.to_path_buf())),
        _ => Ok(()),
    }
}

/// Write `t` as a Chrome trace of the process `name` to `path`.
pub fn write_trace(t: &Timeline, name: &str, path: &Path) -> Result<(), TraceOut> {
    std::fs::write(path, timeline::trace::trace(t, name))
        .map_err(|e| TraceOut::Write(path.to_path_buf(), e))
}

/// Why a trace cannot be written to the file `--trace-out` names.
#[derive(Debug)]
pub enum TraceOut {
    /// It is a folder.
    Folder(PathBuf),
    /// The folder it would be in is not there.
    NoFolder(PathBuf),
    Write(PathBuf, std::io::Error),
}

impl std::fmt::Display for TraceOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TraceOut::Folder(file) => write!(
                f,
                "--trace-out {} is a folder; give the file to write, like {}",
                file.display(),
                file.join("run.json").display()
            ),
            TraceOut::NoFolder(file) => write!(
                f,
                "--trace-out {}: there is no folder {}",
                file.display(),
                file.parent().unwrap_or(file).display()
            ),
            TraceOut::Write(file, e) => {
                write!(f, "cannot write the trace to {}: {e}", file.display())
            }
        }
    }
}

impl std::error::Error for TraceOut {}

/// Whether a recorded run of `chapter`, judged `v`, may be drawn (for the README's pictures and
/// the book's): `false`, said why, when it did not show its lesson (`Verdict::passed` decides).
pub fn drawable(style: Style, chapter: &Chapter, v: &Verdict) -> bool {
    let why = crate::ui::failures::not_drawn(style, chapter, v);
    if let Some(why) = &why {
        println!("{why}");
    }
    why.is_none()
}
