//! Every process the runner starts (cargo, a chapter, a twin, a model, git) is started here: in
//! a process group of its own, so that killing the group ends it with whatever it started
//! (cargo's rustc, say), and listed, so that whatever ends the runner ends them too: a drop (a
//! return, a `?`, a panic's unwinding) kills the group, and a signal kills every group listed
//! ([`kill_all`], called by the terminal layer's signal thread).

use std::io;
use std::os::unix::process::CommandExt;
use std::process::{Command, ExitStatus, Output};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;

use rustix::process::{Pid, Signal, kill_process_group};

/// The process groups alive now, by their leader's pid.
static GROUPS: Mutex<Vec<i32>> = Mutex::new(Vec::new());

fn groups() -> std::sync::MutexGuard<'static, Vec<i32>> {
    GROUPS.lock().unwrap_or_else(|e| e.into_inner())
}

fn kill(group: i32) {
    if let Some(pid) = Pid::from_raw(group) {
        let _ = kill_process_group(pid, Signal::KILL);
    }
}

/// Kill every child the runner started that is still alive, with all it started.
pub fn kill_all() {
    for &g in groups().iter() {
        kill(g);
    }
}

/// How a child ended.
#[derive(Debug, PartialEq, Eq)]
pub enum End {
    /// It exited with this status.
    Exited(ExitStatus),
    /// It overran its time limit, and was killed with all it started.
    TimedOut(Duration),
}

/// A child, running. Dropped, it is killed with all it started.
pub struct Running {
    /// `None` once handed to the thread that waits for it.
    child: Option<std::process::Child>,
    group: i32,
}

/// Start `cmd` in a process group of its own.
pub fn spawn(cmd: &mut Command) -> io::Result<Running> {
    // The list is locked across the start, so that a signal's kill sees every child started.
    let mut list = groups();
    let child = cmd.process_group(0).spawn()?;
    let group = i32::try_from(child.id()).unwrap_or(0);
    list.push(group);
    Ok(Running {
        child: Some(child),
        group,
    })
}

/// Run `cmd` to its end, with its output captured (as `Command::output`).
pub fn output(cmd: &mut Command) -> io::Result<Output> {
    cmd.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut run = spawn(cmd)?;
    run.child.take().expect("not yet waited").wait_with_output()
}

/// Run `cmd` to its end, its output going where the runner's goes (as `Command::status`).
pub fn status(cmd: &mut Command) -> io::Result<ExitStatus> {
    spawn(cmd)?.child.as_mut().expect("not yet waited").wait()
}

impl Running {
    /// The child's pipes, to read while it runs (`Stdio::piped()` on the command first).
    pub fn stdout(&mut self) -> Option<std::process::ChildStdout> {
        self.child.as_mut()?.stdout.take()
    }

    pub fn stderr(&mut self) -> Option<std::process::ChildStderr> {
        self.child.as_mut()?.stderr.take()
    }

    /// Wait for the child to end, or kill it (and all it started) when `limit` has passed. A
    /// thread waits for it and says when it ended, so no time is lost polling.
    pub fn wait_for(mut self, limit: Duration) -> io::Result<End> {
        let mut child = self.child.take().expect("not yet waited");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(child.wait());
        });
        match rx.recv_timeout(limit) {
            Ok(status) => Ok(End::Exited(status?)),
            Err(_) => {
                kill(self.group);
                // Reaped by the waiting thread; its answer no longer matters.
                let _ = rx.recv();
                Ok(End::TimedOut(limit))
            }
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // Whatever it started dies with it; a group already gone is no error.
        kill(self.group);
        if let Some(mut c) = self.child.take() {
            let _ = c.wait();
        }
        groups().retain(|&g| g != self.group);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_child_that_overruns_is_killed_with_what_it_started() {
        let start = Instant::now();
        // The shell starts a sleep of its own; both are in the group that is killed.
        let file = std::env::temp_dir().join(format!("xtask-child-{}", std::process::id()));
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!("sleep 30 & echo $! > {}; wait", file.display()));
        let end = spawn(&mut cmd)
            .unwrap()
            .wait_for(Duration::from_millis(500))
            .unwrap();
        assert_eq!(end, End::TimedOut(Duration::from_millis(500)));
        assert!(start.elapsed() < Duration::from_secs(5));
        let sleep = std::fs::read_to_string(&file).unwrap();
        let _ = std::fs::remove_file(&file);
        // Gone, or dead and waiting for init to reap it. A SIGKILL is sent at once but acted on
        // when the process is next scheduled, so on a busy machine give it a moment.
        let dead = || {
            let stat = std::fs::read_to_string(format!("/proc/{}/stat", sleep.trim()));
            stat.as_deref()
                .map_or(true, |s| s.contains(") Z"))
                .then_some(())
                .ok_or(stat)
        };
        let killed = Instant::now();
        while dead().is_err() && killed.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(10));
        }
        if let Err(stat) = dead() {
            panic!("the shell's sleep outlived it by 2 s: {stat:?}");
        }
    }

    #[test]
    fn a_child_that_ends_in_time_gives_its_status_at_once() {
        let start = Instant::now();
        let end = spawn(Command::new("true").arg("x"))
            .unwrap()
            .wait_for(Duration::from_secs(20))
            .unwrap();
        assert!(matches!(end, End::Exited(s) if s.success()), "{end:?}");
        assert!(start.elapsed() < Duration::from_secs(2), "no polling delay");
        assert!(output(Command::new("echo").arg("hi")).unwrap().stdout == b"hi\n");
    }
}
