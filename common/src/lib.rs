//! What every chapter shares: the log line of the Python originals, the two clocks, the pace,
//! and the chapter flags.
//!
//! A chapter starts with [`start`] (or [`Flags`] when it has flags of its own), then logs with
//! `log::info!`/`log::debug!` and sleeps with [`sleep`]. Every line looks like Python's
//! `logging` with `format='%(asctime)s: %(message)s'` and `datefmt="%H:%M:%S"`:
//!
//! ```text
//! 23:22:58: Main    : create and start thread 0.
//! ```
//!
//! **Clocks.** By default the time is the local wall clock, as in Python. With `--clock lesson`
//! (what `cargo xtask` passes) it is the time since the chapter started, `00:00:00` first, so that
//! the expected logs hold run after run.
//!
//! **Pace.** `--speed 4` makes every lesson sleep and timeout four times shorter and the lesson
//! clock four times faster, so the lesson clock reads the same at any speed.
#![forbid(unsafe_code)]

use std::io::Write as _;
use std::str::FromStr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub mod record;

/// The sync types the chapters' cores are written with: std's own.
///
/// They come through here for one reason: `cargo xtask prove` builds with `--cfg loom`, and then
/// these are the loom model checker's look-alikes instead, so that loom runs the chapters' very
/// code on every schedule of their threads. This is the only place that switches; what a chapter
/// gets from here in every ordinary build is exactly `std::sync`.
pub mod sync {
    #[cfg(loom)]
    pub use loom::sync::{Arc, Mutex, MutexGuard, atomic};
    #[cfg(not(loom))]
    pub use std::sync::{Arc, Mutex, MutexGuard, atomic};
}

/// Which clock the log lines show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Local time of day, as the Python notebook shows it.
    Wall,
    /// Lesson time since the chapter started (scaled by the pace).
    Lesson,
}

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

/// The real duration of `lesson` at the current pace: what [`sleep`] sleeps and what a timeout
/// should wait for. Rounded up, so that a lesson sleep of 2 s always reads 2 s or more on the
/// lesson clock.
pub fn scaled(lesson: Duration) -> Duration {
    let nanos = lesson.as_nanos() as f64 / pace().speed;
    Duration::from_nanos(nanos.ceil() as u64)
}

