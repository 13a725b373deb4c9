//! Launching one chapter (or its Python twin): a hermetic environment, the lesson clock, a time
//! limit.

use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How a run went: its output, how long it took and how it ended.
#[derive(Clone, Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
    pub end: End,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// Exited with this code (`None`: killed by a signal).
    Exited(Option<i32>),
    /// Overran its time limit and was killed, with all its threads.
    TimedOut(Duration),
}

impl Run {
    pub fn ended_normally(&self) -> bool {
        self.end == End::Exited(Some(0))
    }
}

/// What to start: a chapter's binary, or `python3` with a twin's script.
#[derive(Clone, Debug)]
pub struct Program {
    pub exe: PathBuf,
    /// The arguments before the lesson's flags (a twin's script).
    pub args: Vec<OsString>,
    /// Variables set for it, beyond the kept ones.
    pub env: Vec<(&'static str, OsString)>,
}

impl Program {
    /// A chapter's own binary.
    pub fn binary(exe: &Path) -> Program {
        Program {
            exe: exe.to_path_buf(),
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// The same program with one more variable (`(key, value)`): the file to record its
    /// timeline into, say.
    pub fn with_env(&self, (key, value): (&'static str, &OsStr)) -> Program {
        let mut p = self.clone();
        p.env.push((key, value.to_os_string()));
        p
    }
}

/// The variables a chapter may see. Everything else (`RUST_BACKTRACE`, `RUST_LOG`, colour
/// settings, the caller's locale) is left behind, so a chapter behaves the same for everyone.
const KEPT: &[&str] = &["PATH", "HOME", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP"];

/// Where a chapter's lines go as they come, beside the text kept for the verdict.
pub enum Echo {
    /// Nowhere.
    Quiet,
    /// To this, one line at a time (with its newline, when it has one), as each comes: a
    /// person watching.
    Each(Box<dyn FnMut(&str) + Send>),
    /// Sent, one line at a time (without its newline), for a screen that draws them.
    Lines(mpsc::Sender<String>),
}

/// How long a chapter may run at `speed`: `timeout` when given, else 20 lesson seconds but
/// never under 5 real seconds (the CPU-bound chapters do not speed up).
pub fn limit(speed: f64, timeout: Option<Duration>) -> Duration {
    timeout.unwrap_or_else(|| Duration::from_secs_f64((20.0 / speed).max(5.0)))
}

/// How long a Python twin may run at `speed`: `timeout` when given, else twice a chapter's time
/// (CPython's bank twins are CPU-bound and, on 3.11 and newer, sleep in every transfer: 5 to 10
/// s on a busy 2-core machine), at least 20 s.
pub fn twin_limit(speed: f64, timeout: Option<Duration>) -> Duration {
    timeout.unwrap_or_else(|| Duration::from_secs_f64((40.0 / speed).max(20.0)))
}

/// Start `program` on the lesson clock at `speed`, and kill it if it overruns `limit`; its
/// stdout's lines also go where `echo` says as they come.
pub fn run(program: &Program, speed: f64, limit: Duration, echo: Echo) -> std::io::Result<Run> {
    let mut cmd = Command::new(&program.exe);
    cmd.args(&program.args)
        .args(["--clock", "lesson", "--speed", &speed.to_string()])
        .env_clear()
        .envs(
            KEPT.iter()
                .filter_map(|k| std::env::var_os(k).map(|v| (k, v))),
        )
        // The output is read by the runner, not a person: no colour, and panics stay short.
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .envs(program.env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = crate::child::spawn(&mut cmd)?;
    // Read both pipes while the chapter runs, so that a chatty chapter never blocks on a full
    // pipe; each reader hands its text over a channel when its pipe closes.
    let reader = |r: Box<dyn Read + Send>, mut echo: Echo| {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let (mut r, mut text, mut line) = (BufReader::new(r), String::new(), Vec::new());
            while matches!(r.read_until(b'\n', &mut line), Ok(n) if n > 0) {
                let l = String::from_utf8_lossy(&line);
                match &mut echo {
                    Echo::Quiet => {}
                    Echo::Each(each) => each(&l),
                    Echo::Lines(tx) => {
                        let _ = tx.send(l.trim_end_matches('\n').to_string());
                    }
                }
                text += &l;
                line.clear();
            }
            let _ = tx.send(text);
        });
        rx
    };
    let out = reader(Box::new(child.stdout().expect("piped")), echo);
    let err = reader(Box::new(child.stderr().expect("piped")), Echo::Quiet);
    // The chapter's process holds all its threads (a twin's too: they are the interpreter's),
    // and its group whatever it started: killing the group ends every one of them.
    let end = match child.wait_for(limit)? {
        crate::child::End::Exited(status) => End::Exited(status.code()),
        crate::child::End::TimedOut(limit) => End::TimedOut(limit),
    };
    let took = start.elapsed();
    // The pipes close when the chapter ends; a process the chapter started could keep one open,
    // so the runner waits a moment for the text and then goes on without the rest.
    let text = |rx: mpsc::Receiver<String>| {
        rx.recv_timeout(Duration::from_secs(2))
            .unwrap_or_else(|_| "(the output pipe stayed open after the chapter ended)\n".into())
    };
    Ok(Run {
        stdout: text(out),
        stderr: text(err),
        took,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_is_limited_in_lesson_time_with_a_floor_in_real_time() {
        let secs = Duration::from_secs;
        assert_eq!(limit(1.0, None), secs(20));
        assert_eq!(limit(2.0, None), secs(10));
        assert_eq!(limit(100.0, None), secs(5));
        assert_eq!(twin_limit(1.0, None), secs(40));
        assert_eq!(twin_limit(100.0, None), secs(20));
        assert_eq!(limit(100.0, Some(secs(1))), secs(1));
        assert_eq!(twin_limit(1.0, Some(secs(3))), secs(3));
    }
}
