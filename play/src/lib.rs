//! Be the scheduler: the chapters' own code under shuttle, whose scheduler follows the student's
//! moves (`cargo xtask play`). The engine and the levels exist only under `--cfg shuttle`, which
//! `cargo xtask play` builds in `target/play`; the course's ordinary build compiles nothing here.
#![forbid(unsafe_code)]

#[cfg(shuttle)]
pub mod engine;
#[cfg(shuttle)]
pub mod export;
#[cfg(shuttle)]
pub mod levels;
#[cfg(shuttle)]
pub mod model;
#[cfg(shuttle)]
mod record;
#[cfg(shuttle)]
pub mod search;
#[cfg(shuttle)]
mod view;
#[cfg(shuttle)]
pub mod wire;

#[cfg(shuttle)]
pub use engine::{End, Frame, Lane, Level, Status};

/// The level `id` names: a level's own id (`ch07-ordered`), or a chapter's crate or number
/// (`ch07_deadlock`, `ch07`: its first level).
#[cfg(shuttle)]
pub fn level(id: &str) -> Option<&'static Level> {
    wire::find(levels::levels(), id)
}
