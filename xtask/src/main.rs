//! `cargo xtask`: the course's runner. It runs the chapters on the lesson clock and checks each
//! against its expected log. `cargo xtask help` says how.
#![forbid(unsafe_code)]

mod course;
// Not called yet: wired into `run` once the runner has its one-file-per-command shape.
mod matcher;
mod report;
mod run;
#[allow(dead_code)]
mod timeline;
mod tour;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use course::Chapter;
use matcher::Line;
use report::{CYAN, GREEN, RED, paint, verdict};

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  tour [<chapter>]     step through the course: each lesson, its run, what you saw and what
                       to try; it remembers where you are
  hint <chapter>       what to look for in a chapter and what to try
  list                 the chapters, in order
  run <chapter>        run one chapter and check it (ch04, 4 or ch04_race)
  run-all              run every chapter in order and check each
  prove                the proofs: loom models of the lessons on every schedule, and the
                       programs Rust must refuse to compile
  readme [--check]     rewrite (or check) the README's chapter map from the chapters' docs
  bless [<chapter>]    rewrite the expected log of a chapter (all when none is named) from a
                       fresh run; lines that still match keep their [..] placeholders

options:
  --repeat N           run each chapter N times and count the passes (run, run-all)
  --speed FACTOR       run the lessons FACTOR times faster (default 1)
  --timeout DURATION   kill a chapter that runs longer than this (default 20s at speed 1)
  --color WHEN         auto (default: when stdout is a terminal and NO_COLOR is unset), always, never
  --course-dir DIR     where the chapters are (default: chapters/)
  --no-build           use the chapter binaries already built next to this runner
  --progress-file F    where the tour keeps your place (default: .course-progress)
";

struct Opts {
    command: String,
    chapter: Option<String>,
    repeat: u32,
    speed: f64,
    timeout: Option<Duration>,
    color: bool,
    course_dir: PathBuf,
    build: bool,
    check: bool,
    progress_file: PathBuf,
}

fn main() -> ExitCode {
    let opts = match parse_args(std::env::args_os().skip(1)) {
        Ok(Some(o)) => o,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => return usage_error(&msg),
    };
    match dispatch(&opts) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Fail::Usage(msg)) => usage_error(&msg),
        Err(Fail::Broken(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(1)
        }
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}

