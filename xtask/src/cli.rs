//! What every command is and gets: the [`Cmd`] trait a command implements, the words of the
//! command line it reads ([`Given`]), the options every command shares ([`Opts`]), the course it
//! works on ([`Ctx`]), and how it fails ([`Fail`]).

use std::path::PathBuf;
use std::time::Duration;

use crate::course::{self, Chapter};
use crate::ui::term::Style;

/// A command of the runner. Its name, usage and help come from here, so the usage text, the
/// parser and the dispatch in `main.rs` never list the commands themselves.
pub trait Cmd: Sized {
    /// The word on the command line: `run-all`.
    const NAME: &'static str;
    /// What follows the name in the usage: `<chapter>`, `[<chapter>]` or nothing.
    const ARGS: &'static str = "";
    /// One line or two for the usage.
    const HELP: &'static str;
    /// The command's own options: `(name, value name or "", help)`, like
    /// `("repeat", "N", "run each chapter N times")`. The options every command takes are in
    /// [`Opts`].
    const FLAGS: &'static [Flag] = &[];
    /// Take the command's arguments out of what was given: [`Given::chapter`],
    /// [`Given::flag`], [`Given::value`]. Anything left over is an error, said by the caller.
    fn parse(given: &mut Given) -> Result<Self, String>;
    /// Do it: `Ok(true)` when everything passed, `Ok(false)` when a check failed.
    fn run(self, ctx: &Ctx) -> Result<bool, Fail>;
}

