//! The chapter flags: the common ones (`--speed`, `--clock`, `--help`) and a chapter's own, parsed
//! the same way for every chapter, and the start of a lesson (flags, pace, logger).

use std::str::FromStr;
use std::time::Duration;

use crate::log_line::{self, Clock};
use crate::pace::{self, BadSpeed, parse_speed};

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
                // A sleep or clock read before this would have fixed the pace at 1.
                assert!(
                    pace::set(speed),
                    "the lesson was started twice, or used before it started"
                );
                log_line::install(clock);
                crate::record::init();
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

    fn parse(
        &self,
        args: impl IntoIterator<Item = std::ffi::OsString>,
    ) -> Result<Parsed, FlagError> {
        use lexopt::prelude::*;
        let mut parser = lexopt::Parser::from_args(args);
        let mut speed = 1.0;
        let mut clock = Clock::Wall;
        let mut values = Vec::new();
        let text = |v: Result<std::ffi::OsString, lexopt::Error>, flag: &'static str| {
            v?.into_string().map_err(|_| FlagError::NotText(flag))
        };
        while let Some(arg) = parser.next()? {
            match arg {
                Short('h') | Long("help") => return Ok(Parsed::Help),
                Long("speed") => speed = parse_speed(&text(parser.value(), "speed")?)?,
                Long("clock") => {
                    clock = match text(parser.value(), "clock")?.as_str() {
                        "wall" => Clock::Wall,
                        "lesson" => Clock::Lesson,
                        other => {
                            return Err(FlagError::Clock(other.to_string()));
                        }
                    };
                }
                Long(name) => {
                    let Some(extra) = self.extras.iter().find(|e| e.name == name) else {
                        return Err(FlagError::Unknown(name.to_string()));
                    };
                    let v = text(parser.value(), extra.name)?;
                    values.push((extra.name, v));
                }
                other => return Err(other.unexpected().into()),
            }
        }
        Ok(Parsed::Run {
            speed,
            clock,
            values,
        })
    }
}

/// Why a chapter's command line is refused, said in one line after the program's name.
#[derive(Debug)]
enum FlagError {
    /// lexopt's own: a value missing, a word unexpected.
    Parser(lexopt::Error),
    NotText(&'static str),
    Speed(BadSpeed),
    Clock(String),
    Unknown(String),
}

impl From<lexopt::Error> for FlagError {
    fn from(e: lexopt::Error) -> FlagError {
        FlagError::Parser(e)
    }
}

impl From<BadSpeed> for FlagError {
    fn from(e: BadSpeed) -> FlagError {
        FlagError::Speed(e)
    }
}

impl std::fmt::Display for FlagError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FlagError::Parser(e) => e.fmt(f),
            FlagError::NotText(flag) => write!(f, "the value of --{flag} is not valid text"),
            FlagError::Speed(e) => e.fmt(f),
            FlagError::Clock(other) => {
                write!(f, "--clock takes `wall` or `lesson`, not `{other}`")
            }
            FlagError::Unknown(name) => write!(f, "unknown flag `--{name}`"),
        }
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
fn usage_error(msg: &str) -> ! {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(flags: &Flags, args: &[&str]) -> Result<Parsed, FlagError> {
        flags.parse(args.iter().map(Into::into))
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
        let err = |args: &[&str]| parse(&f, args).err().unwrap().to_string();
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