/// Why the runner stopped: a usage error (exit 2, nothing done) or something broke (exit 1).
enum Fail {
    Usage(String),
    Broken(String),
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Colour when stdout is a terminal and `NO_COLOR` is not set.
fn auto_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn parse_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Option<Opts>, String> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_args(args);
    // lexopt's own errors ("missing argument for option '--repeat'") get the way out added.
    let lexopt_err = |e: lexopt::Error| format!("{e}; run `cargo xtask help` for the options");
    let mut positional: Vec<String> = Vec::new();
    let mut o = Opts {
        command: String::new(),
        chapter: None,
        repeat: 1,
        speed: 1.0,
        timeout: None,
        color: auto_color(),
        course_dir: workspace_root().join("chapters"),
        build: true,
        check: false,
        progress_file: workspace_root().join(".course-progress"),
    };
    let text = |v: Result<std::ffi::OsString, lexopt::Error>| -> Result<String, String> {
        v.map_err(lexopt_err)?
            .into_string()
            .map_err(|_| "an option's value is not valid text".to_string())
    };
    while let Some(arg) = p.next().map_err(lexopt_err)? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("repeat") => {
                let v = text(p.value())?;
                o.repeat = match v.parse() {
                    Ok(n) if n >= 1 => n,
                    _ => {
                        return Err(format!(
                            "--repeat takes a whole number of 1 or more, not `{v}`"
                        ));
                    }
                };
            }
            Long("speed") => o.speed = common::parse_speed(&text(p.value())?)?,
            Long("timeout") => {
                let v = text(p.value())?;
                o.timeout = match humantime::parse_duration(&v) {
                    Ok(d) if !d.is_zero() => Some(d),
                    Ok(_) => return Err("--timeout must be longer than 0s".into()),
                    Err(e) => {
                        return Err(format!(
                            "--timeout takes a duration like 20s or 1m, not `{v}` ({e})"
                        ));
                    }
                };
            }
            Long("color") | Long("colour") => {
                o.color = match text(p.value())?.as_str() {
                    "always" => true,
                    "never" => false,
                    "auto" => auto_color(),
                    other => {
                        return Err(format!(
                            "--color takes auto, always or never, not `{other}`"
                        ));
                    }
                };
            }
            Long("course-dir") => o.course_dir = PathBuf::from(text(p.value())?),
            Long("no-build") => o.build = false,
            Long("check") => o.check = true,
            Long("progress-file") => o.progress_file = PathBuf::from(text(p.value())?),
            Value(v) => positional.push(
                v.into_string()
                    .map_err(|_| "an argument is not valid text".to_string())?,
            ),
            other => {
                return Err(format!(
                    "{}; run `cargo xtask help` for the options",
                    other.unexpected()
                ));
            }
        }
    }
    let mut positional = positional.into_iter();
    o.command = match positional.next() {
        None => {
            return Err("no command given; try `cargo xtask run-all` or `cargo xtask help`".into());
        }
        Some(c) if c == "help" => return Ok(None),
        Some(c) => c,
    };
    if !COMMANDS.contains(&o.command.as_str()) {
        return Err(format!(
            "unknown command `{}`; the commands are {}",
            o.command,
            COMMANDS.join(", ")
        ));
    }
    o.chapter = positional.next();
    if let Some(extra) = positional.next() {
        return Err(format!(
            "unexpected argument `{extra}`; run `cargo xtask help`"
        ));
    }
    let needs_chapter = o.command == "run" || o.command == "hint";
    let takes_chapter = needs_chapter || o.command == "bless" || o.command == "tour";
    match (&o.chapter, needs_chapter, takes_chapter) {
        (None, true, _) => {
            return Err(format!(
                "`{0}` needs a chapter, like `cargo xtask {0} ch04`; `cargo xtask list` shows them",
                o.command
            ));
        }
        (Some(c), _, false) => {
            return Err(format!(
                "`{}` takes no chapter, but `{c}` was given",
                o.command
            ));
        }
        _ => {}
    }
    Ok(Some(o))
}

const COMMANDS: &[&str] = &[
    "tour", "hint", "list", "run", "run-all", "bless", "prove", "readme",
];

/// The chapters a command works on: the one named, or all of them.
fn select<'c>(o: &Opts, chapters: &'c [Chapter]) -> Result<Vec<&'c Chapter>, Fail> {
    match &o.chapter {
        Some(w) => Ok(vec![course::find(chapters, w).map_err(Fail::Usage)?]),
        None if chapters.is_empty() => Err(Fail::Usage(format!(
            "there are no chapters in {}",
            o.course_dir.display()
        ))),
        None => Ok(chapters.iter().collect()),
    }
}

