//! The timeline file, one [`Record`] a line: the recorder writes it, the runner's timeline
//! (`xtask/timeline/src/parse.rs`) reads it back, both through this one type.
//!
//! Fields apart by tabs, times in microseconds of lesson time, `-` for "not yet" (a span still
//! open, a thread still running) or "none" (a thread without a name). The first line is
//! [`HEADER`].

use std::fmt;

/// The first line of a timeline file of this format.
pub const HEADER: &str = "timeline 2";

/// Microseconds of lesson time since the chapter started.
pub type Micros = u64;

/// What a thread can block on, or hold: the kind of a recorded object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Object {
    /// A `Mutex` (or `lab`'s `Lock`).
    Lock,
    /// An `RwLock`.
    RwLock,
    /// A `Condvar`.
    Condvar,
    /// A `Barrier`.
    Barrier,
    /// A `OnceLock`, while another thread runs its initialiser.
    Once,
    /// A channel: `recv` on an empty one, `send` on a full bounded one.
    Channel,
    /// A thread, waited for by `join` (or at the end of a `thread::scope`).
    Thread,
}

impl Object {
    const ALL: [(Object, &'static str); 7] = [
        (Object::Lock, "lock"),
        (Object::RwLock, "rwlock"),
        (Object::Condvar, "condvar"),
        (Object::Barrier, "barrier"),
        (Object::Once, "once"),
        (Object::Channel, "channel"),
        (Object::Thread, "thread"),
    ];

    /// Its word in the file, and in a default name (`lock 3`).
    pub fn word(self) -> &'static str {
        Object::ALL.iter().find(|o| o.0 == self).map_or("", |o| o.1)
    }

    fn from_word(word: &str) -> Option<Object> {
        Object::ALL.iter().find(|o| o.1 == word).map(|o| o.0)
    }

    /// Whether it is held (a lock): only these can be parts of a deadlock cycle of holds.
    pub fn is_lock(self) -> bool {
        matches!(self, Object::Lock | Object::RwLock)
    }
}

/// One line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    /// `object ID KIND NAME`: an object the run blocked on or held, numbered from 1.
    Object { id: u32, kind: Object, name: String },
    /// `lane LANE START END NAME`: one thread, from when it started to when it ended.
    Lane {
        lane: usize,
        start: Micros,
        end: Option<Micros>,
        name: Option<String>,
    },
    /// `sleep LANE FROM TO`: in `common::sleep`.
    Sleep {
        lane: usize,
        from: Micros,
        to: Option<Micros>,
    },
    /// `wait LANE FROM TO ON TIMEOUT`: blocked on the object `on`; `timed_out` when a time
    /// limit ended it (a `Condvar::wait_timeout`), not another thread.
    Wait {
        lane: usize,
        from: Micros,
        to: Option<Micros>,
        on: u32,
        timed_out: bool,
    },
    /// `hold LANE FROM TO LOCK`: holding a lock.
    Hold {
        lane: usize,
        from: Micros,
        to: Option<Micros>,
        lock: u32,
    },
    /// `brief LANE FROM TO COUNT WAITED`: `count` locks each taken and given back within
    /// `BRIEF`, counted, not kept one by one; `waited` in all.
    Brief {
        lane: usize,
        from: Micros,
        to: Micros,
        count: u64,
        waited: Micros,
    },
    /// `log LANE AT TEXT`: a log line, at the moment the logger wrote it.
    Log {
        lane: usize,
        at: Micros,
        text: String,
    },
    /// `wake BY AT WOKE UNTIL ON`: the lane `by`, at `at` (a release, a notify, a send or a
    /// receive, the last arrival at a barrier, the end of an initialiser or of a thread), let
    /// the lane `woke` go on from its wait on `on`, which ended at `until`.
    Wake {
        by: usize,
        at: Micros,
        woke: usize,
        until: Micros,
        on: u32,
    },
    /// `value AT VALUE NAME`: the value the lesson is about (`permits free`) became `value`.
    Value {
        at: Micros,
        value: i64,
        name: String,
    },
    /// `end AT`: when the file was written.
    End { at: Micros },
    /// `complete`: `main` got to its end.
    Complete,
}

