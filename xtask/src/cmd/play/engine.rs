//! The play engine, as the runner asks it: the play crate's binary (the chapters' levels), or an
//! exercise's model (its one level, on the student's code); one question a call, one typed answer
//! (`playproto::Answer`), and the words of what its searches found.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use playproto::{Answer, End, Game, Level, Search};

use super::draw;
use super::moves_text;
use crate::build;
use crate::cli::{Ctx, Fail};
use crate::ui::screen;

/// A file of our own for a model to write to (`what`: its answers, or the schedule that broke
/// it), not there yet: each question its own, so that two at once never read each other's.
pub fn scratch(what: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let file =
        std::env::temp_dir().join(format!("xtask-play-{what}-{}-{n}.json", std::process::id()));
    let _ = std::fs::remove_file(&file);
    file
}

/// The built engine, and the workspace it reads the sources of its levels from.
pub struct Engine {
    exe: PathBuf,
    pub root: PathBuf,
    /// The engine is an exercise's model (its test binary, whose one level plays the student's
    /// code), asked through `play::model::ASK`; else the play crate's own binary.
    pub(super) model: bool,
    /// The course's root, and where a schedule the model found at a game's end is kept.
    pub(super) course: PathBuf,
    found: PathBuf,
}

/// The answers a model wrote to its answer file, in the order it gave them (to `levels`, each
/// model of the binary gives its own level).
fn model_answers(text: &str) -> Result<Vec<Answer>, playproto::Error> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(playproto::from_json)
        .collect()
}

impl Engine {
    /// The play crate's engine, with the chapters' levels (built unless `--no-build`).
    pub fn chapters(ctx: &Ctx) -> Result<Engine, Fail> {
        Ok(Engine {
            exe: build::play_engine(ctx)?,
            root: ctx.root.clone(),
            model: false,
            course: ctx.root.clone(),
            found: ctx.root.join(super::FOUND),
        })
    }

    /// The engine of exercise `ex`'s one level: its model on the play runtime
    /// (`tests/play.rs`), built as `cargo xtask check` builds it, on the student's code.
    pub fn exercise(ctx: &Ctx, ex: &crate::cmd::practice::Exercise) -> Result<Engine, Fail> {
        let (place, _) = crate::cmd::practice::course(ctx)?;
        build::lock_in(&place.root, &place.ws)?;
        let built =
            build::exercise_play_model(&place.ws, &place.target, &ex.name, ctx.opts.style.color)?;
        let exe = built.map_err(|errors| {
            Fail::Usage(format!(
                "{}'s model does not compile on the play runtime (`cargo xtask check {}` says \
                 more); the compiler says:\n{}",
                ex.name,
                ex.number,
                errors.trim_end()
            ))
        })?;
        Ok(Engine {
            exe,
            root: place.ws,
            model: true,
            course: ctx.root.clone(),
            found: place.target.join("play/exercises"),
        })
    }

    /// Ask the engine; what it answered (a model's test binary gives one answer a model that
    /// answers). It is a child of ours only for the few milliseconds of the question, with
    /// nothing of our environment.
    pub fn answers(&self, args: &[String]) -> Result<Vec<Answer>, Fail> {
        let mut cmd = Command::new(&self.exe);
        cmd.current_dir(&self.root).env_clear();
        let file = scratch("answer");
        if self.model {
            // The test binary, each model answering for its own level, one at a time.
            cmd.args(["--test-threads", "1", "--color", "never"])
                .env(playproto::ASK, args.join(" "))
                .env(playproto::ANSWER, &file);
        } else {
            cmd.args(args);
        }
        let out = cmd
            .stdin(Stdio::null())
            .output()
            .map_err(|e| Fail::Broken(format!("cannot start the play engine: {e}")))?;
        let text = match self.model {
            true => {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                let _ = std::fs::remove_file(&file);
                text
            }
            false => String::from_utf8_lossy(&out.stdout).into_owned(),
        };
        let answers = model_answers(&text);
        match answers {
            Ok(answers) if !answers.is_empty() => Ok(answers),
            _ if !out.status.success() => {
                let err = String::from_utf8_lossy(&out.stderr);
                let last = err
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                Err(Fail::Broken(format!("the play engine failed: {last}")))
            }
            Ok(_) => Err(Fail::Broken(format!(
                "the play engine ({}) answered nothing to `{}`",
                self.exe.display(),
                args.join(" ")
            ))),
            Err(e) => Err(Fail::Broken(format!(
                "the play engine's answer to `{}` does not read: {e}",
                args.join(" ")
            ))),
        }
    }

