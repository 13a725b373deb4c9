//! The log line of the Python originals, on either clock. Every line looks like Python's
//! `logging` with `format='%(asctime)s: %(message)s'` and `datefmt="%H:%M:%S"`:
//!
//! ```text
//! 23:22:58: Main    : create and start thread 0.
//! ```

use std::io::Write as _;

use crate::pace::{elapsed, hms};

/// Which clock the log lines show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Local time of day, as the Python notebook shows it.
    Wall,
    /// Lesson time since the chapter started (scaled by the pace).
    Lesson,
}

/// Install the logger that writes the line on `clock`.
pub(crate) fn install(clock: Clock) {
    let level = log::LevelFilter::Debug;
    match clock {
        Clock::Wall => {
            // simplelog writes the time, a space, then the message: with the level, thread and
            // target turned off and a colon in the time format, that is Python's line.
            let mut b = simplelog::ConfigBuilder::new();
            b.set_time_format_custom(time::macros::format_description!(
                "[hour]:[minute]:[second]:"
            ))
            .set_max_level(log::LevelFilter::Off)
            .set_thread_level(log::LevelFilter::Off)
            .set_target_level(log::LevelFilter::Off)
            .set_location_level(log::LevelFilter::Off);
            // Local time can only be read while the program has one thread; we are still there.
            let _ = b.set_time_offset_to_local();
            let _ = simplelog::SimpleLogger::init(level, b.build());
        }
        Clock::Lesson => {
            // simplelog can only show the time of day, so the lesson clock has this tiny logger.
            if log::set_logger(&LessonLogger).is_ok() {
                log::set_max_level(level);
            }
        }
    }
}

/// Writes `HH:MM:SS: message` on the lesson clock. The time is read while stdout is locked, so
/// the lines come out in the order of their times and are never torn by another thread.
struct LessonLogger;

impl log::Log for LessonLogger {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }

    fn log(&self, line: &log::Record) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}: {}", hms(elapsed()), line.args());
        drop(out);
        if crate::record::enabled() {
            crate::record::log(&line.args().to_string());
        }
    }

    fn flush(&self) {
        let _ = std::io::stdout().flush();
    }
}
