//! A pseudo-terminal of 80×24 with the runner on it, for the tests that drive it as a student
//! does (`terminal.rs`, and `play.rs`'s game at a terminal): its keys typed, all it wrote
//! read back, and the screens it drew, each read only once drawn whole.
#![allow(dead_code, reason = "each test file uses a part of it")]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Termios, Winsize, tcgetattr, tcsetwinsize};

pub fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A pseudo-terminal of 80×24, the runner started on it, and all it wrote.
pub struct Pty {
    master: File,
    slave: OwnedFd,
    screen: Arc<Mutex<String>>,
    pub child: Child,
    /// The folder of this run's progress file, and the real course's places as they were.
    place: PathBuf,
    real: Vec<(PathBuf, Place)>,
}

/// A progress file as it is: its bytes and when it was last written (a rewrite of the same
/// place is a write too).
pub type Place = Option<(Vec<u8>, std::time::SystemTime)>;

fn place_of(path: &Path) -> Place {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    Some((std::fs::read(path).ok()?, modified))
}

/// The student's places in the real course: no test may write them.
fn real_places() -> Vec<(PathBuf, Place)> {
    let root = here().parent().unwrap();
    [".course-progress", ".practice-progress"]
        .iter()
        .map(|f| (root.join(f), place_of(&root.join(f))))
        .collect()
}

/// The terminal settings that a runner could leave changed.
fn modes(t: &Termios) -> String {
    format!(
        "{:?} {:?} {:?} {:?}",
        t.input_modes, t.output_modes, t.control_modes, t.local_modes
    )
}

