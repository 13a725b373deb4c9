//! What every command is and gets: the [`Cmd`] trait a command implements, the words of the
//! command line it reads (its struct in [`flags`]), the options every command shares ([`Opts`]),
//! the course it works on ([`Ctx`]), and how it fails ([`Fail`]).

use std::path::{Path, PathBuf};
use std::time::Duration;

use course::build::Cargo;
use course::launch::{self, Echo, Program, Run};
use course::{Chapter, Error, verdict};
use timeline::{Recording, Timeline};

use crate::ui::term::Style;

pub mod flags;
mod usage;
mod values;

pub use usage::{say, usage};

/// A command of the runner. Its name, usage and help come from here, so the usage text, the
/// parser and the dispatch in `main.rs` never list the commands themselves.
pub trait Cmd: Sized {
    /// The word on the command line: `run-all`.
    const NAME: &'static str;
    /// What follows the name in the usage: `<chapter>`, `[<chapter>]` or nothing.
    const ARGS: &'static str = "";
    /// One line or two for the usage.
    const HELP: &'static str;
    /// The words the usage gives the command's own options: `(name, value name or "", help)`,
    /// like `("repeat", "N", "run each chapter N times")`. The options themselves are in the
    /// grammar ([`flags`]); the options every command takes are in [`Opts`].
    const FLAGS: &'static [Flag] = &[];
    /// Whether it is for the course's maintainers, not its students: the usage shows it apart.
    const MAINTAINERS: bool = false;
    /// What the command line gave it: the command's struct in the grammar, a field an option.
    type Flags;
    /// Read them (every field: one left unread does not compile), or say what is wrong.
    fn parse(flags: Self::Flags) -> Result<Self, Fail>;
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
    pub maintainers: bool,
}

impl Spec {
    pub const fn of<C: Cmd>() -> Spec {
        Spec {
            name: C::NAME,
            args: C::ARGS,
            help: C::HELP,
            flags: C::FLAGS,
            maintainers: C::MAINTAINERS,
        }
    }
}

/// The chapter `command` needs.
pub fn need_chapter(command: &str, chapter: Option<String>) -> Result<String, Fail> {
    chapter.ok_or_else(|| {
        Fail::Usage(format!(
            "`{command}` needs a chapter, like `cargo xtask {command} ch04`; `cargo xtask list` shows them"
        ))
    })
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
    /// The shared options given, and the command.
    pub fn new(given: flags::Xtask) -> (Opts, flags::XtaskCmd) {
        let flags::Xtask {
            speed,
            timeout,
            color,
            colour,
            course_dir,
            no_build,
            progress_file,
            subcommand,
        } = given;
        let opts = Opts {
            speed: speed.map_or(1.0, |s| s.0),
            timeout: timeout.map(|t| t.0),
            style: color.or(colour).map_or_else(Style::auto, |c| c.style()),
            course_dir,
            build: !no_build,
            progress_file,
        };
        (opts, subcommand)
    }
}

/// `--seed S`: replay the schedule noise of a check.
pub const SEED: Flag = (
    "seed",
    "S",
    "replay the schedule noise of seed S (extra runs, each holding one thread back a little at \
     its first sleep, to test the order of the lines; a failure under noise prints its seed)",
);

/// Why a command stopped: a usage error (exit 2, nothing done) or something broke (exit 1).
#[derive(Debug)]
pub enum Fail {
    Usage(String),
    Broken(String),
}

impl std::fmt::Display for Fail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fail::Usage(msg) | Fail::Broken(msg) => f.write_str(msg),
        }
    }
}

/// A trace file `--trace-out` cannot be written to is the student's to change.
impl From<timeline::trace::TraceOut> for Fail {
    fn from(e: timeline::trace::TraceOut) -> Fail {
        Fail::usage(e)
    }
}

impl Fail {
    /// A usage error, in the words of `e`.
    pub fn usage(e: impl std::fmt::Display) -> Fail {
        Fail::Usage(e.to_string())
    }

    /// Something broke, in the words of `e`.
    pub fn broken(e: impl std::fmt::Display) -> Fail {
        Fail::Broken(e.to_string())
    }
}

