//! The play engine, as the runner asks it: the play crate's binary (the chapters' levels), or an
//! exercise's model (its one level, on the student's code); one question a call, one typed answer
//! (`playproto::Answer`).

use std::path::PathBuf;
use std::process::{Command, Stdio};

use playproto::{Answer, Game, Level, Search};

use crate::Error;
use crate::build::{self, Cargo};
use crate::exercise::{Exercise, Place};
use crate::play::{save, scratch};

/// Where a game's end keeps the schedule its model found that breaks a fixed level's claim, for
/// `--replay` (not prove's `target/play/counterexamples`, which prove clears and fills).
pub const FOUND: &str = "target/play/found";

/// The built engine, and the workspace it reads the sources of its levels from.
pub struct Engine {
    exe: PathBuf,
    pub root: PathBuf,
    /// The engine is an exercise's model (its test binary, whose one level plays the student's
    /// code), asked through `play::model::ASK`; else the play crate's own binary.
    pub model: bool,
    /// The course's root, and where a schedule the model found at a game's end is kept.
    pub course: PathBuf,
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
    pub fn chapters(cargo: &Cargo) -> crate::Result<Engine> {
        Ok(Engine {
            exe: cargo.play_engine()?,
            root: cargo.root.to_path_buf(),
            model: false,
            course: cargo.root.to_path_buf(),
            found: cargo.root.join(FOUND),
        })
    }

    /// The engine of exercise `ex`'s one level: its model on the play runtime
    /// (`tests/play.rs`), built as `cargo xtask check` builds it, on the student's code.
    pub fn exercise(place: &Place, ex: &Exercise, color: bool) -> crate::Result<Engine> {
        build::lock_in(&place.root, &place.ws)?;
        let built = build::exercise_play_model(&place.ws, &place.target, &ex.name, color)?;
        let exe = match built {
            build::Compiled::Binary(exe) => exe,
            build::Compiled::Refused(errors) => {
                return Err(Error::ModelNoBuild {
                    name: ex.name.clone(),
                    number: ex.number,
                    errors: errors.trim_end().to_string(),
                });
            }
        };
        Ok(Engine {
            exe,
            root: place.ws.clone(),
            model: true,
            course: place.root.clone(),
            found: place.target.join("play/exercises"),
        })
    }

    /// Ask the engine; what it answered (a model's test binary gives one answer a model that
    /// answers). It is a child of ours only for the few milliseconds of the question, with
    /// nothing of our environment.
    pub fn answers(&self, args: &[String]) -> crate::Result<Vec<Answer>> {
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
            .map_err(Error::EngineStart)?;
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
                Err(Error::EngineFailed(last.to_string()))
            }
            Ok(_) => Err(Error::EngineSilent {
                exe: self.exe.clone(),
                asked: args.join(" "),
            }),
            Err(e) => Err(Error::EngineUnreadable {
                asked: args.join(" "),
                error: e,
            }),
        }
    }

    /// The one answer to a question about one level; a refusal is an error, in its words.
    pub fn ask(&self, args: &[String]) -> crate::Result<Answer> {
        match self.answers(args)?.into_iter().next() {
            Some(Answer::Refused { words, .. }) => Err(Error::EngineRefused(words)),
            Some(answer) => Ok(answer),
            None => Err(Error::EngineNothing),
        }
    }

    /// Every level the engine plays.
    pub fn levels(&self) -> crate::Result<Vec<Level>> {
        let mut out = Vec::new();
        for answer in self.answers(&["levels".into()])? {
            match answer {
                Answer::Levels(levels) => out.extend(levels),
                other => return Err(unexpected("levels", &other)),
            }
        }
        Ok(out)
    }

    pub fn game(&self, level: &Level, moves: &[usize], last_only: bool) -> crate::Result<Game> {
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
    pub fn search(&self, level: &Level, how: &[String]) -> crate::Result<Search> {
        let mut args = vec![how[0].clone(), level.id.clone()];
        args.extend(how[1..].iter().cloned());
        match self.ask(&args)? {
            Answer::Search(search) => Ok(search),
            other => Err(unexpected("a search", &other)),
        }
    }

    /// Run the model over the schedules of a fixed level: its search, and the schedule it found
    /// that breaks the claim, if it found one, kept for `--replay` where it can be.
    pub fn model_check(&self, level: &Level) -> crate::Result<ModelCheck> {
        let search = self.check(level)?;
        let found = match search.found() {
            None => None,
            Some((moves, _)) => {
                let file = self.found.join(format!("{}.txt", level.id));
                let kept = std::fs::create_dir_all(&self.found)
                    .ok()
                    .and_then(|()| save(&file, &level.id, &moves).ok())
                    .map(|()| {
                        file.strip_prefix(&self.course)
                            .unwrap_or(&file)
                            .to_path_buf()
                    });
                let game = self.game(level, &moves, false)?;
                Some(Found { moves, kept, game })
            }
        };
        Ok(ModelCheck { search, found })
    }

    /// The level's own search (`play check`: `play/src/levels/mod.rs`'s `plan`).
    pub fn check(&self, level: &Level) -> crate::Result<Search> {
        self.search(level, &["check".into()])
    }

    /// The level's game for the book: every position of the schedules of its search (at most
    /// `max` positions before they are merged).
    pub fn export(&self, level: &Level, max: usize) -> crate::Result<playproto::export::Export> {
        let args = ["export".into(), level.id.clone(), max.to_string()];
        match self.ask(&args)? {
            Answer::Export(e) => Ok(*e),
            other => Err(unexpected("a game to export", &other)),
        }
    }

    /// How every schedule of the level's search ends, counted (`play count`).
    pub fn count(&self, level: &Level) -> crate::Result<playproto::Tally> {
        match self.ask(&["count".into(), level.id.clone()])? {
            Answer::Tally(t) => Ok(t),
            other => Err(unexpected("a count", &other)),
        }
    }
}

/// The most positions a level's game may have before its positions are merged (the book's):
/// ch15's, the biggest, has 374,966 on its 32,614 schedules (`play export ch15 1000000` in
/// target/play/debug: 9.0 s, 86 MB, at load 3.5), 24,517 once merged.
pub const POSITIONS: usize = 1_000_000;

/// An answer that is not the one asked for.
fn unexpected(wanted: &'static str, answer: &Answer) -> Error {
    Error::EngineUnexpected {
        wanted,
        answer: playproto::to_json(answer),
    }
}

/// What a fixed level's model found: its search, and the schedule that breaks the claim.
pub struct ModelCheck {
    pub search: Search,
    pub found: Option<Found>,
}

/// A schedule a model found that breaks a fixed level's claim.
pub struct Found {
    pub moves: Vec<usize>,
    /// Where it was kept for `--replay`, from the course's root; `None` when it could not be.
    pub kept: Option<PathBuf>,
    /// The game played along it.
    pub game: Game,
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Err(e) => {
                assert_eq!(e.to_string(), "the play engine refused: no level \"ex99\"")
            }
            other => panic!("{:?}", other.map(|a| playproto::to_json(&a))),
        }
        let silent = script("silent", "echo 'running 1 test'");
        match silent.ask(&["levels".into()]) {
            Err(e) => assert!(e.to_string().contains("answered nothing"), "{e}"),
            other => panic!("{:?}", other.map(|a| playproto::to_json(&a))),
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
