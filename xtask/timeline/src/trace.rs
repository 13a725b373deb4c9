//! The timeline as a Chrome trace-event file, which Perfetto (ui.perfetto.dev) and
//! `chrome://tracing` open: one track a thread, a slice for each stretch of one state, an
//! instant for each log line. Written line by line: the format is a few kinds of JSON object,
//! and its strings are written by `playproto`'s JSON.

use std::path::{Path, PathBuf};

use crate::model::{Kind, Timeline, Unit};
use crate::states::{State, segments};

/// `text` as a JSON string, quotes included, as the play protocol writes its strings.
fn json(text: &str) -> String {
    let mut s = String::new();
    playproto::json::Value::String(text.to_string()).write(&mut s);
    s
}

/// What a microsecond is in the trace of a game of `cargo xtask play`.
pub const MOVES_UNIT: &str = "one microsecond of this trace is one move of the game: a \
                              scheduling point, not a length of time";

/// The trace of `t`, as the process `name`.
pub fn trace(t: &Timeline, name: &str) -> String {
    // A trace viewer labels its axis in its own units of time, and shows no `otherData`: a
    // game's process name says what its microseconds are.
    let name = match t.unit {
        Unit::Lesson => name.to_string(),
        Unit::Moves => format!("{name} (each µs here is one move: a scheduling point, not a time)"),
    };
    let mut events: Vec<String> = vec![format!(
        r#"{{"name":"process_name","ph":"M","pid":1,"tid":0,"args":{{"name":{}}}}}"#,
        json(&name)
    )];
    for (i, segs) in segments(t).iter().enumerate() {
        let tid = i + 1;
        let lane = &t.lanes[i];
        events.push(format!(
            r#"{{"name":"thread_name","ph":"M","pid":1,"tid":{tid},"args":{{"name":{}}}}}"#,
            json(&t.label(i))
        ));
        events.push(format!(
            r#"{{"name":"thread_sort_index","ph":"M","pid":1,"tid":{tid},"args":{{"sort_index":{tid}}}}}"#
        ));
        for &(from, to, state) in segs {
            // The span this stretch comes from, for its lock and count.
            let span = lane.spans.iter().find(|s| {
                s.from <= from
                    && to <= s.to.unwrap_or(t.end)
                    && matches!(
                        (&s.kind, state),
                        (Kind::Sleep, State::Sleeping)
                            | (Kind::Hold { .. }, State::Holding)
                            | (Kind::Brief { .. }, State::Brief | State::Holding)
                            | (Kind::Wait { .. }, State::Waiting | State::Deadlocked)
                            | (Kind::Move { .. }, State::Moving)
                    )
            });
            let title = match span.map(|s| &s.kind) {
                Some(Kind::Wait { on, .. }) if state == State::Deadlocked => {
                    format!("deadlocked, waiting for {}", t.lock_name(*on))
                }
                Some(&Kind::Wait { on, timed_out }) => t.wait_title(on, timed_out, to),
                Some(Kind::Hold { lock }) => format!("holding {}", t.lock_name(*lock)),
                Some(Kind::Brief { count, .. }) => format!("{count} brief locks"),
                Some(Kind::Sleep) => "sleeping".into(),
                Some(Kind::Move { what }) => what.clone(),
                None if t.unit == Unit::Moves => state.meaning_in(t.unit).into(),
                None => "running or ready".into(),
            };
            let open = if to == t.end && span.is_some_and(|s| s.to.is_none()) {
                r#","args":{"still going on at the end":true}"#
            } else {
                ""
            };
            events.push(format!(
                r#"{{"name":{},"cat":"{}","ph":"X","pid":1,"tid":{tid},"ts":{from},"dur":{}{open}}}"#,
                json(&title),
                format!("{state:?}").to_lowercase(),
                to - from
            ));
        }
        for (at, text) in &lane.logs {
            events.push(format!(
                r#"{{"name":{},"cat":"log","ph":"i","s":"t","pid":1,"tid":{tid},"ts":{at}}}"#,
                json(text)
            ));
        }
    }
    // The values the lesson is about, each a counter track of the process.
    for (name, changes) in &t.values {
        for (at, value) in changes {
            events.push(format!(
                r#"{{"name":{},"cat":"value","ph":"C","pid":1,"tid":0,"ts":{at},"args":{{"value":{value}}}}}"#,
                json(name)
            ));
        }
    }
    // Who woke whom: a flow from the waker's track, at the release or notify, to the end of
    // the wait it ended (Perfetto draws it as an arrow between the tracks).
    for (id, w) in t.wakes.iter().enumerate() {
        let name = json(&format!("{} woke {}", t.label(w.by), t.label(w.woke)));
        events.push(format!(
            r#"{{"name":{name},"cat":"wake","ph":"s","id":{id},"pid":1,"tid":{},"ts":{}}}"#,
            w.by + 1,
            w.at
        ));
        events.push(format!(
            r#"{{"name":{name},"cat":"wake","ph":"f","bp":"e","id":{id},"pid":1,"tid":{},"ts":{}}}"#,
            w.woke + 1,
            w.until
        ));
    }
    // The format counts in microseconds: a game's trace says what its microseconds are.
    let other = match t.unit {
        Unit::Lesson => String::new(),
        Unit::Moves => format!(",\"otherData\":{{\"unit\":{}}}", json(MOVES_UNIT)),
    };
    format!(
        "{{\"displayTimeUnit\":\"ms\"{other},\"traceEvents\":[\n{}\n]}}\n",
        events.join(",\n")
    )
}