/// A text field as the file can hold it: no tabs, no line ends.
fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

struct Open(Option<Micros>);

impl fmt::Display for Open {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(t) => write!(f, "{t}"),
            None => f.write_str("-"),
        }
    }
}

impl fmt::Display for Record {
    /// The record's line, without its line end. Texts lose their tabs and line ends.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Record::Object { id, kind, name } => {
                write!(f, "object\t{id}\t{}\t{}", kind.word(), clean(name))
            }
            Record::Lane {
                lane,
                start,
                end,
                name,
            } => {
                let name = name.as_deref().map_or("-".into(), clean);
                write!(f, "lane\t{lane}\t{start}\t{}\t{name}", Open(*end))
            }
            Record::Sleep { lane, from, to } => write!(f, "sleep\t{lane}\t{from}\t{}", Open(*to)),
            Record::Wait {
                lane,
                from,
                to,
                on,
                timed_out,
            } => write!(
                f,
                "wait\t{lane}\t{from}\t{}\t{on}\t{}",
                Open(*to),
                if *timed_out { "timeout" } else { "-" }
            ),
            Record::Hold {
                lane,
                from,
                to,
                lock,
            } => write!(f, "hold\t{lane}\t{from}\t{}\t{lock}", Open(*to)),
            Record::Brief {
                lane,
                from,
                to,
                count,
                waited,
            } => write!(f, "brief\t{lane}\t{from}\t{to}\t{count}\t{waited}"),
            Record::Log { lane, at, text } => write!(f, "log\t{lane}\t{at}\t{}", clean(text)),
            Record::Wake {
                by,
                at,
                woke,
                until,
                on,
            } => write!(f, "wake\t{by}\t{at}\t{woke}\t{until}\t{on}"),
            Record::Value { at, value, name } => {
                write!(f, "value\t{at}\t{value}\t{}", clean(name))
            }
            Record::End { at } => write!(f, "end\t{at}"),
            Record::Complete => f.write_str("complete"),
        }
    }
}

impl Record {
    /// Read one line back (without its line end). The error says what is wrong with it.
    pub fn parse(line: &str) -> Result<Record, BadRecord> {
        let f = Fields(line.split('\t').collect());
        match f.0[0] {
            "object" | "value" | "end" | "complete" => f.of_run(),
            _ => f.of_thread(),
        }
    }
}

/// What is wrong with a line that is no record.
#[derive(Debug, PartialEq)]
pub enum BadRecord {
    /// Its first word is no record's.
    Unknown(String),
    UnknownObject,
    FieldMissing,
    TextMissing,
    /// Field `field` (from 1) is not a number.
    NotANumber {
        field: usize,
        value: String,
    },
    TooLarge {
        field: usize,
        value: u64,
    },
    Fields {
        given: usize,
        wanted: usize,
    },
    /// A wait's last field, neither `timeout` nor `-`.
    TimedOut(String),
}

impl fmt::Display for BadRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadRecord::Unknown(word) => write!(f, "an unknown record `{word}`"),
            BadRecord::UnknownObject => f.write_str("an unknown kind of object"),
            BadRecord::FieldMissing => f.write_str("a field is missing"),
            BadRecord::TextMissing => f.write_str("a text is missing"),
            BadRecord::NotANumber { field, value } => {
                write!(f, "field {field} is not a number: `{value}`")
            }
            BadRecord::TooLarge { field, value } => {
                write!(f, "field {field} is too large: {value}")
            }
            BadRecord::Fields { given, wanted } => write!(f, "{given} fields, not {wanted}"),
            BadRecord::TimedOut(other) => write!(f, "`timeout` or `-`, not `{other}`"),
        }
    }
}

impl std::error::Error for BadRecord {}