/// The library's errors, as the exit codes say them: a usage error (exit 2) when the library
/// says it is the student's to mend ([`Error::is_usage`]); else something broke (exit 1).
impl From<Error> for Fail {
    fn from(e: Error) -> Fail {
        match e.is_usage() {
            true => Fail::usage(e),
            false => Fail::broken(e),
        }
    }
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
        let root = course::build::workspace()?;
        let course_dir = opts
            .course_dir
            .clone()
            .unwrap_or_else(|| root.join("chapters"));
        let chapters = course::discover(&course_dir)?;
        Ok(Ctx {
            opts,
            root,
            course_dir,
            chapters,
        })
    }

    /// The chapters a command works on: the one named, or all of them.
    pub fn select(&self, wanted: Option<&str>) -> Result<Vec<&Chapter>, Fail> {
        Ok(course::chapter::select(
            &self.chapters,
            wanted,
            &self.course_dir,
        )?)
    }

    /// How long a chapter may run (`course::launch::limit`).
    pub fn limit(&self) -> Duration {
        course::launch::limit(self.opts.speed, self.opts.timeout)
    }

    /// The workspace's builds: unless `--no-build`, with cargo's progress when stderr is a
    /// terminal, and what a build says beside it on stderr.
    pub fn cargo(&self) -> Cargo<'_> {
        Cargo {
            root: &self.root,
            build: self.opts.build,
            progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            tell: &crate::ui::report::build_note,
        }
    }

    /// Run a chapter's binary or a twin once, within `limit`, on the lesson clock at `--speed`.
    pub fn run(&self, p: &Program, limit: Duration, echo: Echo) -> Result<Run, Fail> {
        launch::run(p, self.opts.speed, limit, echo)
            .map_err(|e| Fail::Broken(format!("cannot run {}: {e}", p.exe.display())))
    }

    /// Run a chapter once, within its limit; with `echo`, its lines are printed as they come.
    pub fn run_once(&self, exe: &Path, echo: bool) -> Result<Run, Fail> {
        let echo = if echo {
            crate::ui::report::echo()
        } else {
            Echo::Quiet
        };
        self.run(&Program::binary(exe), self.limit(), echo)
    }

    /// Run `chapter`'s built binary `exe` once, recorded, and check it (for the README's
    /// pictures and the book's): its timeline, or `None`, said why, when the run did not show
    /// its lesson.
    pub fn run_recorded(&self, chapter: &Chapter, exe: &Path) -> Result<Option<Timeline>, Fail> {
        let expected = verdict::expected(chapter)?;
        let rec = Recording::new(&chapter.name);
        let program = Program::binary(exe).with_env(rec.env());
        let r = self.run(&program, self.limit(), Echo::Quiet)?;
        if !crate::ui::timeline::drawable(self.opts.style, chapter, &verdict::judge(&expected, r)) {
            return Ok(None);
        }
        rec.read()
            .map(Some)
            .map_err(|e| Fail::Broken(e.to_string()))
    }

    /// How long a Python twin may run (`course::launch::twin_limit`).
    pub fn twin_limit(&self) -> Duration {
        course::launch::twin_limit(self.opts.speed, self.opts.timeout)
    }
}

#[cfg(test)]
mod tests {
    use crate::{COMMANDS, parse};

    fn args<S: AsRef<str>>(words: &[S]) -> Vec<std::ffi::OsString> {
        words.iter().map(|w| w.as_ref().into()).collect()
    }

    /// What the parser says to `words`: a usage error (exit 2), in its words.
    fn refused(words: &[&str]) -> String {
        match parse(args(words)) {
            Err(super::Fail::Usage(msg)) => msg,
            Err(other) => panic!("{words:?}: not a usage error: {other}"),
            Ok(_) => panic!("{words:?} parsed"),
        }
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
            match parse(args(&words)) {
                Ok(Some((_, command))) => assert_eq!(command.name(), c.name, "{words:?}"),
                _ => panic!("{words:?} does not parse"),
            }
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
        let err = refused(&["run-all", "--sped", "2"]);
        assert!(
            err.contains("invalid option `--sped`; did you mean `--speed`?"),
            "{err}"
        );
        let err = refused(&["run-all", "--repaet", "2"]);
        assert!(err.contains("did you mean `--repeat`?"), "{err}");
        let err = refused(&["run-all", "--bogus"]);
        assert!(!err.contains("did you mean"), "{err}");
        let err = refused(&["runall"]);
        assert!(err.contains("did you mean `run-all`?"), "{err}");
        // Two letters swapped is one slip.
        let err = refused(&["rnu", "ch01"]);
        assert!(err.contains("did you mean `run`?"), "{err}");
        let err = refused(&["wacth"]);
        assert!(err.contains("did you mean `watch`?"), "{err}");
        let err = refused(&["xyz"]);
        assert!(!err.contains("did you mean"), "{err}");
    }

    #[test]
    fn a_seed_is_a_whole_number() {
        let err = refused(&["check", "4", "--seed", "x"]);
        assert_eq!(err, "--seed takes a whole number, like 4711, not `x`");
        let given = super::flags::Xtask::from_vec(args(&["check", "4", "--seed", "42"])).unwrap();
        match given.subcommand {
            super::flags::XtaskCmd::Check(c) => assert_eq!(c.seed.map(|s| s.0), Some(42)),
            other => panic!("{other:?}"),
        }
    }

