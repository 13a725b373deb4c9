//! The pace and the lesson clock: `--speed 4` makes every lesson sleep and timeout four times
//! shorter and the lesson clock four times faster, so the lesson clock reads the same at any
//! speed.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

struct Pace {
    speed: f64,
    start: Instant,
}

static PACE: OnceLock<Pace> = OnceLock::new();

fn pace() -> &'static Pace {
    PACE.get_or_init(|| Pace {
        speed: 1.0,
        start: Instant::now(),
    })
}

/// Fix the pace and start the lesson clock; `false` if the pace was already fixed (a sleep or a
/// clock read before the lesson started fixes it at 1).
pub(crate) fn set(speed: f64) -> bool {
    PACE.set(Pace {
        speed,
        start: Instant::now(),
    })
    .is_ok()
}

/// The real duration of `lesson` at the current pace: what [`sleep`] sleeps and what a timeout
/// should wait for. Rounded up, so that a lesson sleep of 2 s always reads 2 s or more on the
/// lesson clock.
pub fn scaled(lesson: Duration) -> Duration {
    let nanos = lesson.as_nanos() as f64 / pace().speed;
    Duration::from_nanos(nanos.ceil() as u64)
}

/// Sleep for `lesson` time: the Python lesson's `time.sleep`, shortened by `--speed`.
pub fn sleep(lesson: Duration) {
    crate::record::sleep_starts();
    std::thread::sleep(scaled(lesson));
    crate::record::sleep_ends();
}

/// Lesson time since the chapter started.
pub fn elapsed() -> Duration {
    let p = pace();
    p.start.elapsed().mul_f64(p.speed)
}

/// `HH:MM:SS` of a lesson time, whole seconds rounded down.
pub fn hms(t: Duration) -> String {
    let s = t.as_secs();
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The slowest and fastest pace a lesson can run at. Beyond these the clock stops making sense
/// (a lesson second of a millisecond is shorter than a thread takes to wake).
const SPEEDS: std::ops::RangeInclusive<f64> = 0.01..=100.0;

/// Parse a `--speed` value, the same way for the chapters and the runner.
pub fn parse_speed(v: &str) -> Result<f64, String> {
    match v.parse::<f64>() {
        Ok(f) if SPEEDS.contains(&f) => Ok(f),
        _ => Err(format!(
            "--speed takes a number from {} to {}, like 2 or 0.5, not `{v}`",
            SPEEDS.start(),
            SPEEDS.end()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hms_rounds_down_and_rolls_over() {
        assert_eq!(hms(Duration::from_millis(1999)), "00:00:01");
        assert_eq!(hms(Duration::from_secs(3723)), "01:02:03");
    }

    #[test]
    fn speeds_outside_the_range_are_refused() {
        assert_eq!(parse_speed("2.5"), Ok(2.5));
        assert!(parse_speed("0").unwrap_err().contains("from 0.01 to 100"));
        assert!(parse_speed("fast").unwrap_err().contains("`fast`"));
    }
}
