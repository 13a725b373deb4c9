//! The one layer that shows: the terminal, the pager and keys, colours, and the words of
//! verdicts, diffs and the status line. Text is fitted to the terminal by the `textfit` crate.

pub mod diff;
pub mod jump;
pub mod report;
pub mod status;
pub mod term;
