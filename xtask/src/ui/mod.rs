//! The one layer that shows: the terminal, the pager and keys, colours, the words of verdicts,
//! judgements, failed and refused checks, games, searches, diffs and the status line, and the
//! timelines drawn (the `timeline` crate writes their traces).
//! Text is fitted to the terminal by the `textfit` crate.

pub mod diff;
pub mod failures;
pub mod game;
pub mod judgement;
pub mod jump;
pub mod report;
pub mod search;
pub mod status;
pub mod term;
pub mod timeline;
