//! The practice half: exercises the student fixes, and the judge that says whether a fix is real.
//!
//! An exercise is a folder `exercises/NN_name/` holding the crate `exNN_name`: the chapter's
//! story with the fix left out, its `//!` doc (title, `## Your task`, `## Hint`, `## If it
//! differs`) in `src/main.rs`, its `expected.log`, and, where a schedule decides, a loom model in
//! `tests/model.rs`. `solutions/NN_name/` holds the files of a reference fix at the same paths,
//! and `NOTE.md`, why it is right.
//!
//! Exercises are not members of the course's workspace: `exercises/Cargo.toml` is a workspace of
//! its own, built only here, with the course's target dir and a copy of its `Cargo.lock`, so the
//! course's compiled dependencies are reused and only the exercise is compiled.
//!
//! The judge ([`judge`]) builds the exercise, runs it on the lesson clock against its expected
//! log (times, claims, a time limit), then runs its loom model, and says in the lesson's words
//! what is wrong. `check`, `watch` and `check-solutions` all use it.

pub mod check;
pub mod reset;
pub mod solutions;
pub mod watch;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::build;
use crate::cli::{Ctx, Fail, Given};
use crate::course::{self, Chapter, Lesson};
use crate::diff::Change;
use crate::launch;
use crate::report::{CYAN, GREEN, RED, paint, render};
use crate::screen;
use crate::verdict;

/// One exercise, found on disk.
pub struct Exercise {
    /// The crate's name, `ex04_race`.
    pub name: String,
    /// Its folder's name, `04_race`, the same under `exercises/` and `solutions/`.
    pub folder: String,
    pub number: u32,
    pub lesson: Lesson,
}

impl Exercise {
    /// The exercise as the runner's report knows a chapter: its name, folder and lesson (for the
    /// expected log and the `## If it differs` rules).
    fn as_chapter(&self, ws: &Path) -> Chapter {
        Chapter {
            name: self.name.clone(),
            dir: ws.join(&self.folder),
            lesson: Lesson {
                title: self.lesson.title.clone(),
                summary: self.lesson.summary.clone(),
                sections: self.lesson.sections.clone(),
            },
        }
    }

    /// The files of the reference solution, as (path inside the exercise, path of the file).
    pub fn solution_files(&self, solutions: &Path) -> Vec<(PathBuf, PathBuf)> {
        let root = solutions.join(&self.folder);
        let mut files = Vec::new();
        collect_files(&root, &root, &mut files);
        files.retain(|(rel, _)| rel != Path::new("NOTE.md"));
        files
    }
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_files(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push((rel.to_path_buf(), p.clone()));
        }
    }
}

/// The exercises under `dir`, in order: folders `NN_name` with a `Cargo.toml` and `src/main.rs`.
pub fn discover(dir: &Path) -> Result<Vec<Exercise>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the exercises folder {}: {e}", dir.display()))?;
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(folder) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(number) = folder
            .split_once('_')
            .and_then(|(n, _)| n.parse::<u32>().ok())
        else {
            continue;
        };
        let main = path.join("src/main.rs");
        if !path.join("Cargo.toml").is_file() || !main.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&main)
            .map_err(|e| format!("cannot read {}: {e}", main.display()))?;
        found.push(Exercise {
            name: format!("ex{folder}"),
            folder: folder.to_string(),
            number,
            lesson: course::parse_lesson(&text),
        });
    }
    found.sort_by_key(|e| e.number);
    Ok(found)
}

/// Find an exercise by its number (`4`, `04`), short name (`ex04`, `ex4`), folder (`04_race`)
/// or crate name (`ex04_race`); `ch04` names chapter 4's exercise too.
pub fn find<'e>(all: &'e [Exercise], wanted: &str) -> Result<&'e Exercise, String> {
    let bare = wanted
        .strip_prefix("ex")
        .or_else(|| wanted.strip_prefix("ch"))
        .unwrap_or(wanted);
    let number: Option<u32> = bare.split('_').next().and_then(|n| n.parse().ok());
    let by_name = all
        .iter()
        .find(|e| e.name == wanted || e.folder == wanted || e.folder == bare);
    by_name
        .or_else(|| {
            all.iter()
                .find(|e| number == Some(e.number) && !bare.contains('_'))
        })
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
            format!(
                "unknown exercise `{wanted}`; the exercises are: {} (a number like 4 works too)",
                names.join(", ")
            )
        })
}

