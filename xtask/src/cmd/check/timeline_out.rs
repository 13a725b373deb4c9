//! The timeline outputs of `run` and `run-all` (`--timeline`, `--trace-out`): drawn in the
//! terminal, written as a Chrome trace.

use std::path::{Path, PathBuf};

use timeline::Recording;

use crate::cli::{Ctx, Fail};
use crate::ui::timeline::{lines, terminal_width};
use course::Chapter;
use timeline::trace::{check_file as check_trace_file, write as write_trace};

/// What to make of a run's timeline, besides its check.
#[derive(Default)]
pub struct TimelineOut {
    /// Draw it in the terminal.
    pub timeline: bool,
    /// Write it as a Chrome trace: the file for `run`, a folder for `run-all`.
    pub trace_out: Option<PathBuf>,
}

impl TimelineOut {
    /// `--timeline`, and `--trace-out`'s path, which cannot be empty.
    pub(super) fn parse(timeline: bool, trace_out: Option<PathBuf>) -> Result<TimelineOut, Fail> {
        if trace_out.as_ref().is_some_and(|p| p.as_os_str().is_empty()) {
            return Err(Fail::Usage(
                "--trace-out needs a file to write, like --trace-out run.json".into(),
            ));
        }
        Ok(TimelineOut {
            timeline,
            trace_out,
        })
    }

    pub(super) fn wanted(&self) -> bool {
        self.timeline || self.trace_out.is_some()
    }

    /// Draw and write the timeline `rec` holds, as `show` asks; `trace` is the file to write.
    /// A chapter that left none (it never started its lesson) gets a line that says so.
    pub fn after(&self, ctx: &Ctx, c: &Chapter, rec: &Recording, trace: Option<&Path>) {
        let t = match rec.read() {
            Ok(t) => t,
            Err(why) => {
                println!("{}: no timeline: {why}", c.name);
                return;
            }
        };
        if self.timeline {
            for line in lines(&t, &c.name, terminal_width(), ctx.opts.style) {
                println!("{line}");
            }
        }
        if let Some(path) = trace {
            match write_trace(&t, &c.name, path) {
                Ok(()) => println!("{}: trace written to {}", c.name, path.display()),
                Err(why) => println!("{}: {why}", c.name),
            }
        }
    }

    /// Where the traces go, checked before anything runs: a run is not wasted on a bad path.
    pub(super) fn check_paths(&self, chapters: usize) -> Result<(), Fail> {
        match &self.trace_out {
            Some(dir) if chapters > 1 => std::fs::create_dir_all(dir).map_err(|e| {
                Fail::Usage(format!(
                    "cannot make the folder {} for the traces: {e}",
                    dir.display()
                ))
            }),
            Some(file) => Ok(check_trace_file(file)?),
            None => Ok(()),
        }
    }

    /// The trace file of chapter `c`, one of `chapters`.
    pub(super) fn trace_of(&self, c: &Chapter, chapters: usize) -> Option<PathBuf> {
        self.trace_out.as_ref().map(|p| {
            if chapters > 1 {
                p.join(format!("{}.json", c.name))
            } else {
                p.clone()
            }
        })
    }
}
