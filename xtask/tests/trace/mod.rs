//! A run of the runner with `--timeline --trace-out FILE`, read back: the trace's tracks and
//! events, and the drawing in the terminal output (`timeline.rs`).

use std::collections::BTreeMap;
use std::process::Command;

/// A slice or instant of the trace: its name, category, track, start and length (microseconds).
#[derive(Debug)]
pub struct Event {
    pub name: String,
    pub cat: String,
    pub ph: String,
    pub tid: u64,
    pub ts: u64,
    pub dur: u64,
    /// A flow's id (who woke whom), else 0.
    pub id: u64,
}

/// A run's trace as (track name to track id, events) and the runner's output.
pub struct Run {
    pub tracks: BTreeMap<String, u64>,
    pub events: Vec<Event>,
    pub output: String,
}

impl Run {
    pub fn of(chapter: &str) -> Run {
        Run::of_in(&[], chapter)
    }

    /// A fixture of the runner's (built next to it by `cargo test`).
    pub fn of_fixture(name: &str) -> Run {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        Run::of_in(&["--course-dir", dir.to_str().unwrap(), "--no-build"], name)
    }

    fn of_in(options: &[&str], chapter: &str) -> Run {
        let file = std::env::temp_dir().join(format!(
            "timeline-test-{}-{chapter}.json",
            std::process::id()
        ));
        let o = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(options)
            .args(["run", chapter, "--timeline", "--trace-out"])
            .arg(&file)
            .env("NO_COLOR", "1")
            .env("COLUMNS", "80")
            .output()
            .expect("the runner starts");
        let output = String::from_utf8_lossy(&o.stdout).to_string();
        assert!(
            o.status.success(),
            "{output}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let json = std::fs::read_to_string(&file).expect("the trace is written");
        let _ = std::fs::remove_file(&file);
        let (mut tracks, mut events) = (BTreeMap::new(), Vec::new());
        // The writer puts one event on a line; these fields are all the tests need.
        for line in json
            .lines()
            .filter(|l| l.starts_with('{') && l.contains("\"ph\""))
        {
            let text = |key: &str| {
                let at = line.find(&format!("\"{key}\":\""))? + key.len() + 4;
                Some(line[at..at + line[at..].find('"')?].to_string())
            };
            let num = |key: &str| -> Option<u64> {
                let at = line.find(&format!("\"{key}\":"))? + key.len() + 3;
                let digits: String = line[at..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                digits.parse().ok()
            };
            let tid = num("tid").unwrap();
            if line.contains(r#""name":"thread_name""#) {
                let at = line.find(r#""args":{"name":""#).unwrap() + 16;
                tracks.insert(
                    line[at..at + line[at..].find('"').unwrap()].to_string(),
                    tid,
                );
            } else if !line.contains(r#""ph":"M""#) {
                events.push(Event {
                    name: text("name").unwrap(),
                    cat: text("cat").unwrap(),
                    ph: text("ph").unwrap(),
                    tid,
                    ts: num("ts").unwrap(),
                    dur: num("dur").unwrap_or(0),
                    id: num("id").unwrap_or(0),
                });
            }
        }
        Run {
            tracks,
            events,
            output,
        }
    }

    /// Where the drawing's axis ends: the last moment of the trace.
    pub fn end(&self) -> u64 {
        self.events.iter().map(|e| e.ts + e.dur).max().unwrap_or(1)
    }

    /// The events on the track of `thread`, of category `cat`.
    pub fn on(&self, thread: &str, cat: &str) -> Vec<&Event> {
        let tid = self.tracks[thread];
        self.events
            .iter()
            .filter(|e| e.tid == tid && e.cat == cat)
            .collect()
    }

    /// The track named `name`'s thread, by its id.
    fn track(&self, tid: u64) -> &str {
        self.tracks
            .iter()
            .find(|t| *t.1 == tid)
            .map(|t| t.0.as_str())
            .unwrap_or("?")
    }

    /// The waits of `thread` (slices of at least `least` microseconds), each with who woke it
    /// (the thread a flow comes from to the wait's end), in time order.
    pub fn waits(&self, thread: &str, least: u64) -> Vec<(&Event, Option<&str>)> {
        let tid = self.tracks[thread];
        self.on(thread, "waiting")
            .into_iter()
            .filter(|w| w.dur >= least)
            .map(|w| {
                let by = self
                    .events
                    .iter()
                    .find(|f| f.ph == "f" && f.tid == tid && f.ts == w.ts + w.dur)
                    .and_then(|f| {
                        self.events
                            .iter()
                            .find(|s| s.ph == "s" && s.id == f.id && s.cat == "wake")
                    })
                    .map(|s| self.track(s.tid));
                (w, by)
            })
            .collect()
    }

    /// When `thread` first logged `text`.
    pub fn logged(&self, thread: &str, text: &str) -> u64 {
        self.on(thread, "log")
            .iter()
            .find(|e| e.name.contains(text))
            .unwrap_or_else(|| panic!("{thread} never logged {text:?}"))
            .ts
    }

    /// The cells of the lane of `thread` in the drawing (under the axis, label cut off), and
    /// how many cells the axis has.
    pub fn lane(&self, thread: &str) -> (Vec<char>, usize) {
        let axis = self
            .output
            .lines()
            .find(|l| l.trim_start().starts_with("+-"))
            .expect("an axis");
        let start = axis.find('+').unwrap();
        let line = self
            .output
            .lines()
            .find(|l| l.starts_with(thread) && l[thread.len()..].starts_with(' '))
            .unwrap_or_else(|| panic!("no lane {thread} in\n{}", self.output));
        (line.chars().skip(start).collect(), axis.len() - start)
    }
}
