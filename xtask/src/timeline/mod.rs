//! The timeline of a run: what each thread did and when, drawn as lanes in the terminal
//! (`--timeline`), written as a Chrome trace (`--trace-out`) or as an SVG for the README.
//!
//! The chapter records (see `common::record`) when the runner names a file in its environment;
//! [`model`] reads that file, [`render`], [`trace`] and [`svg`] draw it.

pub mod model;
mod pictures;
pub mod render;
mod states;
pub mod svg;
pub mod trace;

pub use model::Timeline;
pub use pictures::{Pictures, run_recorded};

use std::path::Path;

/// Read the timeline a chapter recorded into `path`.
pub fn read(path: &Path) -> Result<Timeline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "the chapter left no timeline in {} ({e}): it started no lesson",
            path.display()
        )
    })?;
    Timeline::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The width to draw at: the terminal's (see `screen`), else 80 columns.
pub fn terminal_width() -> usize {
    crate::ui::screen::width().unwrap_or(80)
}

/// A scratch file a chapter records one run into (named to it in `common::record::ENV`);
/// removed when dropped.
pub struct Recording {
    path: std::path::PathBuf,
}

impl Recording {
    pub fn new(chapter: &str) -> Recording {
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "course-timeline-{}-{}-{chapter}.txt",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_file(&path);
        Recording { path }
    }

    /// The variable and value that ask the chapter to record here.
    pub fn env(&self) -> (&'static str, &std::ffi::OsStr) {
        (common::record::ENV, self.path.as_os_str())
    }

    pub fn read(&self) -> Result<Timeline, String> {
        read(&self.path)
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        let mut part = self.path.clone().into_os_string();
        part.push(".part");
        let _ = std::fs::remove_file(part);
    }
}

/// Whether `--trace-out FILE` can be written: not a folder, in a folder that is there. Checked
/// before anything runs (`run`, `play`), so that no run is wasted on a bad path.
pub fn check_trace_file(file: &Path) -> Result<(), String> {
    if file.is_dir() {
        return Err(format!(
            "--trace-out {} is a folder; give the file to write, like {}",
            file.display(),
            file.join("run.json").display()
        ));
    }
    match file.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(p) if !p.is_dir() => Err(format!(
            "--trace-out {}: there is no folder {}",
            file.display(),
            p.display()
        )),
        _ => Ok(()),
    }
}

/// Write `t` as a Chrome trace to `path`.
pub fn write_trace(t: &Timeline, name: &str, path: &Path) -> Result<(), String> {
    std::fs::write(path, trace::trace(t, name))
        .map_err(|e| format!("cannot write the trace to {}: {e}", path.display()))
}