/// Sleep for `lesson` time: the Python lesson's `time.sleep`, shortened by `--speed`.
pub fn sleep(lesson: Duration) {
    record::sleep_starts();
    std::thread::sleep(scaled(lesson));
    record::sleep_ends();
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
pub const SPEEDS: std::ops::RangeInclusive<f64> = 0.01..=100.0;

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

/// A flag of a chapter's own, beyond the common ones.
struct Extra {
    name: &'static str,
    value: &'static str,
    help: &'static str,
}

/// A chapter's flags: the common ones (`--speed`, `--clock`, `--help`) and any of its own.
///
/// Every chapter parses its flags through this, so every chapter answers a bad flag the same
/// way: one line on stderr and exit code 2.
pub struct Flags {
    extras: Vec<Extra>,
}

/// A started lesson: its logger is installed and its clock runs. Holds the values of the
/// chapter's own flags.
pub struct Lesson {
    program: String,
    values: Vec<(&'static str, String)>,
}

/// Start a chapter that has only the common flags.
pub fn start() -> Lesson {
    Flags::new().start()
}

impl Default for Flags {
    fn default() -> Self {
        Self::new()
    }
}

impl Flags {
    pub fn new() -> Self {
        Flags { extras: Vec::new() }
    }

    /// Declare a flag of the chapter's own: `--name VALUE`.
    pub fn opt(mut self, name: &'static str, value: &'static str, help: &'static str) -> Self {
        self.extras.push(Extra { name, value, help });
        self
    }

    /// Parse the command line, install the logger and start the lesson clock.
    /// A bad flag ends the program with one line on stderr and exit code 2.
    pub fn start(self) -> Lesson {
        let program = std::env::args()
            .next()
            .and_then(|a| {
                std::path::Path::new(&a)
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| "chapter".into());
        match self.parse(std::env::args_os().skip(1)) {
            Ok(Parsed::Help) => {
                print!("{}", self.usage(&program));
                std::process::exit(0);
            }
            Ok(Parsed::Run {
                speed,
                clock,
                values,
            }) => {
                let fresh = PACE.set(Pace {
                    speed,
                    start: Instant::now(),
                });
                // A sleep or clock read before this would have fixed the pace at 1.
                assert!(
                    fresh.is_ok(),
                    "the lesson was started twice, or used before it started"
                );
                install_logger(clock);
                record::init();
                Lesson { program, values }
            }
            Err(msg) => usage_error(&format!("{program}: {msg}; {}", help_hint(&program))),
        }
    }

    fn usage(&self, program: &str) -> String {
        let mut s = format!(
            "usage: {program} [--speed FACTOR] [--clock wall|lesson]{}\n\n",
            self.extras
                .iter()
                .map(|e| format!(" [--{} {}]", e.name, e.value))
                .collect::<String>()
        );
        s += "  --speed FACTOR       run the lesson FACTOR times faster (sleeps, timeouts and the lesson clock)\n";
        s += "  --clock wall|lesson  wall: time of day, as Python shows it (default); lesson: time since start\n";
        for e in &self.extras {
            let flag = format!("--{} {}", e.name, e.value);
            s += &format!("  {flag:<20} {}\n", e.help);
        }
        s
    }

    fn parse(&self, args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Parsed, String> {
        use lexopt::prelude::*;
        let mut parser = lexopt::Parser::from_args(args);
        let mut speed = 1.0;
        let mut clock = Clock::Wall;
        let mut values = Vec::new();
        let text = |v: Result<std::ffi::OsString, lexopt::Error>, flag: &str| {
            v.map_err(|e| e.to_string())?
                .into_string()
                .map_err(|_| format!("the value of --{flag} is not valid text"))
        };
        while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
            match arg {
                Short('h') | Long("help") => return Ok(Parsed::Help),
                Long("speed") => speed = parse_speed(&text(parser.value(), "speed")?)?,
                Long("clock") => {
                    clock = match text(parser.value(), "clock")?.as_str() {
                        "wall" => Clock::Wall,
                        "lesson" => Clock::Lesson,
                        other => {
                            return Err(format!("--clock takes `wall` or `lesson`, not `{other}`"));
                        }
                    };
                }
                Long(name) => {
                    let Some(extra) = self.extras.iter().find(|e| e.name == name) else {
                        return Err(format!("unknown flag `--{name}`"));
                    };
                    let v = text(parser.value(), extra.name)?;
                    values.push((extra.name, v));
                }
                other => return Err(other.unexpected().to_string()),
            }
        }
        Ok(Parsed::Run {
            speed,
            clock,
            values,
        })
    }
}

enum Parsed {
    Help,
    Run {
        speed: f64,
        clock: Clock,
        values: Vec<(&'static str, String)>,
    },
}

/// Where to find the flags, for a student who runs chapters through cargo.
fn help_hint(program: &str) -> String {
    format!("run `cargo run -p {program} -- --help` to see the flags")
}

/// Print one line on stderr and exit with code 2, the code for "you called me wrong".
pub fn usage_error(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(2)
}

impl Lesson {
    /// The value of the chapter's own flag `--name`, parsed; `default` when it was not given.
    /// A value that does not parse ends the program with exit code 2.
    pub fn value<T: FromStr>(&self, name: &str, default: T) -> T {
        match self.values.iter().rev().find(|(n, _)| *n == name) {
            None => default,
            Some((_, v)) => v.parse().unwrap_or_else(|_| {
                usage_error(&format!(
                    "{}: --{name} does not take `{v}`; {}",
                    self.program,
                    help_hint(&self.program)
                ))
            }),
        }
    }

    /// A duration flag as a person types it (`2s`, `1500ms`, `1m 30s`), parsed with humantime.
    pub fn duration(&self, name: &str, default: Duration) -> Duration {
        match self.values.iter().rev().find(|(n, _)| *n == name) {
            None => default,
            Some((_, v)) => humantime::parse_duration(v).unwrap_or_else(|e| {
                usage_error(&format!(
                    "{}: --{name} takes a duration like 2s or 500ms, not `{v}` ({e})",
                    self.program
                ))
            }),
        }
    }
}

fn install_logger(clock: Clock) {
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
        if record::enabled() {
            record::log(&line.args().to_string());
        }
    }

    fn flush(&self) {
        let _ = std::io::stdout().flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(flags: &Flags, args: &[&str]) -> Result<Parsed, String> {
        flags.parse(args.iter().map(Into::into))
    }

    #[test]
    fn hms_rounds_down_and_rolls_over() {
        assert_eq!(hms(Duration::from_millis(1999)), "00:00:01");
        assert_eq!(hms(Duration::from_secs(3723)), "01:02:03");
    }

    #[test]
    fn common_flags_parse() {
        let f = Flags::new().opt("seed", "N", "seed");
        match parse(&f, &["--speed", "2.5", "--clock", "lesson", "--seed", "7"]).unwrap() {
            Parsed::Run {
                speed,
                clock,
                values,
            } => {
                assert_eq!(speed, 2.5);
                assert_eq!(clock, Clock::Lesson);
                assert_eq!(values, vec![("seed", "7".to_string())]);
            }
            Parsed::Help => panic!("not help"),
        }
    }

    #[test]
    fn bad_flags_are_refused_with_a_reason() {
        let f = Flags::new();
        let err = |args: &[&str]| parse(&f, args).err().unwrap();
        assert!(err(&["--speed", "0"]).contains("from 0.01 to 100"));
        assert!(err(&["--speed", "1e30"]).contains("`1e30`"));
        assert!(err(&["--speed", "fast"]).contains("`fast`"));
        assert!(err(&["--clock", "utc"]).contains("`wall` or `lesson`"));
        assert!(err(&["--seed", "1"]).contains("unknown flag `--seed`"));
        assert!(err(&["extra"]).contains("extra"));
        assert!(err(&["--speed"]).contains("speed"));
    }

    #[test]
    fn usage_lists_the_chapter_flags() {
        let u = Flags::new()
            .opt("seed", "N", "seed for the transfers")
            .usage("ch08");
        assert!(u.contains("--seed N"));
        assert!(u.contains("seed for the transfers"));
    }
}