/// Whether `--trace-out FILE` can be written: not a folder, in a folder that is there. Checked
/// before anything runs (`run`, `play`), so that no run is wasted on a bad path.
pub fn check_file(file: &Path) -> Result<(), TraceOut> {
    if file.is_dir() {
        return Err(TraceOut::Folder(file.to_path_buf()));
    }
    match file.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(p) if !p.is_dir() => Err(TraceOut::NoFolder(file.to_path_buf())),
        _ => Ok(()),
    }
}

/// Write `t` as a Chrome trace of the process `name` to `path`.
pub fn write(t: &Timeline, name: &str, path: &Path) -> Result<(), TraceOut> {
    std::fs::write(path, trace(t, name)).map_err(|e| TraceOut::Write(path.to_path_buf(), e))
}

/// Why a trace cannot be written to the file `--trace-out` names.
#[derive(Debug)]
pub enum TraceOut {
    /// It is a folder.
    Folder(PathBuf),
    /// The folder it would be in is not there.
    NoFolder(PathBuf),
    Write(PathBuf, std::io::Error),
}

impl std::fmt::Display for TraceOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TraceOut::Folder(file) => write!(
                f,
                "--trace-out {} is a folder; give the file to write, like {}",
                file.display(),
                file.join("run.json").display()
            ),
            TraceOut::NoFolder(file) => write!(
                f,
                "--trace-out {}: there is no folder {}",
                file.display(),
                file.parent().unwrap_or(file).display()
            ),
            TraceOut::Write(file, e) => {
                write!(f, "cannot write the trace to {}: {e}", file.display())
            }
        }
    }
}

impl std::error::Error for TraceOut {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::CROSSED;

    #[test]
    fn one_track_a_thread_with_named_slices() {
        let t = Timeline::parse(CROSSED).unwrap();
        let out = trace(&t, "ch07 \"deadlock\"");
        assert!(out.starts_with("{\"displayTimeUnit\":\"ms\",\"traceEvents\":["));
        assert!(out.trim_end().ends_with("]}"));
        assert!(out.contains(r#""args":{"name":"ch07 \"deadlock\""}"#));
        for (tid, name) in [
            (1, "Main"),
            (2, "Thread 9"),
            (3, "Thread A"),
            (4, "Thread B"),
        ] {
            assert!(
                out.contains(&format!(
                    r#""name":"thread_name","ph":"M","pid":1,"tid":{tid},"args":{{"name":"{name}"}}"#
                )),
                "{out}"
            );
        }
        assert!(out.contains(
            r#"{"name":"deadlocked, waiting for lock 2","cat":"deadlocked","ph":"X","pid":1,"tid":3,"ts":100,"dur":1999900,"args":{"still going on at the end":true}}"#
        ), "{out}");
        assert!(out.contains(r#"{"name":"holding lock 1","cat":"holding","ph":"X","pid":1,"tid":3,"ts":20,"dur":80}"#), "{out}");
        assert!(out.contains(
            r#"{"name":"Thread 9: here","cat":"log","ph":"i","s":"t","pid":1,"tid":2,"ts":10}"#
        ));
        // Every object on its own line, each a complete one: a cheap check of the JSON's shape.
        for line in out.lines().skip(1).take_while(|l| !l.starts_with(']')) {
            let line = line.trim_end_matches(',');
            assert!(line.starts_with('{') && line.ends_with('}'), "{line}");
            assert_eq!(
                line.matches('{').count(),
                line.matches('}').count(),
                "{line}"
            );
        }
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(json("a\"b\\c\nd\u{1}"), r#""a\"b\\c\nd\u0001""#);
        let back = playproto::json::parse(&json("tab\there, µs")).unwrap();
        assert_eq!(back.as_str(), Some("tab\there, µs"));
    }

    #[test]
    fn a_wake_is_a_flow_and_a_value_a_counter() {
        let t = Timeline::parse(crate::fixtures::HANDED_OVER).unwrap();
        let out = trace(&t, "ch05");
        assert!(out.contains(
            r#"{"name":"Thread A woke Thread B","cat":"wake","ph":"s","id":0,"pid":1,"tid":1,"ts":1000000}"#
        ), "{out}");
        assert!(out.contains(
            r#"{"name":"Thread A woke Thread B","cat":"wake","ph":"f","bp":"e","id":0,"pid":1,"tid":2,"ts":1000100}"#
        ), "{out}");
        assert!(out.contains(
            r#"{"name":"waiting for lock 1 (woken by Thread A)","cat":"waiting","ph":"X","pid":1,"tid":2,"ts":10,"dur":1000090}"#
        ), "{out}");
        assert!(out.contains(
            r#"{"name":"permits free","cat":"value","ph":"C","pid":1,"tid":0,"ts":1000000,"args":{"value":1}}"#
        ), "{out}");
    }
}