    /// The one answer to a question about one level; a refusal is an error, in its words.
    pub fn ask(&self, args: &[String]) -> Result<Answer, Fail> {
        match self.answers(args)?.into_iter().next() {
            Some(Answer::Refused { words, .. }) => {
                Err(Fail::Broken(format!("the play engine refused: {words}")))
            }
            Some(answer) => Ok(answer),
            None => Err(Fail::Broken("the play engine answered nothing".into())),
        }
    }

    /// Every level the engine plays.
    pub fn levels(&self) -> Result<Vec<Level>, Fail> {
        let mut out = Vec::new();
        for answer in self.answers(&["levels".into()])? {
            match answer {
                Answer::Levels(levels) => out.extend(levels),
                other => return Err(unexpected("levels", &other)),
            }
        }
        Ok(out)
    }

    pub fn game(&self, level: &Level, moves: &[usize], last_only: bool) -> Result<Game, Fail> {
        let mut args = vec!["game".to_string(), level.id.clone()];
        if last_only {
            args.push("--last".into());
        }
        args.extend(moves.iter().map(|m| m.to_string()));
        match self.ask(&args)? {
            Answer::Game(game) => Ok(game),
            other => Err(unexpected("a game", &other)),
        }
    }

    /// A search of the level's schedules: `explore <cap>` or `random <seed> <count>`.
    pub fn search(&self, level: &Level, how: &[String]) -> Result<Search, Fail> {
        let mut args = vec![how[0].clone(), level.id.clone()];
        args.extend(how[1..].iter().cloned());
        match self.ask(&args)? {
            Answer::Search(search) => Ok(search),
            other => Err(unexpected("a search", &other)),
        }
    }

    /// Run the model over the schedules of a fixed level: the lines that say what it found.
    pub fn model(&self, level: &Level, width: usize) -> Result<Vec<String>, Fail> {
        let s = self.check(level)?;
        let mut lines = super::verdict::lines(level, &s, width);
        if let Some((moves, _)) = s.found() {
            let file = self.found.join(format!("{}.txt", level.id));
            let kept = std::fs::create_dir_all(&self.found)
                .map_err(|e| Fail::Usage(e.to_string()))
                .and_then(|()| super::save(&file, &level.id, &moves));
            let play = match kept {
                Ok(()) => format!(
                    "Play it: cargo xtask play --replay {}",
                    file.strip_prefix(&self.course).unwrap_or(&file).display()
                ),
                Err(_) => format!(
                    "Play it: cargo xtask play {} --moves \"{}\"",
                    level.id,
                    moves_text(&moves)
                ),
            };
            lines.extend(screen::wrap_line(&play, width));
            let game = self.game(level, &moves, false)?;
            lines.extend(draw::schedule_with(&game, &moves, true, width));
        }
        Ok(lines)
    }

    /// The level's own search (`play check`: `play/src/levels/mod.rs`'s `plan`).
    pub fn check(&self, level: &Level) -> Result<Search, Fail> {
        self.search(level, &["check".into()])
    }

    /// The model's verdict on a fixed level, as paragraphs (the terminal wraps them; the book
    /// shows them as they are): what its search ran and what it found, and the level's note.
    pub fn verdict(&self, level: &Level) -> Result<Vec<String>, Fail> {
        Ok(super::verdict::paragraphs(level, &self.check(level)?))
    }

    /// The level's game for the book: its positions (at most `max`), and how often the goal is
    /// reached.
    pub fn export(&self, level: &Level, max: usize) -> Result<playproto::export::Export, Fail> {
        let how = ["export".into(), max.to_string(), SAMPLE.to_string()];
        let mut args = vec![how[0].clone(), level.id.clone()];
        args.extend(how[1..].iter().cloned());
        match self.ask(&args)? {
            Answer::Export(e) => Ok(*e),
            other => Err(unexpected("a game to export", &other)),
        }
    }
}

/// The most positions a level's game keeps (the book's, and the count of how often the bug shows
/// at a game's end): 36,000 of the biggest games made 0.8 to 1.0 MB of data, 1.2 to 2.3 s each
/// (`play export <level> 36000 200` in target/play/debug); the book's budget is 1 MB a level.
pub const POSITIONS: usize = 30_000;

/// The random schedules the game's export counts how often the goal is reached on, when the
/// game has more positions than it keeps.
pub const SAMPLE: usize = 200;

/// How often the bug shows, in words: of the schedules counted, how many reach the goal, and
/// what was counted.
pub fn often_words(o: &playproto::export::Often) -> String {
    let schedules = if o.schedules == 1 {
        "schedule".to_string()
    } else {
        format!("{} schedules", thousands(o.schedules))
    };
    match o.every {
        true => format!(
            "How often the bug shows: {} of the {schedules} of these threads reach the goal \
             (every schedule, each counted to its end).",
            thousands(o.won)
        ),
        false => format!(
            "How often the bug shows: {} of {schedules} chosen at random reach the goal (these \
             threads have more schedules than the game counts, so this is a sample).",
            thousands(o.won)
        ),
    }
}

