//! The values the command line takes, each read with the one-line error a student is shown.

use std::str::FromStr;
use std::time::Duration;

use super::Fail;
use crate::ui::term::Style;

/// `--speed FACTOR`: the lessons run FACTOR times faster.
#[derive(Debug)]
pub struct Speed(pub f64);

impl FromStr for Speed {
    type Err = common::BadSpeed;
    fn from_str(v: &str) -> Result<Speed, common::BadSpeed> {
        common::parse_speed(v).map(Speed)
    }
}

/// `--timeout DURATION`: longer than nothing.
#[derive(Debug)]
pub struct Timeout(pub Duration);

impl FromStr for Timeout {
    type Err = Fail;
    fn from_str(v: &str) -> Result<Timeout, Fail> {
        match humantime::parse_duration(v) {
            Ok(d) if !d.is_zero() => Ok(Timeout(d)),
            Ok(_) => Err(Fail::Usage("--timeout must be longer than 0s".into())),
            Err(e) => Err(Fail::Usage(format!(
                "--timeout takes a duration like 20s or 1m, not `{v}` ({e})"
            ))),
        }
    }
}

/// `--color WHEN`.
#[derive(Debug)]
pub enum Color {
    Auto,
    Always,
    Never,
}

impl Color {
    /// The style it asks for; `auto` is the terminal layer's one decision.
    pub fn style(&self) -> Style {
        match self {
            Color::Always => Style { color: true },
            Color::Never => Style { color: false },
            Color::Auto => Style::auto(),
        }
    }
}

impl FromStr for Color {
    type Err = Fail;
    fn from_str(v: &str) -> Result<Color, Fail> {
        match v {
            "always" => Ok(Color::Always),
            "never" => Ok(Color::Never),
            "auto" => Ok(Color::Auto),
            other => Err(Fail::Usage(format!(
                "--color takes auto, always or never, not `{other}`"
            ))),
        }
    }
}

/// `--repeat N`: once or more.
#[derive(Debug)]
pub struct Repeat(pub u32);

impl FromStr for Repeat {
    type Err = Fail;
    fn from_str(v: &str) -> Result<Repeat, Fail> {
        match v.parse() {
            Ok(n) if n >= 1 => Ok(Repeat(n)),
            _ => Err(Fail::Usage(format!(
                "--repeat takes a whole number of 1 or more, not `{v}`"
            ))),
        }
    }
}

/// `--seed S`: the schedule noise of a check, replayed.
#[derive(Debug)]
pub struct Seed(pub u64);

impl FromStr for Seed {
    type Err = Fail;
    fn from_str(v: &str) -> Result<Seed, Fail> {
        v.parse()
            .map(Seed)
            .map_err(|_| Fail::Usage(format!("--seed takes a whole number, like 4711, not `{v}`")))
    }
}