fn dispatch(o: &Opts) -> Result<bool, Fail> {
    let chapters = course::discover(&o.course_dir).map_err(Fail::Usage)?;
    match o.command.as_str() {
        "list" => {
            for c in &chapters {
                println!("{:<22} {}", c.name, c.lesson.title);
            }
            Ok(true)
        }
        "run" | "run-all" => {
            let selected = select(o, &chapters)?;
            // Read every expected log and find every binary before anything runs: a missing or
            // broken one is a usage error, found at once.
            let mut expected = Vec::new();
            for c in &selected {
                expected.push(read_expected(c)?);
            }
            let exes = build(o, &selected)?;
            let mut all_passed = true;
            let mut total = Duration::ZERO;
            for ((c, e), exe) in selected.iter().zip(&expected).zip(&exes) {
                let (passed, took) = check_chapter(o, c, e, exe)?;
                all_passed &= passed;
                total += took;
            }
            if selected.len() > 1 || o.repeat > 1 {
                println!(
                    "{} in {:.1}s",
                    if all_passed {
                        paint(o.color, GREEN, "all chapters passed")
                    } else {
                        paint(o.color, RED, "some chapters FAILED")
                    },
                    total.as_secs_f64()
                );
            }
            Ok(all_passed)
        }
        "bless" => {
            let selected = select(o, &chapters)?;
            // Read every old log first: a broken one stops everything before anything is written.
            let mut old = Vec::new();
            for c in &selected {
                old.push(match read_expected(c) {
                    Err(Fail::Usage(_)) if !c.expected_log().exists() => Vec::new(),
                    other => other?,
                });
            }
            let exes = build(o, &selected)?;
            let mut ok = true;
            for ((c, old), exe) in selected.iter().zip(&old).zip(&exes) {
                ok &= bless(o, c, old, exe)?;
            }
            Ok(ok)
        }
        "hint" => {
            let c = course::find(&chapters, o.chapter.as_deref().unwrap_or_default())
                .map_err(Fail::Usage)?;
            println!("{}: {}\n", c.name, c.lesson.title);
            for h in ["What to look for", "Try this"] {
                if let Some(t) = c.lesson.section(h) {
                    println!("{}\n{t}\n", paint(o.color, CYAN, h));
                }
            }
            Ok(true)
        }
        "tour" => run_tour(o, &chapters),
        "prove" => prove(o),
        "readme" => {
            let path = workspace_root().join("README.md");
            let old = std::fs::read_to_string(&path)
                .map_err(|e| Fail::Usage(format!("cannot read {}: {e}", path.display())))?;
            let new =
                course::with_table(&old, &course::readme_table(&chapters)).map_err(Fail::Usage)?;
            if new == old {
                println!("README.md: the chapter map is up to date");
            } else if o.check {
                println!("README.md: the chapter map is out of date; run `cargo xtask readme`");
                return Ok(false);
            } else {
                std::fs::write(&path, new)
                    .map_err(|e| Fail::Broken(format!("cannot write {}: {e}", path.display())))?;
                println!("README.md: chapter map rewritten from the chapters' docs");
            }
            Ok(true)
        }
        other => unreachable!("parse_args lets only known commands through, not `{other}`"),
    }
}

fn read_expected(c: &Chapter) -> Result<Vec<Line>, Fail> {
    let path = c.expected_log();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Fail::Usage(format!(
                "{} has no expected log ({}); make one from a run with `cargo xtask bless {}`",
                c.name,
                path.display(),
                c.short()
            )));
        }
        Err(e) => return Err(Fail::Usage(format!("cannot read {}: {e}", path.display()))),
    };
    matcher::parse_expected(&text).map_err(|e| Fail::Usage(format!("{}: {e}", path.display())))
}

fn cargo() -> std::process::Command {
    let mut cmd =
        std::process::Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(workspace_root());
    cmd
}

/// Build the chapters' binaries (unless `--no-build`) and find each: they land next to this
/// runner's own binary.
fn build(o: &Opts, chapters: &[&Chapter]) -> Result<Vec<PathBuf>, Fail> {
    if o.build && !chapters.is_empty() {
        let mut cmd = cargo();
        cmd.args(["build", "--quiet", "--workspace"]);
        for c in chapters {
            cmd.args(["--bin", &c.name]);
        }
        let status = cmd
            .status()
            .map_err(|e| Fail::Broken(format!("cannot start cargo to build the chapters: {e}")))?;
        if !status.success() {
            return Err(Fail::Broken(
                "the chapters did not build (cargo's errors are above)".into(),
            ));
        }
    }
    let me = std::env::current_exe()
        .map_err(|e| Fail::Broken(format!("cannot find the runner's own binary: {e}")))?;
    chapters
        .iter()
        .map(|c| {
            let exe = me
                .with_file_name(&c.name)
                .with_extension(std::env::consts::EXE_EXTENSION);
            if exe.is_file() {
                Ok(exe)
            } else {
                Err(Fail::Usage(format!(
                    "{} is not built ({} is missing); run without --no-build",
                    c.name,
                    exe.display()
                )))
            }
        })
        .collect()
}

/// Run a chapter once, the way every command does.
fn run_once(o: &Opts, exe: &Path, echo: bool) -> Result<run::Run, Fail> {
    run::run(exe, o.speed, limit(o), echo)
        .map_err(|e| Fail::Broken(format!("cannot run {}: {e}", exe.display())))
}

fn limit(o: &Opts) -> Duration {
    // 20 lesson seconds, but never under 5 real seconds: the CPU-bound chapters do not speed up.
    o.timeout
        .unwrap_or_else(|| Duration::from_secs_f64((20.0 / o.speed).max(5.0)))
}

