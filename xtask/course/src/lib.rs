//! The course as data, and the decisions on it: the library under the runner (`cargo xtask`).
//!
//! It finds the chapters and exercises and reads their docs ([`chapter`], [`exercise`]), runs a
//! program under its limits ([`child`], [`launch`], [`noise`]), is the one place that calls cargo
//! ([`build`]), matches a run against its expected log ([`matcher`]) and its claims of order
//! ([`order`]), finds what a check runs against which log ([`subject`]), gives the verdict on a
//! chapter's run ([`verdict`]), keeps the place of the tour and the watch ([`progress`]), and
//! aligns two lists ([`align`], for the diff and the comparison of a chapter with its twin).
//!
//! It returns values and never prints: no terminal, no colour, no `println!`. The runner's
//! `ui` module puts what it returns into words. Its errors are [`Error`]'s.
#![forbid(unsafe_code)]

pub mod align;
pub mod answers;
pub mod book;
pub mod broken;
pub mod build;
pub mod chapter;
pub mod child;
pub mod engine;
mod error;
pub mod exercise;
pub mod judge;
pub mod launch;
pub mod levels;
pub mod map;
pub mod matcher;
mod nearest;
pub mod noise;
pub mod order;
pub mod pair;
pub mod play;
mod problem;
pub mod progress;
pub mod proofs;
pub mod subject;
mod usage;
pub mod verdict;

pub use chapter::{Chapter, Lesson, Rule, When, discover, find, rule_errors, rules};
pub use error::Error;
pub use exercise::{Exercise, Place};
pub use nearest::nearest;
pub use problem::{Built, Doing, Problem, Python};

/// A result of the course's library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