/// A command's own option: its name (without `--`), its value's name (`""` for none), its help.
pub type Flag = (&'static str, &'static str, &'static str);

/// A command as the usage and the parser see it.
pub struct Spec {
    pub name: &'static str,
    pub args: &'static str,
    pub help: &'static str,
    pub flags: &'static [Flag],
}

impl Spec {
    pub const fn of<C: Cmd>() -> Spec {
        Spec {
            name: C::NAME,
            args: C::ARGS,
            help: C::HELP,
            flags: C::FLAGS,
        }
    }

    /// Whether `--name` is this command's and takes a value.
    pub fn flag(&self, name: &str) -> Option<bool> {
        self.flags
            .iter()
            .find(|f| f.0 == name)
            .map(|f| !f.1.is_empty())
    }
}

/// The words given after the command's name: its positional arguments and its own options.
pub struct Given {
    pub command: &'static str,
    pub positional: Vec<String>,
    /// `(name, value)`; a flag without a value has `None`.
    pub flags: Vec<(String, Option<String>)>,
    took_chapter: bool,
}

impl Given {
    pub fn new(command: &'static str) -> Given {
        Given {
            command,
            positional: Vec::new(),
            flags: Vec::new(),
            took_chapter: false,
        }
    }

    /// The chapter named, if one was.
    pub fn chapter(&mut self) -> Option<String> {
        self.took_chapter = true;
        (!self.positional.is_empty()).then(|| self.positional.remove(0))
    }

    /// The chapter, which the command needs.
    pub fn need_chapter(&mut self) -> Result<String, String> {
        self.chapter().ok_or_else(|| {
            format!(
                "`{0}` needs a chapter, like `cargo xtask {0} ch04`; `cargo xtask list` shows them",
                self.command
            )
        })
    }

    /// Whether the flag `--name` was given.
    pub fn flag(&mut self, name: &str) -> bool {
        self.value(name).is_some()
    }

    /// The value of `--name VALUE` (the last one, if given twice); `Some("")` for a bare flag.
    pub fn value(&mut self, name: &str) -> Option<String> {
        let mut found = None;
        self.flags.retain(|(n, v)| {
            let mine = n == name;
            if mine {
                found = Some(v.clone().unwrap_or_default());
            }
            !mine
        });
        found
    }

    /// What the command did not take, as the one-line usage error.
    pub fn leftover(&self) -> Option<String> {
        // A flag the command declared but its `parse` did not read: a slip in the runner itself.
        if let Some((flag, _)) = self.flags.first() {
            return Some(format!(
                "`{}` declares --{flag} but does not read it (a bug in the runner)",
                self.command
            ));
        }
        let extra = self.positional.first()?;
        Some(if self.took_chapter {
            format!("unexpected argument `{extra}`; run `cargo xtask help`")
        } else {
            format!(
                "`{}` takes no chapter, but `{extra}` was given",
                self.command
            )
        })
    }
}

/// The usage text, from the commands' specs and the shared options, wrapped to `width`.
pub fn usage(commands: &[Spec], width: usize) -> String {
    let mut s = "usage: cargo xtask <command> [options]\n\ncommands:\n".to_string();
    for c in commands {
        let help: Vec<&str> = c.help.lines().map(str::trim).collect();
        s += &entry(
            format!("{} {}", c.name, c.args).trim(),
            &help.join(" "),
            width,
        );
        for (name, value, help) in c.flags {
            s += &entry(format!("  --{name} {value}").trim_end(), help, width);
        }
    }
    s += "\noptions of every command:\n";
    for (name, value, help) in OPTIONS {
        s += &entry(format!("--{name} {value}").trim_end(), help, width);
    }
    s
}

/// One entry of the usage: its head in a column of its own, its help wrapped beside it.
fn entry(head: &str, help: &str, width: usize) -> String {
    const HEAD: usize = 20;
    let room = width.saturating_sub(HEAD + 3).max(20);
    let mut s = String::new();
    for (i, line) in crate::ui::screen::wrap_line(help, room).iter().enumerate() {
        let head = if i == 0 { head } else { "" };
        s += &format!("  {head:<HEAD$} {line}\n");
    }
    s
}

/// The one-line error for a command there is not, with the nearest one there is.
pub fn unknown_command(word: &str, all: &[Spec]) -> String {
    let names: Vec<&str> = all.iter().map(|c| c.name).collect();
    let guess = nearest(word, names.iter().copied())
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    format!(
        "unknown command `{word}`; {guess}the commands are {}",
        names.join(", ")
    )
}

/// The one-line error for an option nobody takes, with the nearest one there is: the shared
/// options and the command's own (before the command, every command's).
pub fn unknown_flag(name: &str, spec: Option<&Spec>, all: &[Spec]) -> String {
    let shared = OPTIONS.iter().map(|f| f.0);
    let own = all
        .iter()
        .filter(|s| spec.is_none_or(|mine| mine.name == s.name))
        .flat_map(|s| s.flags.iter().map(|f| f.0));
    match nearest(name, shared.chain(own)) {
        Some(n) => format!("invalid option '--{name}'; did you mean `--{n}`?"),
        None => format!("invalid option '--{name}'; run `cargo xtask help` for the options"),
    }
}

/// The candidate nearest to `word`, if one is near enough to be a slip of the keyboard: at most
/// a third of its letters (and at least one) inserted, dropped, changed or swapped with the next
/// (`rnu` is `run`).
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let word: Vec<char> = word.chars().collect();
    let distance = |to: &str| {
        // The edit distance with swaps of neighbours (optimal string alignment), on a table.
        let to: Vec<char> = to.chars().collect();
        let (n, m) = (word.len(), to.len());
        let mut d = vec![vec![0usize; m + 1]; n + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=n {
            for j in 1..=m {
                let change = usize::from(word[i - 1] != to[j - 1]);
                let mut best = (d[i - 1][j - 1] + change)
                    .min(d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1);
                if i > 1 && j > 1 && word[i - 1] == to[j - 2] && word[i - 2] == to[j - 1] {
                    best = best.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        d[n][m]
    };
    candidates
        .map(|c| (distance(c), c))
        .filter(|&(d, _)| d <= (word.len() / 3).max(1))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// The options every command takes.
pub struct Opts {
    pub speed: f64,
    pub timeout: Option<Duration>,
    /// Whether to colour: `--color`, else the terminal layer's one decision.
    pub style: Style,
    pub course_dir: Option<PathBuf>,
    pub build: bool,
    pub progress_file: Option<PathBuf>,
}

/// The options every command takes, for the usage: `(name, value name, help)`.
pub const OPTIONS: &[Flag] = &[
    (
        "speed",
        "FACTOR",
        "run the lessons FACTOR times faster (default 1)",
    ),
    (
        "timeout",
        "DURATION",
        "kill a chapter that runs longer than this (default 20s at speed 1)",
    ),
    (
        "color",
        "WHEN",
        "auto (default: when stdout is a terminal and NO_COLOR is unset), always, never",
    ),
    (
        "course-dir",
        "DIR",
        "where the chapters are (default: chapters/)",
    ),
    (
        "no-build",
        "",
        "use the chapter binaries already built next to this runner",
    ),
    (
        "progress-file",
        "F",
        "where the tour keeps your place (default: .course-progress)",
    ),
];

impl Default for Opts {
    fn default() -> Opts {
        Opts {
            speed: 1.0,
            timeout: None,
            style: Style::auto(),
            course_dir: None,
            build: true,
            progress_file: None,
        }
    }
}

impl Opts {
    /// Take the shared option `--name` (reading its value with `value`); `Ok(false)` when
    /// `name` is not one of them.
    pub fn take(
        &mut self,
        name: &str,
        value: impl FnOnce() -> Result<String, String>,
    ) -> Result<bool, String> {
        match name {
            "speed" => self.speed = common::parse_speed(&value()?)?,
            "timeout" => self.timeout = Some(parse_timeout(&value()?)?),
            "color" | "colour" => {
                self.style = match value()?.as_str() {
                    "always" => Style { color: true },
                    "never" => Style { color: false },
                    "auto" => Style::auto(),
                    other => {
                        return Err(format!(
                            "--color takes auto, always or never, not `{other}`"
                        ));
                    }
                }
            }
            "course-dir" => self.course_dir = Some(value()?.into()),
            "no-build" => self.build = false,
            "progress-file" => self.progress_file = Some(value()?.into()),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

fn parse_timeout(v: &str) -> Result<Duration, String> {
    match humantime::parse_duration(v) {
        Ok(d) if !d.is_zero() => Ok(d),
        Ok(_) => Err("--timeout must be longer than 0s".into()),
        Err(e) => Err(format!(
            "--timeout takes a duration like 20s or 1m, not `{v}` ({e})"
        )),
    }
}

/// `--repeat N`, for the commands that take it.
pub fn parse_repeat(given: &mut Given) -> Result<u32, String> {
    match given.value("repeat") {
        None => Ok(1),
        Some(v) => match v.parse() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(format!(
                "--repeat takes a whole number of 1 or more, not `{v}`"
            )),
        },
    }
}

/// Why a command stopped: a usage error (exit 2, nothing done) or something broke (exit 1).
#[derive(Debug)]
pub enum Fail {
    Usage(String),
    Broken(String),
}

/// What a command works on: the shared options, the workspace and its chapters.
pub struct Ctx {
    pub opts: Opts,
    /// The workspace this runner was started in (found at run time, see `build::workspace`).
    pub root: PathBuf,
    pub course_dir: PathBuf,
    pub chapters: Vec<Chapter>,
}

impl Ctx {
    pub fn new(opts: Opts) -> Result<Ctx, Fail> {
        let root = crate::build::workspace().map_err(Fail::Usage)?;
        let course_dir = opts
            .course_dir
            .clone()
            .unwrap_or_else(|| root.join("chapters"));
        let chapters = course::discover(&course_dir).map_err(Fail::Usage)?;
        Ok(Ctx {
            opts,
            root,
            course_dir,
            chapters,
        })
    }

    /// The chapters a command works on: the one named, or all of them.
    pub fn select(&self, wanted: Option<&str>) -> Result<Vec<&Chapter>, Fail> {
        match wanted {
            Some(w) => Ok(vec![course::find(&self.chapters, w).map_err(Fail::Usage)?]),
            None if self.chapters.is_empty() => Err(Fail::Usage(format!(
                "there are no chapters in {}",
                self.course_dir.display()
            ))),
            None => Ok(self.chapters.iter().collect()),
        }
    }

    /// How long a chapter may run: 20 lesson seconds, but never under 5 real seconds (the
    /// CPU-bound chapters do not speed up).
    pub fn limit(&self) -> Duration {
        self.opts
            .timeout
            .unwrap_or_else(|| Duration::from_secs_f64((20.0 / self.opts.speed).max(5.0)))
    }

    /// How long a Python twin may run: twice a chapter's time (CPython's bank twins are CPU-bound
    /// and, on 3.11 and newer, sleep in every transfer: 5 to 10 s on a busy 2-core machine), at
    /// least 20 s.
    pub fn twin_limit(&self) -> Duration {
        self.opts
            .timeout
            .unwrap_or_else(|| Duration::from_secs_f64((40.0 / self.opts.speed).max(20.0)))
    }
}

#[cfg(test)]
mod tests {
    use crate::{COMMANDS, parse};

    fn args<S: AsRef<str>>(words: &[S]) -> Vec<std::ffi::OsString> {
        words.iter().map(|w| w.as_ref().into()).collect()
    }

    #[test]
    fn every_command_is_in_the_usage_and_parses_from_its_own_usage_line() {
        let usage = super::usage(COMMANDS, 80);
        for c in COMMANDS {
            assert!(usage.contains(&format!("\n  {} ", c.name)), "{}", c.name);
            let mut words = vec![c.name.to_string()];
            if c.args.contains("<chapter>") {
                words.push("ch01".into());
            }
            if c.args.contains("<exercise>") {
                words.push("1".into());
            }
            for (name, value, _) in c.flags {
                words.push(format!("--{name}"));
                if !value.is_empty() {
                    words.push("2".into());
                }
            }
            assert!(
                matches!(parse(args(&words)), Ok(Some(_))),
                "{words:?} does not parse"
            );
        }
    }

    #[test]
    fn the_usage_fits_the_width_and_keeps_every_word() {
        for width in [60, 80, 120] {
            let usage = super::usage(COMMANDS, width);
            for line in usage.lines() {
                assert!(line.chars().count() <= width, "{width}: {line:?}");
            }
            // Every help, word for word, in one piece.
            let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            let helps = COMMANDS
                .iter()
                .flat_map(|c| std::iter::once(c.help).chain(c.flags.iter().map(|f| f.2)))
                .chain(super::OPTIONS.iter().map(|f| f.2));
            for help in helps {
                assert!(flat(&usage).contains(&flat(help)), "{width}: {help}");
            }
        }
        let usage = super::usage(COMMANDS, 80);
        assert!(
            usage.contains("\n  --speed FACTOR       run the lessons"),
            "{usage}"
        );
    }

    #[test]
    fn a_misspelt_flag_or_command_suggests_the_nearest() {
        let err = parse(args(&["run-all", "--sped", "2"])).err().unwrap();
        assert!(
            err.contains("invalid option '--sped'; did you mean `--speed`?"),
            "{err}"
        );
        let err = parse(args(&["run-all", "--repaet", "2"])).err().unwrap();
        assert!(err.contains("did you mean `--repeat`?"), "{err}");
        let err = parse(args(&["run-all", "--bogus"])).err().unwrap();
        assert!(!err.contains("did you mean"), "{err}");
        let err = parse(args(&["runall"])).err().unwrap();
        assert!(err.contains("did you mean `run-all`?"), "{err}");
        // Two letters swapped is one slip.
        let err = parse(args(&["rnu", "ch01"])).err().unwrap();
        assert!(err.contains("did you mean `run`?"), "{err}");
        let err = parse(args(&["wacth"])).err().unwrap();
        assert!(err.contains("did you mean `watch`?"), "{err}");
        let err = parse(args(&["xyz"])).err().unwrap();
        assert!(!err.contains("did you mean"), "{err}");
    }

    #[test]
    fn a_flag_of_another_command_is_refused() {
        let err = parse(args(&["list", "--repeat", "2"])).err().unwrap();
        assert!(err.contains("invalid option '--repeat'"), "{err}");
        let err = parse(args(&["--check", "readme"])).err().unwrap();
        assert!(err.contains("invalid option '--check'"), "{err}");
    }
}