    /// The grammar's options, command by command, as xflags' own help lists them (`""` for the
    /// shared ones), beside the words the usage gives them: the same, both ways.
    #[test]
    fn the_usage_names_every_option_of_the_grammar_and_no_other() {
        let help = super::flags::Xtask::from_vec(args(&["--help"])).unwrap_err();
        assert!(help.is_help());
        let mut grammar: Vec<(String, String)> = Vec::new();
        let mut command = String::new();
        for line in help.to_string().lines() {
            if let Some(name) = line.strip_prefix("xtask ") {
                command = name.to_string();
            } else if let Some(flag) = line.trim().strip_prefix("--") {
                let flag = flag.split(' ').next().unwrap();
                if flag != "help" && flag != "colour" {
                    grammar.push((command.clone(), flag.to_string()));
                }
            }
        }
        let shared = super::OPTIONS
            .iter()
            .map(|f| (String::new(), f.0.to_string()));
        let own = COMMANDS.iter().flat_map(|c| {
            c.flags
                .iter()
                .map(|f| (c.name.to_string(), f.0.to_string()))
        });
        let mut usage: Vec<(String, String)> = shared.chain(own).collect();
        grammar.sort();
        usage.sort();
        assert!(grammar.len() > 20, "{grammar:?}");
        assert_eq!(grammar, usage);
    }

    /// Each thing the parser refuses, in the runner's one line (xflags' words are not shown).
    #[test]
    fn what_the_parser_refuses_is_said_in_the_runners_words() {
        let cases: &[(&[&str], &str)] = &[
            (
                &["run-all", "--repeat"],
                "missing argument for option `--repeat`; run `cargo xtask help` for the options",
            ),
            (
                &["run-all", "--repeat", "0"],
                "--repeat takes a whole number of 1 or more, not `0`",
            ),
            (
                &["run-all", "--python", "--python"],
                "--python is given twice; give it once",
            ),
            (
                &["--speed", "2", "runall"],
                "unknown command `runall`; did you mean `run-all`? the commands are",
            ),
            (
                &["list", "ch01"],
                "`list` takes no chapter, but `ch01` was given",
            ),
            (
                &["prove", "--no-build", "x"],
                "`prove` takes no chapter, but `x` was given",
            ),
            (
                &["run", "ch01", "--repeat", "2", "ch02"],
                "unexpected argument `ch02`; run `cargo xtask help`",
            ),
            (
                &["help", "run"],
                "`help` takes no chapter, but `run` was given",
            ),
            (
                &["--course-dir", "list", "--sped", "2"],
                "invalid option `--sped`; did you mean `--speed`?",
            ),
            (
                &["-x", "list"],
                "invalid option `-x`; run `cargo xtask help` for the options",
            ),
            (
                &["run-all", "--timeout=soon"],
                "--timeout takes a duration like 20s or 1m, not `soon`",
            ),
            (
                &[],
                "no command given; try `cargo xtask run-all` or `cargo xtask help`",
            ),
        ];
        for (words, says) in cases {
            let err = refused(words);
            assert!(err.starts_with(says), "{words:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{words:?}: {err}");
        }
        use std::os::unix::ffi::OsStringExt;
        let bad = std::ffi::OsString::from_vec(vec![0xff]);
        let err = parse(vec!["hint".into(), bad]).err().unwrap().to_string();
        assert_eq!(err, "an argument is not valid text");
    }

    #[test]
    fn help_and_a_value_after_an_equals_sign_are_read() {
        for words in [&["help"][..], &["--help"], &["run", "-h"]] {
            assert!(matches!(parse(args(words)), Ok(None)), "{words:?}");
        }
        let (opts, _) = parse(args(&["--speed=4", "list", "--color=never"]))
            .unwrap()
            .unwrap();
        assert_eq!(opts.speed, 4.0);
        assert!(!opts.style.color);
    }

    #[test]
    fn the_maintainers_commands_come_last_under_a_heading_of_their_own() {
        let usage = super::usage(COMMANDS, 80);
        let (students, maintainers) = usage
            .split_once("\nfor the course's maintainers:\n")
            .expect("the maintainers' heading");
        let commands = |text: &str| -> Vec<String> {
            let heads = text.lines().filter_map(|l| l.strip_prefix("  "));
            heads
                .filter(|l| !l.starts_with([' ', '-']))
                .filter_map(|l| l.split_whitespace().next().map(String::from))
                .collect()
        };
        let maintainers = commands(maintainers);
        assert_eq!(
            maintainers,
            ["readme", "book", "bless", "timeline", "check-solutions"]
        );
        let students = commands(students);
        for c in [
            "tour", "hint", "list", "run", "run-all", "compare", "prove", "play", "watch", "check",
            "reset",
        ] {
            assert!(students.contains(&c.to_string()), "{c}: {students:?}");
        }
        assert_eq!(students.len() + maintainers.len(), COMMANDS.len());
    }

    #[test]
    fn a_flag_of_another_command_is_refused() {
        let err = refused(&["list", "--repeat", "2"]);
        assert!(err.contains("invalid option `--repeat`"), "{err}");
        let err = refused(&["--check", "readme"]);
        assert!(err.contains("invalid option `--check`"), "{err}");
    }
}
