//! What every chapter shares: the log line of the Python originals, the two clocks, the pace,
//! the chapter flags, and the loom switch. One module per job:
//!
//! - `pace`: the pace and the lesson clock ([`sleep`], [`scaled`], [`elapsed`], `--speed`), and
//!   the schedule noise of the runner's noisy runs ([`noise`]);
//! - `flags`: the chapter flags and the start of a lesson ([`start`], [`Flags`]);
//! - `log_line`: the `HH:MM:SS: message` line on the wall clock or the lesson clock;
//! - [`sync`]: std's sync types (each blocking step recorded when a timeline is asked for), or
//!   loom's under `--cfg loom`;
//! - [`record`]: the timeline of a run, recorded when the runner asks (`--timeline`).
//!
//! Only what the chapters and the runner use is exported.
//!
//! A chapter starts with [`start`] (or [`Flags`] when it has flags of its own), then logs with
//! `log::info!`/`log::debug!` and sleeps with [`sleep`].
//!
//! **Clocks.** By default the time is the local wall clock, as in Python. With `--clock lesson`
//! (what `cargo xtask` passes) it is the time since the chapter started, `00:00:00` first, so that
//! the expected logs hold run after run.
#![forbid(unsafe_code)]

mod flags;
mod log_line;
mod pace;
// Under a model checker's runtime nothing records: `record.rs` allows its dead code itself.
pub mod record;
pub mod sync;

pub use flags::{Flags, Lesson, start};
pub use pace::{BadSpeed, elapsed, hms, noise, parse_speed, scaled, sleep};