/// Where an exercise workspace is built and run: the course's root (for its `Cargo.lock` and
/// target dir) and the workspace folder (`exercises/`, or a scratch copy of it).
pub struct Place {
    pub root: PathBuf,
    pub ws: PathBuf,
    /// Where it builds: the course's target dir for `exercises/`, another for a scratch copy
    /// (see `build::exercise`).
    pub target: PathBuf,
}

/// How one stage of the judge went.
pub struct Judgement {
    pub passed: bool,
    /// What to tell the student: the failures in the lesson's words, or what passed.
    pub report: String,
    /// The first stage that failed, if one did: `build`, `run` or `model`.
    pub failed_at: Option<&'static str>,
}

/// The judge's settings.
pub struct Settings {
    pub speed: f64,
    /// `--timeout`, when given; else each run's limit comes from its expected log.
    pub timeout: Option<Duration>,
    pub color: bool,
    /// Whether a check that stops early still waits for its model's build: yes on scratch
    /// copies, which are changed or removed next; no for the student, who is shown the failure
    /// at once while the build goes on (and is ready for the next check).
    pub wait_for_model: bool,
}

/// How long a model may run: loom explores these small models in well under a second.
const MODEL_LIMIT: Duration = Duration::from_secs(20);

/// How long an exercise may run: its expected log's last time and 5 lesson seconds more (a fix
/// that waits for ever is stopped soon after its lesson should have ended), never under 5 real
/// seconds (the banks' work is CPU-bound and does not speed up).
fn run_limit(expected: &[crate::matcher::Line], speed: f64) -> Duration {
    let last = expected
        .iter()
        .filter_map(|l| match l.time {
            crate::matcher::Time::At(t) => Some(t),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    Duration::from_secs_f64((f64::from(last + 5) / speed).max(5.0))
}

impl Settings {
    pub fn of(ctx: &Ctx) -> Settings {
        Settings {
            speed: ctx.opts.speed,
            timeout: ctx.opts.timeout,
            color: ctx.opts.color,
            wait_for_model: false,
        }
    }
}

/// The exercises of the course in `ctx`, and where they build.
pub fn course(ctx: &Ctx) -> Result<(Place, Vec<Exercise>), Fail> {
    let ws = ctx.root.join("exercises");
    let all = discover(&ws).map_err(Fail::Usage)?;
    if all.is_empty() {
        return Err(Fail::Usage(format!(
            "there are no exercises in {}",
            ws.display()
        )));
    }
    Ok((
        Place {
            root: ctx.root.clone(),
            ws,
            target: build::target_dir(&ctx.root),
        },
        all,
    ))
}

/// The exercise of chapter `c`, if it has one.
pub fn for_chapter(ctx: &Ctx, c: &Chapter) -> Option<Exercise> {
    let number = c.number()?;
    discover(&ctx.root.join("exercises"))
        .ok()?
        .into_iter()
        .find(|e| e.number == number)
}

/// The exercise named on the command line.
pub fn named<'e>(all: &'e [Exercise], wanted: &str) -> Result<&'e Exercise, Fail> {
    find(all, wanted).map_err(Fail::Usage)
}

/// `"exercise"` as a command's argument: the words the parser's chapter errors use, for
/// exercises.
pub fn need_exercise(given: &mut Given) -> Result<String, String> {
    given.chapter().ok_or_else(|| {
        format!(
            "`{0}` needs an exercise, like `cargo xtask {0} 4`; the exercises are in exercises/",
            given.command
        )
    })
}

/// The model's build, running beside the program's.
type ModelBuild = std::thread::JoinHandle<Result<build::Built, Fail>>;