/// Run a chapter `--repeat` times; print its line and, on a failure, why.
fn check_chapter(
    o: &Opts,
    c: &Chapter,
    expected: &[Line],
    exe: &Path,
) -> Result<(bool, Duration), Fail> {
    let mut passes = 0;
    let mut first_failure: Option<String> = None;
    let mut times = Vec::new();
    for _ in 0..o.repeat {
        let r = run_once(o, exe, false)?;
        times.push(r.took);
        match verdict(o.color, c, expected, &r) {
            None => passes += 1,
            Some(why) => {
                first_failure.get_or_insert(why);
            }
        }
    }
    let total: Duration = times.iter().sum();
    let passed = passes == o.repeat;
    let status = if passed {
        paint(o.color, GREEN, "ok")
    } else {
        paint(o.color, RED, "FAILED")
    };
    if o.repeat == 1 {
        println!("{:<22} {status:<6} {:>6.2}s", c.name, total.as_secs_f64());
    } else {
        let min = times.iter().min().copied().unwrap_or_default();
        let max = times.iter().max().copied().unwrap_or_default();
        println!(
            "{:<22} {status:<6} {passes}/{} passed ({:.2}s to {:.2}s a run)",
            c.name,
            o.repeat,
            min.as_secs_f64(),
            max.as_secs_f64()
        );
    }
    if let Some(why) = first_failure {
        print!("{why}");
    }
    Ok((passed, total))
}

/// Rewrite a chapter's expected log from a fresh run, only if that run ended normally. Lines that
/// still match the old log keep its text, placeholders and all. The file is replaced whole, by
/// a rename, never left half written.
fn bless(o: &Opts, c: &Chapter, old: &[Line], exe: &Path) -> Result<bool, Fail> {
    let path = c.expected_log();
    let r = run_once(o, exe, false)?;
    let actual = matcher::parse_output(&r.stdout);
    let m = matcher::check(old, &actual);
    let refused = if !r.ended_normally() {
        Some("the run did not end normally")
    } else if !m.backwards.is_empty() {
        Some("the output goes back in time")
    } else {
        None
    };
    if let Some(why) = refused {
        println!(
            "{:<22} {}",
            c.name,
            paint(o.color, RED, &format!("NOT blessed: {why}"))
        );
        print!("{}", verdict(o.color, c, old, &r).unwrap_or_default());
        return Ok(false);
    }
    if m.passed() && !old.is_empty() {
        println!("{:<22} blessed (unchanged): {}", c.name, path.display());
        return Ok(true);
    }
    // The new output in the old log's order, with the old text (and its placeholders) wherever
    // a line still matches: the diff of a bless shows only what really changed.
    let text: String = matcher::aligned(old, &actual, &m)
        .into_iter()
        .map(|l| l + "\n")
        .collect();
    let tmp = path.with_extension("log.tmp");
    std::fs::write(&tmp, &text)
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Fail::Broken(format!("cannot write {}: {e}", path.display()))
        })?;
    println!("{:<22} blessed (updated): {}", c.name, path.display());
    Ok(true)
}

