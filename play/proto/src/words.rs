//! How each of the protocol's types is written as JSON, and read back (`json.rs`): objects by
//! field, enums by variant (`"can-run"`, `{"blocked": ...}`), as the book's script reads them.

use crate::json::{Json, Value, field, known, object, tagged, variant};
use crate::{
    Answer, Broken, Did, End, Error, Frame, Game, Held, How, Lane, Level, Lock, ModelResult,
    Object, Search, Searched, Status, Tally, Waiting,
};

/// A struct as an object of its fields, in order; fields that are null are left out.
macro_rules! fields {
    ($t:ident { $($f:ident),* }) => {
        impl Json for $t {
            fn to_json(&self) -> Value {
                object(vec![$((stringify!($f), self.$f.to_json())),*])
            }
            fn from_json(v: &Value) -> Result<Self, Error> {
                known(v, &[$(stringify!($f)),*])?;
                Ok($t { $($f: field(v, stringify!($f))?),* })
            }
        }
    };
}

fields!(Level {
    id,
    chapter,
    title,
    goal,
    hint,
    deadlock,
    fixed,
    note,
    kept,
    run
});
fields!(Waiting { kind, name });
fields!(Lane {
    name,
    status,
    at,
    code,
    next,
    did
});
fields!(Lock { name, held });
fields!(Frame {
    moves,
    lanes,
    state,
    locks
});
fields!(Game { level, frames, end });
fields!(Search {
    how,
    executions,
    complete,
    won,
    failed,
    cut
});
fields!(Tally {
    preemptions,
    won,
    failed,
    cut,
    ended,
    complete
});
fields!(Broken { game, moves, words });
fields!(Searched {
    level,
    search,
    millis
});

fn unknown(what: &str, name: &str) -> Error {
    Error(format!("no {what} `{name}`"))
}

impl Json for Object {
    fn to_json(&self) -> Value {
        let name = match self {
            Object::Lock => "lock",
            Object::Condvar => "condvar",
            Object::Barrier => "barrier",
            Object::Channel => "channel",
        };
        Value::String(name.into())
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        Ok(match variant(v)?.0 {
            "lock" => Object::Lock,
            "condvar" => Object::Condvar,
            "barrier" => Object::Barrier,
            "channel" => Object::Channel,
            other => return Err(unknown("kind of object", other)),
        })
    }
}

impl Json for Status {
    fn to_json(&self) -> Value {
        match self {
            Status::NotStarted => Value::String("not-started".into()),
            Status::CanRun => Value::String("can-run".into()),
            Status::Finished => Value::String("finished".into()),
            Status::Blocked { why, on } => tagged(
                "blocked",
                object(vec![("why", why.to_json()), ("on", on.to_json())]),
            ),
        }
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        let (name, inner) = variant(v)?;
        Ok(match name {
            "not-started" => Status::NotStarted,
            "can-run" => Status::CanRun,
            "finished" => Status::Finished,
            "blocked" => Status::Blocked {
                why: field(inner, "why")?,
                on: field(inner, "on")?,
            },
            other => return Err(unknown("status", other)),
        })
    }
}

impl Json for Did {
    fn to_json(&self) -> Value {
        match self {
            Did::Log(w) => tagged("log", w.to_json()),
            Did::Step(w) => tagged("step", w.to_json()),
        }
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        let (name, inner) = variant(v)?;
        let words = String::from_json(inner)?;
        match name {
            "log" => Ok(Did::Log(words)),
            "step" => Ok(Did::Step(words)),
            other => Err(unknown("deed", other)),
        }
    }
}

impl Json for Held {
    fn to_json(&self) -> Value {
        match self {
            Held::Free => Value::String("free".into()),
            Held::By(name) => tagged("by", name.to_json()),
            Held::Reading(names) => tagged("reading", names.to_json()),
        }
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        let (name, inner) = variant(v)?;
        Ok(match name {
            "free" => Held::Free,
            "by" => Held::By(String::from_json(inner)?),
            "reading" => Held::Reading(Vec::from_json(inner)?),
            other => return Err(unknown("holder", other)),
        })
    }
}

impl Json for End {
    fn to_json(&self) -> Value {
        match self {
            End::Won(w) => tagged("won", w.to_json()),
            End::OutOfMoves => Value::String("out-of-moves".into()),
            End::Ended(w) => tagged("ended", w.to_json()),
            End::Failed(w) => tagged("failed", w.to_json()),
            End::Bad(w) => tagged("bad", w.to_json()),
        }
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        let (name, inner) = variant(v)?;
        let words = || String::from_json(inner);
        Ok(match name {
            "won" => End::Won(words()?),
            "out-of-moves" => End::OutOfMoves,
            "ended" => End::Ended(words()?),
            "failed" => End::Failed(words()?),
            "bad" => End::Bad(words()?),
            other => return Err(unknown("end", other)),
        })
    }
}

impl Json for How {
    fn to_json(&self) -> Value {
        match self {
            How::Dfs { preemptions } => tagged(
                "dfs",
                Value::Object(vec![("preemptions".into(), preemptions.to_json())]),
            ),
            How::Random => Value::String("random".into()),
        }
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        let (name, inner) = variant(v)?;
        Ok(match name {
            "dfs" => How::Dfs {
                preemptions: field(inner, "preemptions")?,
            },
            "random" => How::Random,
            other => return Err(unknown("search", other)),
        })
    }
}

impl Json for Answer {
    fn to_json(&self) -> Value {
        match self {
            Answer::Levels(l) => tagged("levels", l.to_json()),
            Answer::Game(g) => tagged("game", g.to_json()),
            Answer::Search(s) => tagged("search", s.to_json()),
            Answer::Tally(t) => tagged("tally", t.to_json()),
            Answer::Export(e) => tagged("export", e.to_json()),
            Answer::Refused { code, words } => tagged(
                "refused",
                object(vec![("code", code.to_json()), ("words", words.to_json())]),
            ),
        }
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        let (name, inner) = variant(v)?;
        Ok(match name {
            "levels" => Answer::Levels(Vec::from_json(inner)?),
            "game" => Answer::Game(Game::from_json(inner)?),
            "search" => Answer::Search(Search::from_json(inner)?),
            "tally" => Answer::Tally(Tally::from_json(inner)?),
            "export" => Answer::Export(Box::from_json(inner)?),
            "refused" => Answer::Refused {
                code: field(inner, "code")?,
                words: field(inner, "words")?,
            },
            other => return Err(unknown("answer", other)),
        })
    }
}

impl Json for ModelResult {
    fn to_json(&self) -> Value {
        match self {
            ModelResult::Held(s) => tagged("held", s.to_json()),
            ModelResult::Broke(b) => tagged("broke", b.to_json()),
            ModelResult::CutShort { search, words } => tagged(
                "cut-short",
                object(vec![
                    ("search", search.to_json()),
                    ("words", words.to_json()),
                ]),
            ),
        }
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        let (name, inner) = variant(v)?;
        Ok(match name {
            "held" => ModelResult::Held(Search::from_json(inner)?),
            "broke" => ModelResult::Broke(Box::from_json(inner)?),
            "cut-short" => {
                known(inner, &["search", "words"])?;
                ModelResult::CutShort {
                    search: field(inner, "search")?,
                    words: field(inner, "words")?,
                }
            }
            other => return Err(unknown("model result", other)),
        })
    }
}