/// What a run of the chapter shows beside the game's count: one schedule, the machine's pick; and
/// where the level names it (`run` in the table), the line of the chapter's expected log that
/// gives the run's own figure.
pub fn real_run(root: &std::path::Path, level: &Level) -> String {
    let mut out = "A run of the chapter is one of these schedules, and the machine picks it: \
                   whether the bug shows is a property of the schedules, not of the code alone."
        .to_string();
    let line = level.run.as_ref().and_then(|fragment| {
        let log = std::fs::read_to_string(
            root.join("chapters")
                .join(&level.chapter)
                .join("expected.log"),
        )
        .ok()?;
        let line = log.lines().find(|l| l.contains(fragment.as_str()))?;
        Some(
            line.split_once(": ")
                .map_or(line, |(_, rest)| rest)
                .to_string(),
        )
    });
    if let Some(line) = line {
        out += &format!(" The chapter's own run prints `{line}`");
        out += match line.contains("[..]") {
            true => " (its expected log; `[..]` is what varies from run to run).",
            false => " (its expected log).",
        };
    }
    out
}

/// `12345` as `12,345`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An answer that is not the one asked for.
fn unexpected(wanted: &str, answer: &Answer) -> Fail {
    Fail::Broken(format!(
        "the play engine was asked for {wanted} and answered {}",
        playproto::to_json(answer)
    ))
}

/// How a game ended, in words.
pub fn end_words(end: &End) -> &str {
    match end {
        End::Won(w) | End::Ended(w) | End::Failed(w) | End::Bad(w) => w,
        End::OutOfMoves => "the moves ran out before the goal",
    }
}

pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_often_says_what_was_counted() {
        use playproto::export::Often;
        let every = Often {
            schedules: 20,
            won: 12,
            every: true,
        };
        assert_eq!(
            often_words(&every),
            "How often the bug shows: 12 of the 20 schedules of these threads reach the goal \
             (every schedule, each counted to its end)."
        );
        let sample = Often {
            schedules: 200,
            won: 0,
            every: false,
        };
        assert!(
            often_words(&sample)
                .starts_with("How often the bug shows: 0 of 200 schedules chosen at random")
        );
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn an_exercise_models_answers_are_read_a_line_each() {
        let level = |id: &str| Level {
            id: id.into(),
            ..Level::default()
        };
        let text = format!(
            "{}\n\n{}\n",
            playproto::to_json(&Answer::Levels(vec![level("ex04")])),
            playproto::to_json(&Answer::Levels(vec![level("ex04b")]))
        );
        assert_eq!(
            model_answers(&text).unwrap(),
            [
                Answer::Levels(vec![level("ex04")]),
                Answer::Levels(vec![level("ex04b")])
            ]
        );
        assert_eq!(model_answers("").unwrap(), []);
        assert!(model_answers("level\tex04\n").is_err());
    }

    /// A model's refusal is its typed answer, whatever else its test binary prints or however
    /// it exits; a model that answers nothing is said to.
    #[test]
    fn a_models_refusal_is_its_answer_not_its_output() {
        let dir = std::env::temp_dir().join(format!("xtask-play-model-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let refused = playproto::to_json(&Answer::Refused {
            code: 3,
            words: "no level \"ex99\"".into(),
        });
        let script = |name: &str, body: &str| {
            let exe = dir.join(name);
            std::fs::write(&exe, format!("#!/bin/sh\n{body}\n")).unwrap();
            let _ = Command::new("chmod").arg("+x").arg(&exe).status();
            Engine {
                exe,
                root: dir.clone(),
                model: true,
                course: dir.clone(),
                found: dir.clone(),
            }
        };
        let model = script(
            "refuses",
            &format!(
                "echo 'thread panicked at x.rs:1:1:' >&2\necho 'not this' >&2\n\
                 echo '{refused}' >> \"${}\"\nexit 101",
                playproto::ANSWER
            ),
        );
        match model.ask(&["game".into(), "ex99".into()]) {
            Err(Fail::Broken(words)) => {
                assert_eq!(words, "the play engine refused: no level \"ex99\"")
            }
            other => panic!("{:?}", other.map(|a| playproto::to_json(&a))),
        }
        let silent = script("silent", "echo 'running 1 test'");
        match silent.ask(&["levels".into()]) {
            Err(Fail::Broken(words)) => assert!(words.contains("answered nothing"), "{words}"),
            other => panic!("{:?}", other.map(|a| playproto::to_json(&a))),
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
