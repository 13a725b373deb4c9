//! The one layer that shows: the terminal, text fitted to it, the pager and keys, colours, and
//! the words of verdicts, judgements, games, searches, diffs and the status line.

pub mod diff;
pub mod game;
pub mod judgement;
pub mod report;
pub mod screen;
pub mod search;
pub mod status;
pub mod term;