/// `cargo xtask tour`: one chapter at a time, live, with the place remembered.
fn run_tour(o: &Opts, chapters: &[Chapter]) -> Result<bool, Fail> {
    use std::io::BufRead;
    // Where to start: the chapter named, else the saved place. A named chapter is checked
    // before anything is said.
    let wanted = select(o, chapters)?;
    let names: Vec<&str> = chapters.iter().map(|c| c.name.as_str()).collect();
    let numbers: Vec<Option<u32>> = chapters.iter().map(Chapter::number).collect();
    let mut at = match &o.chapter {
        Some(_) => names.iter().position(|n| *n == wanted[0].name).unwrap_or(0),
        None => {
            let (at, why) = tour::load(&o.progress_file, &names);
            if let Some(why) = why {
                println!("({why}: starting at the first chapter)");
            }
            at
        }
    };
    // With no terminal to answer, the tour goes on by itself and never waits.
    let interactive = std::io::stdin().is_terminal();
    let exes = build(o, &chapters.iter().collect::<Vec<_>>())?;
    let stdin = std::io::stdin();
    let mut answers = stdin.lock().lines();
    let known: Vec<u32> = numbers.iter().flatten().copied().collect();
    let prompt = tour::prompt(
        known.first().copied().unwrap_or(1),
        known.last().copied().unwrap_or(chapters.len() as u32),
    );
    // How to come back: the same command, with the same progress file if it was not the default.
    let again = if o.progress_file == workspace_root().join(".course-progress") {
        "cargo xtask tour".to_string()
    } else {
        format!(
            "cargo xtask tour --progress-file {}",
            o.progress_file.display()
        )
    };
    loop {
        let c = &chapters[at];
        tour_chapter(o, c, at, chapters.len(), &exes[at])?;
        if let Err(e) = tour::save(&o.progress_file, &c.name) {
            println!(
                "(could not remember your place in {}: {e})",
                o.progress_file.display()
            );
        }
        let next = if interactive {
            loop {
                println!("\n{}", paint(o.color, CYAN, &prompt));
                match answers.next() {
                    None | Some(Err(_)) => break None,
                    Some(Ok(a)) => match tour::parse_cmd(&a, &numbers) {
                        Ok(cmd) => break tour::apply(at, &cmd, chapters.len()),
                        Err(e) => println!("{e}"),
                    },
                }
            }
        } else {
            tour::apply(at, &tour::Cmd::Next, chapters.len())
        };
        match next {
            Some(n) => at = n,
            None => break,
        }
    }
    if at + 1 == chapters.len() {
        println!("\nThat was the last chapter. `{again} 1` starts over.");
    } else {
        println!(
            "\nYour place is kept: `{again}` comes back to {}.",
            chapters[at].name
        );
    }
    Ok(true)
}

fn tour_chapter(o: &Opts, c: &Chapter, at: usize, count: usize, exe: &Path) -> Result<(), Fail> {
    let head = format!("Chapter {} of {count} {}", at + 1, tour::bar(at, count));
    println!(
        "\n{}\n{}: {}\n",
        paint(o.color, CYAN, &head),
        c.name,
        c.lesson.title
    );
    if !c.lesson.summary.is_empty() {
        println!("{}\n", c.lesson.summary);
    }
    if let Some(t) = c.lesson.section("What to look for") {
        println!("{}\n{t}\n", paint(o.color, CYAN, "What to look for"));
    }
    println!(
        "{}",
        paint(
            o.color,
            CYAN,
            &format!(
                "Running {} (cargo run -p {} -- --clock lesson):",
                c.name, c.name
            )
        )
    );
    let r = run_once(o, exe, true)?;
    println!("\n{}", paint(o.color, CYAN, "What you just saw"));
    match read_expected(c) {
        Err(Fail::Usage(why) | Fail::Broken(why)) => println!("Nothing to compare with: {why}"),
        Ok(expected) => match verdict(o.color, c, &expected, &r) {
            None => println!(
                "{}: every line matched {}, times included.",
                paint(o.color, GREEN, "The lesson showed"),
                c.expected_log().display()
            ),
            Some(why) => {
                println!(
                    "{}; if you changed the code, this is what changed:",
                    paint(o.color, RED, "This run differs from the lesson's log")
                );
                print!("{why}");
            }
        },
    }
    if let Some(t) = c.lesson.section("Try this") {
        println!("\n{}\n{t}", paint(o.color, CYAN, "Try this"));
    }
    Ok(())
}

/// `cargo xtask prove`: what holds on every schedule, and what must not compile.
fn prove(o: &Opts) -> Result<bool, Fail> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let root = workspace_root();
    // (what it proves, cargo's arguments, whether it builds with loom's types)
    let steps: [(&str, &[&str], bool); 2] = [
        (
            "compile-fail lessons and doc tests: what Rust refuses, and the fixes it accepts",
            &["test", "--quiet", "--workspace", "--doc"],
            false,
        ),
        (
            "loom models: the lessons on the schedules of their threads that loom explores",
            &[
                "test",
                "--quiet",
                "--release",
                "-p",
                "proofs",
                "--test",
                "loom",
            ],
            true,
        ),
    ];
    let mut ok = true;
    for (what, args, loom) in steps {
        println!("{} {what}", paint(o.color, CYAN, "==>"));
        let start = std::time::Instant::now();
        let mut cmd = std::process::Command::new(&cargo);
        cmd.current_dir(&root).args(args);
        if loom {
            // loom's types replace std's only under this cfg; a target dir of its own keeps the
            // ordinary build's cache.
            cmd.env("RUSTFLAGS", "--cfg loom")
                .env("CARGO_TARGET_DIR", root.join("target/loom"));
        }
        let status = cmd
            .status()
            .map_err(|e| Fail::Broken(format!("cannot start cargo: {e}")))?;
        let verdict = if status.success() {
            paint(o.color, GREEN, "proved")
        } else {
            ok = false;
            paint(o.color, RED, "FAILED")
        };
        println!(
            "    {verdict} in {:.1}s (cargo {})",
            start.elapsed().as_secs_f64(),
            args.join(" ")
        );
    }
    Ok(ok)
}