/// Build, run and model-check one exercise in `place`.
pub fn judge(place: &Place, ex: &Exercise, s: &Settings) -> Result<Judgement, Fail> {
    let mut report = String::new();
    // The model, where there is one, builds in its own target dir while the program builds
    // and runs: on two cores a re-check costs the longer of the two, not their sum.
    let has_model = place.ws.join(&ex.folder).join("tests/model.rs").is_file();
    build::lock_in(&place.root, &place.ws)?;
    if has_model && !build::loom_is_built(&place.target) {
        println!(
            "(this first model check also builds loom, the model checker: about a minute, once)"
        );
    }
    let started = Instant::now();
    let mut model_build = has_model.then(|| {
        let (ws, target, name, color) = (
            place.ws.clone(),
            place.target.clone(),
            ex.name.clone(),
            s.color,
        );
        std::thread::spawn(move || build::exercise(&ws, &target, &name, true, color))
    });
    // A check of a scratch copy that stops early still waits for the model's build: no cargo
    // is left running on a folder that is changed or removed next.
    let fail = |model_build: &mut Option<ModelBuild>, report: String, at| {
        if let Some(b) = model_build.take().filter(|_| s.wait_for_model) {
            let _ = b.join();
        }
        Judgement {
            passed: false,
            report,
            failed_at: Some(at),
        }
    };
    // 1. It compiles.
    let exe = match build::exercise(&place.ws, &place.target, &ex.name, false, s.color)? {
        Ok(exe) => exe,
        Err(errors) => {
            report += &format!(
                "{} it does not compile yet; the compiler says:\n{}",
                paint(s.color, RED, "✗"),
                indent(&errors)
            );
            return Ok(fail(&mut model_build, report, "build"));
        }
    };
    report += &format!(
        "{} it compiles ({:.1}s)\n",
        paint(s.color, GREEN, "✓"),
        started.elapsed().as_secs_f64()
    );
    // 2. Its run shows the lesson: the expected log, with its times and its claims, in time.
    let chapter = ex.as_chapter(&place.ws);
    let expected = verdict::expected(&chapter)?;
    let limit = s.timeout.unwrap_or_else(|| run_limit(&expected, s.speed));
    let r = launch::run(&launch::Program::binary(&exe), s.speed, limit, false)
        .map_err(|e| Fail::Broken(format!("cannot run {}: {e}", exe.display())))?;
    if let Some(why) = render(s.color, &chapter, &verdict::judge(&expected, &r)) {
        report += &format!(
            "{} its run does not show the lesson ({:.1}s):\n{why}",
            paint(s.color, RED, "✗"),
            r.took.as_secs_f64()
        );
        return Ok(fail(&mut model_build, report, "run"));
    }
    report += &format!(
        "{} its run matches the lesson's log, times and claims included ({:.1}s)\n",
        paint(s.color, GREEN, "✓"),
        r.took.as_secs_f64()
    );
    // 3. Where a schedule decides: the model holds on every schedule loom explores.
    if has_model {
        if let Some(why) = std_sync_used(&place.ws.join(&ex.folder)) {
            report += &format!("{} {why}\n", paint(s.color, RED, "✗"));
            return Ok(fail(&mut model_build, report, "model"));
        }
        let started = Instant::now();
        let built = match model_build.take() {
            Some(b) => b
                .join()
                .map_err(|_| Fail::Broken("the model's build thread panicked".into()))?,
            None => build::exercise(&place.ws, &place.target, &ex.name, true, s.color),
        };
        match model(built?, s)? {
            Ok(()) => {
                report += &format!(
                    "{} its loom model holds on every schedule loom tried ({:.1}s)\n",
                    paint(s.color, GREEN, "✓"),
                    started.elapsed().as_secs_f64()
                );
            }
            Err(why) => {
                report += &format!("{} {why}", paint(s.color, RED, "✗"));
                return Ok(fail(&mut model_build, report, "model"));
            }
        }
    }
    Ok(Judgement {
        passed: true,
        report,
        failed_at: None,
    })
}