/// The fields of one line, the record's word first, read one by one: each error says which
/// field and what is wrong with it.
struct Fields<'a>(Vec<&'a str>);

impl Fields<'_> {
    /// A record of what one thread did.
    fn of_thread(&self) -> Result<Record, BadRecord> {
        Ok(match self.0[0] {
            "lane" => Record::Lane {
                lane: self.lane(1)?,
                start: self.num(2)?,
                end: self.open(3)?,
                name: match self.text_from(4)?.as_str() {
                    "-" => None,
                    name => Some(name.to_string()),
                },
            },
            "sleep" => {
                self.count(4)?;
                Record::Sleep {
                    lane: self.lane(1)?,
                    from: self.num(2)?,
                    to: self.open(3)?,
                }
            }
            "wait" => {
                self.count(6)?;
                Record::Wait {
                    lane: self.lane(1)?,
                    from: self.num(2)?,
                    to: self.open(3)?,
                    on: self.id(4)?,
                    timed_out: match self.0[5] {
                        "timeout" => true,
                        "-" => false,
                        other => return Err(BadRecord::TimedOut(other.to_string())),
                    },
                }
            }
            "hold" => {
                self.count(5)?;
                Record::Hold {
                    lane: self.lane(1)?,
                    from: self.num(2)?,
                    to: self.open(3)?,
                    lock: self.id(4)?,
                }
            }
            "brief" => {
                self.count(6)?;
                Record::Brief {
                    lane: self.lane(1)?,
                    from: self.num(2)?,
                    to: self.num(3)?,
                    count: self.num(4)?,
                    waited: self.num(5)?,
                }
            }
            "log" => Record::Log {
                lane: self.lane(1)?,
                at: self.num(2)?,
                text: self.text_from(3)?,
            },
            "wake" => {
                self.count(6)?;
                Record::Wake {
                    by: self.lane(1)?,
                    at: self.num(2)?,
                    woke: self.lane(3)?,
                    until: self.num(4)?,
                    on: self.id(5)?,
                }
            }
            other => return Err(BadRecord::Unknown(other.to_string())),
        })
    }

    /// A record of the run as a whole: its objects, its values, its end, its completion.
    fn of_run(&self) -> Result<Record, BadRecord> {
        Ok(match self.0[0] {
            "object" => {
                let kind = self
                    .0
                    .get(2)
                    .and_then(|w| Object::from_word(w))
                    .ok_or(BadRecord::UnknownObject)?;
                Record::Object {
                    id: self.id(1)?,
                    kind,
                    name: self.text_from(3)?,
                }
            }
            "value" => Record::Value {
                at: self.num(1)?,
                value: {
                    let v = self.0.get(2).ok_or(BadRecord::FieldMissing)?;
                    v.parse().map_err(|_| BadRecord::NotANumber {
                        field: 3,
                        value: v.to_string(),
                    })?
                },
                name: self.text_from(3)?,
            },
            "end" => {
                self.count(2)?;
                Record::End { at: self.num(1)? }
            }
            "complete" => {
                self.count(1)?;
                Record::Complete
            }
            other => return Err(BadRecord::Unknown(other.to_string())),
        })
    }

    /// The fields from `i` on, as one text (a text may hold no tab: see `clean`).
    fn text_from(&self, i: usize) -> Result<String, BadRecord> {
        (self.0.len() > i)
            .then(|| self.0[i..].join(" "))
            .ok_or(BadRecord::TextMissing)
    }

    fn num(&self, i: usize) -> Result<u64, BadRecord> {
        let v = self.0.get(i).ok_or(BadRecord::FieldMissing)?;
        v.parse().map_err(|_| BadRecord::NotANumber {
            field: i + 1,
            value: v.to_string(),
        })
    }

    /// A time, or `-`: not yet.
    fn open(&self, i: usize) -> Result<Option<u64>, BadRecord> {
        match self.0.get(i) {
            Some(&"-") => Ok(None),
            _ => self.num(i).map(Some),
        }
    }

    fn id(&self, i: usize) -> Result<u32, BadRecord> {
        let n = self.num(i)?;
        u32::try_from(n).map_err(|_| BadRecord::TooLarge {
            field: i + 1,
            value: n,
        })
    }

    fn lane(&self, i: usize) -> Result<usize, BadRecord> {
        self.num(i).map(|n| n as usize)
    }

    /// That the line has `n` fields.
    fn count(&self, n: usize) -> Result<(), BadRecord> {
        if self.0.len() == n {
            Ok(())
        } else {
            Err(BadRecord::Fields {
                given: self.0.len(),
                wanted: n,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_reads_back_as_it_was_written() {
        let all = [
            Record::Object {
                id: 3,
                kind: Object::Lock,
                name: "account 3".into(),
            },
            Record::Lane {
                lane: 0,
                start: 0,
                end: None,
                name: Some("main".into()),
            },
            Record::Lane {
                lane: 7,
                start: 12,
                end: Some(2_000_000),
                name: None,
            },
            Record::Sleep {
                lane: 1,
                from: 10,
                to: None,
            },
            Record::Wait {
                lane: 2,
                from: 5,
                to: Some(9),
                on: 4,
                timed_out: true,
            },
            Record::Wait {
                lane: 2,
                from: 5,
                to: None,
                on: 4,
                timed_out: false,
            },
            Record::Hold {
                lane: 2,
                from: 9,
                to: Some(90),
                lock: 1,
            },
            Record::Brief {
                lane: 1,
                from: 0,
                to: 900,
                count: 25,
                waited: 3,
            },
            Record::Log {
                lane: 0,
                at: 77,
                text: "Main    : all done".into(),
            },
            Record::Wake {
                by: 1,
                at: 1_000_000,
                woke: 2,
                until: 1_000_050,
                on: 1,
            },
            Record::Value {
                at: 5,
                value: -3,
                name: "permits free".into(),
            },
            Record::End { at: 2_000_001 },
            Record::Complete,
        ];
        for kind in Object::ALL {
            let r = Record::Object {
                id: 1,
                kind: kind.0,
                name: format!("{} 1", kind.0.word()),
            };
            assert_eq!(Record::parse(&r.to_string()), Ok(r));
        }
        for r in all {
            let line = r.to_string();
            assert_eq!(Record::parse(&line), Ok(r), "{line:?}");
        }
    }

    #[test]
    fn texts_lose_their_tabs_and_line_ends_and_a_broken_line_says_why() {
        let r = Record::Log {
            lane: 0,
            at: 1,
            text: "a\tb\nc".into(),
        };
        assert_eq!(r.to_string(), "log\t0\t1\ta b c");
        assert_eq!(
            Record::parse(&r.to_string()),
            Ok(Record::Log {
                lane: 0,
                at: 1,
                text: "a b c".into()
            })
        );
        for (line, says) in [
            ("sleep\t1\tx\t-", "field 3 is not a number: `x`"),
            ("sleep\t1\t2", "3 fields, not 4"),
            ("hello", "an unknown record `hello`"),
            ("object\t1\tspoon\tthe spoon", "an unknown kind of object"),
            ("wait\t1\t2\t3\t4\tlate", "`timeout` or `-`, not `late`"),
            ("complete\tnow", "2 fields, not 1"),
            ("end\t5\t6", "3 fields, not 2"),
            ("wake\t1\t2", "3 fields, not 6"),
            ("value\t1\tmany\tpermits", "field 3 is not a number: `many`"),
            ("value\t1", "a field is missing"),
            ("lane\t1\t2\t-", "a text is missing"),
            (
                "object\t4294967296\tlock\tx",
                "field 2 is too large: 4294967296",
            ),
            ("log\tone\t2\thello", "field 2 is not a number: `one`"),
        ] {
            let err = Record::parse(line).unwrap_err();
            assert_eq!(err.to_string(), says, "{line}");
        }
    }
}
