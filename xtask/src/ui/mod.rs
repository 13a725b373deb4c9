//! The one layer that shows: the terminal, text fitted to it, the pager and keys, colours, and
//! the words of verdicts, diffs and the status line.

pub mod diff;
pub mod report;
pub mod screen;
pub mod status;
pub mod term;