/// A model checker sees only the sync types it swaps in: `common::sync`'s. Code that takes
/// std's directly would hang it or hide from it, so say so plainly.
fn std_sync_used(dir: &Path) -> Option<String> {
    let mut files = Vec::new();
    collect_files(&dir.join("src"), &dir.join("src"), &mut files);
    for (rel, path) in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let sync_type = ["Mutex", "atomic", "RwLock", "Condvar"]
                .iter()
                .any(|t| code.contains(t));
            if code.contains("std::sync") && sync_type {
                return Some(format!(
                    "src/{}:{}: `{}` takes std's sync types directly: take them from the `use \
                     common::sync::...` at the top of the file (std's in a normal run, loom's \
                     under the model), or the model checker cannot see them",
                    rel.display(),
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    None
}

/// Run the exercise's loom model, once built; `Ok(Err(why))` when it fails, with the schedule.
fn model(built: build::Built, s: &Settings) -> Result<Result<(), String>, Fail> {
    let exe = match built {
        Ok(exe) => exe,
        Err(errors) => {
            return Ok(Err(format!(
                "its loom model does not compile with the model checker's types:\n{}",
                indent(&errors)
            )));
        }
    };
    let mut cmd = Command::new(exe);
    cmd.args(["--test-threads", "1", "--color", "never"])
        .env("RUST_BACKTRACE", "0");
    let limit = s.timeout.unwrap_or(MODEL_LIMIT).max(MODEL_LIMIT);
    let (ok, text, timed_out) = run_limited(cmd, limit)?;
    Ok(if ok {
        Ok(())
    } else if timed_out {
        Err(format!(
            "its loom model did not end within {}: a thread waits for ever on some schedule\n",
            humantime::format_duration(limit)
        ))
    } else {
        Err(format!(
            "its loom model found a schedule that breaks it:\n{}",
            model_failure(&text)
        ))
    })
}

/// The model's own words for the schedule it found: its panic message, without the test
/// harness's frame.
fn model_failure(text: &str) -> String {
    let from = text.find("panicked at").unwrap_or(0);
    let to = text[from..]
        .find("\nnote: run with `RUST_BACKTRACE")
        .or_else(|| text[from..].find("\n\nfailures:"))
        .map_or(text.len(), |n| from + n);
    let body = &text[from..to];
    // The line that says where it panicked is the test's, not the student's: drop it.
    let body = body.split_once('\n').map_or(body, |(_, rest)| rest);
    indent(body)
}

/// Run `cmd` to its end, or kill it after `limit`. (ok, stdout and stderr, timed out)
fn run_limited(mut cmd: Command, limit: Duration) -> Result<(bool, String, bool), Fail> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Fail::Broken(format!("cannot start the model: {e}")))?;
    let pipe = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = r.read_to_string(&mut s);
            s
        })
    };
    let out = pipe(Box::new(child.stdout.take().expect("piped")));
    let err = pipe(Box::new(child.stderr.take().expect("piped")));
    let start = Instant::now();
    let (status, timed_out) = loop {
        match child.try_wait() {
            Ok(Some(status)) => break (Some(status), false),
            Ok(None) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(10)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break (None, true);
            }
        }
    };
    let text = format!(
        "{}{}",
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default()
    );
    Ok((status.is_some_and(|s| s.success()), text, timed_out))
}

fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| format!("    {l}\n"))
        .collect()
}

/// The task, from the exercise's doc: its title, summary and `## Your task`.
pub fn task(ex: &Exercise, color: bool) -> String {
    let mut s = format!(
        "{}\n\n{}\n",
        paint(color, CYAN, &ex.lesson.title),
        screen::wrap(&ex.lesson.summary, screen::width())
    );
    if let Some(t) = ex.lesson.section("Your task") {
        s += &format!(
            "\n{}\n{}\n",
            paint(color, CYAN, "Your task"),
            screen::wrap(t, screen::width())
        );
    }
    s
}