/// A test that fails before `end` still stops its runner (one was left running under PID 1).
impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Pty {
    /// Start the runner with `args` in `dir` (a course's folder or one inside it). The tour
    /// keeps its place in a progress file of this run's own, never the student's.
    pub fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (Pty, String) {
        Pty::start_at(dir, args, env, None)
    }

    /// [`Pty::start`], its progress file holding `saved` first.
    pub fn start_at(
        dir: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        saved: Option<&[u8]>,
    ) -> (Pty, String) {
        static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let place =
            std::env::temp_dir().join(format!("xtask-term-place-{}-{run}", std::process::id()));
        std::fs::create_dir_all(&place).unwrap();
        if let Some(saved) = saved {
            std::fs::write(place.join("progress"), saved).unwrap();
        }
        let real = real_places();
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let slave: OwnedFd = File::options()
            .read(true)
            .write(true)
            .open(name.to_str().unwrap())
            .unwrap()
            .into();
        let size = Winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        tcsetwinsize(&slave, size).unwrap();
        let before = modes(&tcgetattr(&slave).unwrap());
        let master = File::from(master);
        let screen = Arc::new(Mutex::new(String::new()));
        let (mut from, to) = (master.try_clone().unwrap(), Arc::clone(&screen));
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = from.read(&mut buf) {
                if n == 0 {
                    break;
                }
                to.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let io = || Stdio::from(slave.try_clone().unwrap());
        let child = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .current_dir(dir)
            .arg("--no-build")
            .arg("--progress-file")
            .arg(place.join("progress"))
            .args(args)
            .env_remove("NO_COLOR")
            .env_remove("COLUMNS")
            // The runner finds its course from the folder it starts in.
            .env_remove("CARGO_MANIFEST_DIR")
            .env("TERM", "xterm")
            .envs(env.iter().copied())
            .stdin(io())
            .stdout(io())
            .stderr(io())
            .spawn()
            .unwrap();
        let pty = Pty {
            master,
            slave,
            screen,
            child,
            place,
            real,
        };
        (pty, before)
    }

    pub fn text(&self) -> String {
        self.screen.lock().unwrap().clone()
    }

    /// Wait until the runner has written `what`. The limit only bounds a broken run: on a fresh
    /// clone the watch's first check builds the exercise's dependencies first, which took over
    /// 30 s on a busy 2-core machine.
    pub fn wait_for(&mut self, what: &str) {
        let start = Instant::now();
        while !self.text().contains(what) {
            assert!(
                start.elapsed() < Duration::from_secs(240),
                "never saw {what:?}; the screen:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until the runner has written `what` after the last `mark`.
    pub fn wait_for_after(&mut self, mark: &str, what: &str) {
        let start = Instant::now();
        let seen = |t: String| t.rsplit(mark).next().is_some_and(|l| l.contains(what));
        while !seen(self.text()) {
            assert!(
                start.elapsed() < Duration::from_secs(240),
                "never saw {what:?} after {mark:?}; the screen:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The lines of the last screen the runner drew whole after the last `mark` ("" for the
    /// start), once that screen shows `what` ([`whole_screen`]).
    pub fn frame_after(&mut self, mark: &str, what: &str) -> Vec<String> {
        let start = Instant::now();
        loop {
            let text = self.text();
            if let Some(lines) = whole_screen(&text, mark, what) {
                return lines;
            }
            assert!(
                start.elapsed() < Duration::from_secs(240),
                "never saw a whole screen with {what:?} after {mark:?}; the screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// How much the runner has written so far: a place to read from with [`Pty::next_screen`].
    pub fn written(&self) -> usize {
        self.screen.lock().unwrap().len()
    }

    /// The lines of the first screen the runner drew whole after it had written `at` bytes
    /// ([`Pty::written`]): what a key led to, before any screen after it.
    pub fn next_screen(&mut self, at: usize) -> Vec<String> {
        let start = Instant::now();
        loop {
            let text = self.text();
            let screen = text[at..]
                .split("\x1b[H")
                .skip(1)
                .find_map(|f| f.split_once("\x1b[J").map(|(f, _)| f.to_string()));
            if let Some(screen) = screen {
                return lines_of(&screen);
            }
            assert!(
                start.elapsed() < Duration::from_secs(240),
                "never saw a whole screen after byte {at}; the screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn type_keys(&mut self, keys: &[u8]) {
        self.master.write_all(keys).unwrap();
    }

    /// The runner's exit code (or 128 + the signal that ended it), and the terminal's modes.
    pub fn end(mut self) -> (i32, String) {
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > Duration::from_secs(30) {
                let _ = self.child.kill();
                panic!("the runner did not end; the screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        use std::os::unix::process::ExitStatusExt;
        let code = status.code().or(status.signal().map(|s| 128 + s)).unwrap();
        let _ = std::fs::remove_dir_all(&self.place);
        for (path, was) in &self.real {
            assert!(
                place_of(path) == *was,
                "the run changed the student's place in {}",
                path.display()
            );
        }
        // The main screen is back: the alternate screen, if shown, was left last. The reader
        // thread may still be copying the runner's last bytes off the pty when it has exited,
        // so give it a moment to catch up before judging.
        let left = |text: &str| {
            text.rfind("\x1b[?1049")
                .is_none_or(|at| text[at..].starts_with("\x1b[?1049l"))
        };
        let caught_up = Instant::now();
        while !left(&self.text()) && caught_up.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(left(&self.text()), "left on the alternate screen");
        (code, modes(&tcgetattr(&self.slave).unwrap()))
    }
}

/// In `text` (all a runner wrote), the lines of the last screen drawn whole after the last
/// `mark` ("" for the start), if it shows `what`. A screen is drawn in one write, from `\x1b[H`
/// (the top) to `\x1b[J` (clear the rest), but the reader gets it in pieces: a screen read as
/// soon as `what` came could still lack its last lines (its keys), as a busy machine showed.
pub fn whole_screen(text: &str, mark: &str, what: &str) -> Option<Vec<String>> {
    let after = match mark {
        "" => text,
        mark => text.rsplit(mark).next()?,
    };
    let screen = after
        .split("\x1b[H")
        .skip(1)
        .filter_map(|f| f.split_once("\x1b[J").map(|(f, _)| f))
        .last()
        .filter(|f| f.contains(what))?;
    Some(lines_of(screen))
}

/// A screen's lines. Each line ends by resetting the colour and clearing the rest of its row;
/// the terminal turns each line break into `\r\n` (`\r\r\n` between lines).
fn lines_of(screen: &str) -> Vec<String> {
    screen
        .split('\n')
        .map(|l| l.trim_end_matches('\r').replace("\x1b[0m\x1b[K", ""))
        .collect()
}