/// Each chapter's claim is pinned in its expected log: a run in which the lesson failed to show
/// (the claim line changed, gone, or at another time) fails the check.
#[cfg(test)]
mod claims {
    use crate::matcher::{self, Time};

    /// A run that prints exactly the expected log: placeholders stand as text, and a `[..]`
    /// time becomes the time of the line before.
    fn faithful_run(expected: &str) -> String {
        let mut last = "00:00:00".to_string();
        let mut out = String::new();
        for line in expected.lines() {
            let line = match line.strip_prefix("[..]: ") {
                Some(rest) => format!("{last}: {rest}"),
                None => line.to_string(),
            };
            last = line[..8].to_string();
            out += &line;
            out.push('\n');
        }
        out
    }

    fn passes(expected: &str, output: &str) -> bool {
        let e = matcher::parse_expected(expected).unwrap();
        let o = matcher::parse_output(output);
        assert!(
            e.iter().all(|l| l.time != Time::None),
            "every expected line has a time"
        );
        matcher::check(&e, &o).passed()
    }

    #[test]
    fn a_run_that_fails_to_show_the_lesson_fails_its_check() {
        // (chapter, a line of its faithful run, that line in a run where the lesson failed; an
        // empty replacement drops the line, a new line after "\n" adds one)
        let broken: &[(&str, &str, &str)] = &[
            (
                "ch01_spawn_join",
                "00:00:02: Thread 2: finishing",
                "00:00:06: Thread 2: finishing",
            ),
            (
                "ch02_daemon_threads",
                "00:00:01: Main    : thread 1 done",
                "00:00:01: Main    : thread 1 done\n00:00:02: Thread 0: finishing",
            ),
            ("ch03_thread_pool", "done after 4 s.", "done after 2 s."),
            ("ch04_race", "Ending value is 1.", "Ending value is 2."),
            ("ch05_lock_fix", "Ending value is 2.", "Ending value is 1."),
            (
                "ch06_rlock",
                "try_lock says WouldBlock",
                "try_lock took the lock again",
            ),
            (
                "ch07_deadlock",
                "00:00:04: Main    : deadlock detected: Thread A holds lock 1 and waits for lock 2\n",
                "",
            ),
            (
                "ch08_forgotten_lock",
                "bug caught: yes, a check without the lock saw money in flight",
                "bug caught: no, every check happened to agree",
            ),
            (
                "ch09_safe_bank",
                "wrong total in 0 of 49995",
                "wrong total in 3 of 49995",
            ),
            (
                "ch10_fine_grained",
                "Unordered: deadlock detected",
                "Unordered: no deadlock",
            ),
        ];
        let chapters = crate::workspace_root().join("chapters");
        let all = crate::course::discover(&chapters).unwrap();
        assert_eq!(
            all.len(),
            broken.len(),
            "every chapter names the claim its log pins"
        );
        for (chapter, good, bad) in broken {
            let expected =
                std::fs::read_to_string(chapters.join(chapter).join("expected.log")).unwrap();
            let run = faithful_run(&expected);
            assert!(
                passes(&expected, &run),
                "{chapter}: its own faithful run passes"
            );
            assert!(run.contains(good), "{chapter}: no line with {good:?}");
            let failed = run.replacen(good, bad, 1);
            assert!(
                !passes(&expected, &failed),
                "{chapter}: {good:?} -> {bad:?} still passes"
            );
        }
    }
}