/// The reference solution and why it is right, for after a pass: each file of the solution as
/// a diff against the exercise as the course gave it (git's last commit), or whole when git
/// cannot say.
pub fn solution(ex: &Exercise, root: &Path, color: bool) -> String {
    let solutions = root.join("solutions");
    let mut s = String::new();
    for (rel, path) in ex.solution_files(&solutions) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let given = format!("exercises/{}/{}", ex.folder, rel.display());
        let original = std::process::Command::new("git")
            .current_dir(root)
            .args(["show", &format!("HEAD:{given}")])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
        match original {
            Some(original) => {
                s += &format!(
                    "{}\n",
                    paint(
                        color,
                        CYAN,
                        &format!("The reference fix, against {given} as given:")
                    )
                );
                let old: Vec<&str> = original.lines().collect();
                let new: Vec<&str> = text.lines().collect();
                for hunk in crate::diff::hunks(&old, &new, 2) {
                    for change in hunk.lines {
                        s += &match change {
                            Change::Gone(line) => paint(color, RED, &format!("-{line}")) + "\n",
                            Change::Added(line) => paint(color, GREEN, &format!("+{line}")) + "\n",
                            Change::Same(line) => format!(" {line}\n"),
                        };
                    }
                    s += "\n";
                }
            }
            None => {
                s += &format!(
                    "{}\n{text}\n",
                    paint(
                        color,
                        CYAN,
                        &format!("The reference solution's {}:", rel.display())
                    )
                );
            }
        }
    }
    if let Ok(note) = std::fs::read_to_string(solutions.join(&ex.folder).join("NOTE.md")) {
        let note = note.trim_start_matches("# Why this is right").trim();
        s += &format!(
            "{}\n{}\n",
            paint(color, CYAN, "Why this is right"),
            screen::wrap(note, screen::width())
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mk(folder: &str, number: u32) -> Exercise {
        Exercise {
            name: format!("ex{folder}"),
            folder: folder.into(),
            number,
            lesson: Lesson::default(),
        }
    }

    #[test]
    fn exercises_are_found_by_number_short_name_folder_or_crate() {
        let all = vec![mk("01_spawn_join", 1), mk("04_race", 4)];
        for w in ["4", "04", "ex4", "ex04", "04_race", "ex04_race", "ch04"] {
            assert_eq!(find(&all, w).unwrap().name, "ex04_race", "{w}");
        }
        let err = find(&all, "9").err().unwrap();
        assert!(err.contains("ex01_spawn_join, ex04_race"), "{err}");
        assert!(find(&all, "04_spawn").is_err());
    }

    /// The lines of `[section]` in a manifest, without comments and blank lines.
    fn section(manifest: &str, name: &str) -> Vec<String> {
        manifest
            .lines()
            .skip_while(|l| l.trim() != format!("[{name}]"))
            .skip(1)
            .take_while(|l| !l.starts_with('['))
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    }

    #[test]
    fn exercises_share_the_course_build() {
        // Same versions, lints and profile as the course: otherwise an exercise would compile
        // its dependencies again (another profile) or resolve other versions.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let course = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
        let ex = std::fs::read_to_string(root.join("exercises/Cargo.toml")).unwrap();
        for line in section(&ex, "workspace.dependencies") {
            let line = line.replace("path = \"../", "path = \"");
            assert!(
                section(&course, "workspace.dependencies").contains(&line),
                "exercises/Cargo.toml has `{line}`, which the root Cargo.toml does not"
            );
        }
        for name in [
            "workspace.lints.rust",
            "workspace.lints.clippy",
            "profile.dev",
            "profile.release",
            "profile.dev.package.lab",
            "profile.dev.package.rand",
            "profile.dev.package.chacha20",
        ] {
            assert_eq!(
                section(&ex, name),
                section(&course, name),
                "[{name}] differs"
            );
        }
    }

    #[test]
    fn a_run_may_last_its_log_and_five_lesson_seconds_more() {
        let log = crate::matcher::parse_expected("00:00:00: a\n00:00:06: b\n[..]: c\n").unwrap();
        assert_eq!(run_limit(&log, 1.0), Duration::from_secs(11));
        assert_eq!(run_limit(&log, 10.0), Duration::from_secs(5));
        assert_eq!(run_limit(&[], 1.0), Duration::from_secs(5));
    }

    #[test]
    fn a_model_failure_keeps_the_models_words() {
        let text = "running 1 test\n\nthread 'x' panicked at tests/model.rs:9:\nan update was lost:\n    Thread 0\nnote: run with `RUST_BACKTRACE=1`\n\nfailures:\n";
        assert_eq!(
            model_failure(text),
            "    an update was lost:\n        Thread 0\n"
        );
    }
}
