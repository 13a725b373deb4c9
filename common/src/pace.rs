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

/// Sleep for `lesson` time: the Python lesson's `time.sleep`, shortened by `--speed`. Under
/// schedule noise (see [`noise`]) it sleeps a little longer, never shorter.
pub fn sleep(lesson: Duration) {
    crate::record::sleep_starts();
    std::thread::sleep(scaled(lesson + noise::extra()));
    crate::record::sleep_ends();
}

/// Schedule noise, for the runner's noisy runs: a run whose sleeps are stretched in a way the
/// program cannot predict, so that a program that waits for a time where it should wait for a
/// thread (a sleep as long as the thread's, in place of a join) shows it, while one that really
/// waits keeps every claim of order. Off unless the runner names a seed and a run in [`NOISE`]
/// (`SEED/K`).
///
/// Run `K` holds back one thread: the `K`th the process made (`main` is the 1st, then each
/// spawned thread in the order it was spawned). That thread's first sleep is stretched by
/// [`HOLD`] lesson time (or the `MS` of `SEED/K/MS`) up to twice that, drawn from the seed, so
/// everything it does from then on comes that much later, and only what really waits for it
/// waits too. Every sleep of every thread is also stretched by a jitter under [`JITTER`], drawn
/// from the seed. Holding back one thread at a time is what makes a sleep-for-a-join fail
/// surely: in the run that holds back the thread it should have waited for, the sleep ends
/// first. All of it stays well under the lesson clock's second, so a correct program's log
/// keeps its whole seconds.
pub mod noise {
    use std::cell::Cell;
    use std::sync::OnceLock;
    use std::time::Duration;

    /// The variable that turns the noise on: `SEED/K`.
    pub const NOISE: &str = "COURSE_NOISE";
    /// The least hold-back of the held-back thread, in lesson time; the most is twice this.
    pub const HOLD: Duration = Duration::from_millis(250);
    /// The most jitter a sleep gets, in lesson time.
    pub const JITTER: Duration = Duration::from_millis(30);

    /// What [`NOISE`] says: whose sleeps, how much, from which seed.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Setting {
        pub seed: u64,
        /// The number of the thread held back: `main` is 1.
        pub held: u64,
        /// The least hold-back, in lesson time; the most is twice this.
        pub hold: Duration,
    }

    impl Setting {
        /// The value of [`NOISE`] for this setting: `SEED/K`, or `SEED/K/MS` for a hold-back
        /// other than [`HOLD`].
        pub fn value(&self) -> String {
            if self.hold == HOLD {
                format!("{}/{}", self.seed, self.held)
            } else {
                format!("{}/{}/{}", self.seed, self.held, self.hold.as_millis())
            }
        }
    }

    fn setting() -> Option<Setting> {
        static SETTING: OnceLock<Option<Setting>> = OnceLock::new();
        *SETTING.get_or_init(|| parse(&std::env::var(NOISE).ok()?))
    }

    /// `SEED/K` or `SEED/K/MS`, as the runner writes it.
    pub fn parse(v: &str) -> Option<Setting> {
        let mut parts = v.split('/');
        let seed = parts.next()?.parse().ok()?;
        let held = parts.next()?.parse().ok()?;
        let hold = match parts.next() {
            Some(ms) => Duration::from_millis(ms.parse().ok()?),
            None => HOLD,
        };
        parts
            .next()
            .is_none()
            .then_some(Setting { seed, held, hold })
    }

    /// This thread's number: std numbers threads in the order they are made, `main` first.
    fn thread_number() -> u64 {
        let id = format!("{:?}", std::thread::current().id());
        id.trim_start_matches("ThreadId(")
            .trim_end_matches(')')
            .parse()
            .unwrap_or(0)
    }

    /// splitmix64: a well-mixed number from `x` (no crate needed for this much chance).
    fn mix(mut x: u64) -> u64 {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    }

    /// A fraction of `d`, from 0 up to (not including) `d`, drawn from `x`.
    fn part(d: Duration, x: u64) -> Duration {
        d.mul_f64((mix(x) >> 11) as f64 / (1u64 << 53) as f64)
    }

    thread_local! {
        /// How many sleeps this thread has begun.
        static SLEEPS: Cell<u64> = const { Cell::new(0) };
    }

    /// How much longer this sleep lasts under the noise (lesson time); zero without it.
    pub(crate) fn extra() -> Duration {
        let Some(Setting {
            seed,
            held: k,
            hold,
        }) = setting()
        else {
            return Duration::ZERO;
        };
        let n = thread_number();
        let count = SLEEPS.with(|c| {
            c.set(c.get() + 1);
            c.get()
        });
        let draw = mix(seed ^ mix(k ^ mix(n ^ mix(count))));
        let mut extra = part(JITTER, draw);
        if n == k && count == 1 {
            extra += hold + part(hold, mix(seed ^ k));
        }
        extra
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_setting_reads_seed_run_and_hold() {
            let s = parse("42/3").unwrap();
            assert_eq!((s.seed, s.held, s.hold), (42, 3, HOLD));
            assert_eq!(parse(&s.value()), Some(s));
            let t = parse("42/3/100").unwrap();
            assert_eq!(t.hold, Duration::from_millis(100));
            assert_eq!(t.value(), "42/3/100");
            for bad in ["42", "x/1", "1/2/3/4", "1/2/x"] {
                assert_eq!(parse(bad), None, "{bad}");
            }
        }

        #[test]
        fn a_part_stays_under_its_bound() {
            for x in 0..1000 {
                assert!(part(HOLD, x) < HOLD);
            }
            assert!(thread_number() > 0);
        }
    }
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
pub fn parse_speed(v: &str) -> Result<f64, BadSpeed> {
    match v.parse::<f64>() {
        Ok(f) if SPEEDS.contains(&f) => Ok(f),
        _ => Err(BadSpeed(v.to_string())),
    }
}

/// A `--speed` that is not a number in the range a lesson can run at: the value given.
#[derive(Debug, PartialEq)]
pub struct BadSpeed(pub String);

impl std::fmt::Display for BadSpeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "--speed takes a number from {} to {}, like 2 or 0.5, not `{}`",
            SPEEDS.start(),
            SPEEDS.end(),
            self.0
        )
    }
}

impl std::error::Error for BadSpeed {}

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
        let err = |v| parse_speed(v).unwrap_err().to_string();
        assert!(err("0").contains("from 0.01 to 100"));
        assert!(err("fast").contains("`fast`"));
    }
}
