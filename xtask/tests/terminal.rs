//! The runner in a pseudo-terminal, through each way it can end: a key, an error, a panic, and
//! the signals SIGINT, SIGTERM and SIGHUP. Whatever ends it, the terminal's settings afterwards
//! are those it had before, and no child of the runner is left running.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Termios, Winsize, tcgetattr, tcsetwinsize};

fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A pseudo-terminal of 80×24, the runner started on it, and all it wrote.
struct Pty {
    master: File,
    slave: OwnedFd,
    screen: Arc<Mutex<String>>,
    child: Child,
    /// The folder of this run's progress file, and the real course's places as they were.
    place: PathBuf,
    real: Vec<(PathBuf, Place)>,
}

/// A progress file as it is: its bytes and when it was last written (a rewrite of the same
/// place is a write too).
type Place = Option<(Vec<u8>, std::time::SystemTime)>;

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
    fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (Pty, String) {
        Pty::start_at(dir, args, env, None)
    }

    /// [`Pty::start`], its progress file holding `saved` first.
    fn start_at(
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

    fn text(&self) -> String {
        self.screen.lock().unwrap().clone()
    }

    /// Wait until the runner has written `what`. The limit only bounds a broken run: on a fresh
    /// clone the watch's first check builds the exercise's dependencies first, which took over
    /// 30 s on a busy 2-core machine.
    fn wait_for(&mut self, what: &str) {
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
    fn wait_for_after(&mut self, mark: &str, what: &str) {
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

    fn type_keys(&mut self, keys: &[u8]) {
        self.master.write_all(keys).unwrap();
    }

    /// The runner's exit code (or 128 + the signal that ended it), and the terminal's modes.
    fn end(mut self) -> (i32, String) {
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

/// The processes whose parent is `pid`.
fn children(pid: u32) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            let after = stat.rsplit_once(')')?.1;
            let ppid: u32 = after.split_whitespace().nth(1)?.parse().ok()?;
            (ppid == pid).then(|| e.file_name().to_str()?.parse().ok())?
        })
        .collect()
}

/// Whether `pid` still runs (a process that is dead but not yet reaped does not).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|s| !s.rsplit_once(')').is_some_and(|(_, a)| a.starts_with(" Z")))
}

#[test]
fn a_key_that_quits_gives_the_terminal_back() {
    let course = fixtures();
    let (mut pty, before) = Pty::start(
        here(),
        &["--course-dir", course.to_str().unwrap(), "tour", "fx_pass"],
        &[],
    );
    pty.wait_for("[q] quit");
    pty.type_keys(b"q");
    let (code, after) = pty.end();
    assert_eq!(code, 0);
    assert_eq!(after, before, "the terminal's modes after the tour");
}

/// After the run, the result screen still shows the run's log (the lines "What to look for"
/// names), above the verdict.
#[test]
fn the_result_screen_keeps_the_runs_log() {
    let course = fixtures();
    let (mut pty, _) = Pty::start(
        here(),
        &["--course-dir", course.to_str().unwrap(), "tour", "fx_pass"],
        &[],
    );
    pty.wait_for("[Enter] run it");
    pty.type_keys(b"\r");
    pty.wait_for("every line matched");
    // The screen is written in pieces: wait for its keys, the last line, before reading it.
    pty.wait_for_after("every line matched", "[q] quit");
    let text = pty.text();
    let last = text.rsplit("What you just saw").next().unwrap();
    let (log, verdict) = last.split_once("every line matched").unwrap();
    assert!(
        log.contains("Thread 0: finishing"),
        "the result screen:\n{last}"
    );
    assert!(verdict.contains("[q] quit"), "the result screen:\n{last}");
    pty.type_keys(b"q");
    let (code, _) = pty.end();
    assert_eq!(code, 0);
}

/// A saved place the tour cannot use is said on its first screen (it used to be printed
/// before the screen cleared), and the tour starts at the first chapter.
#[test]
fn a_broken_place_is_said_on_the_first_screen() {
    let course = fixtures();
    let (mut pty, _) = Pty::start_at(
        here(),
        &["--course-dir", course.to_str().unwrap(), "tour"],
        &[],
        Some(b"nonsense"),
    );
    pty.wait_for("[Enter] run it");
    let text = pty.text();
    let screen = text.rsplit("\x1b[?1049h").next().unwrap();
    assert!(
        screen.contains("starting at the first") && screen.contains("Chapter 1 of"),
        "the first screen:\n{screen}"
    );
    pty.type_keys(b"q");
    assert_eq!(pty.end().0, 0);
}

#[test]
fn an_error_gives_the_terminal_back() {
    // A chapter that is not built: the tour stops with an error after taking the keys.
    let course = std::env::temp_dir().join(format!("xtask-term-{}", std::process::id()));
    let chapter = course.join("fx_never_built");
    std::fs::create_dir_all(&chapter).unwrap();
    for f in ["main.rs", "expected.log"] {
        std::fs::copy(fixtures().join("fx_pass").join(f), chapter.join(f)).unwrap();
    }
    let (pty, before) = Pty::start(
        here(),
        &["--course-dir", course.to_str().unwrap(), "tour"],
        &[],
    );
    let (code, after) = pty.end();
    let _ = std::fs::remove_dir_all(&course);
    assert_eq!(code, 2);
    assert_eq!(after, before, "the terminal's modes after the error");
}

#[test]
fn a_panic_gives_the_terminal_back() {
    let course = fixtures();
    let (pty, before) = Pty::start(
        here(),
        &["--course-dir", course.to_str().unwrap(), "tour", "fx_pass"],
        &[("XTASK_TEST_PANIC_IN_KEYS", "1")],
    );
    let (code, after) = pty.end();
    assert_eq!(code, 101, "a panic's exit code");
    assert_eq!(after, before, "the terminal's modes after the panic");
}

/// `signal` while the tour runs a chapter that never ends: the runner exits 128 + `signal`,
/// the terminal is as it was, and the chapter is killed with it.
fn signal_during_a_run(signal: rustix::process::Signal, number: i32) {
    let course = fixtures();
    let (mut pty, before) = Pty::start(
        here(),
        &[
            "--course-dir",
            course.to_str().unwrap(),
            "--timeout",
            "60s",
            "tour",
            "fx_hang",
        ],
        &[],
    );
    pty.wait_for("[Enter] run it");
    pty.type_keys(b"\r");
    pty.wait_for("before second acquire");
    let runner = pty.child.id();
    let chapter = children(runner);
    assert_eq!(chapter.len(), 1, "the runner runs one chapter: {chapter:?}");
    let pid = rustix::process::Pid::from_raw(runner as i32).unwrap();
    rustix::process::kill_process(pid, signal).unwrap();
    let (code, after) = pty.end();
    assert_eq!(code, 128 + number, "the runner's exit code");
    assert_eq!(after, before, "the terminal's modes after the signal");
    let start = Instant::now();
    while alive(chapter[0]) {
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "the chapter {} outlived the runner",
            chapter[0]
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigterm_during_a_run_kills_the_chapter_and_gives_the_terminal_back() {
    signal_during_a_run(rustix::process::Signal::TERM, 15);
}

#[test]
fn sigint_during_a_run_kills_the_chapter_and_gives_the_terminal_back() {
    signal_during_a_run(rustix::process::Signal::INT, 2);
}

#[test]
fn sighup_during_a_run_kills_the_chapter_and_gives_the_terminal_back() {
    signal_during_a_run(rustix::process::Signal::HUP, 1);
}

/// A course of its own for the watch, which edits its files: the exercises workspace with
/// exercise 2 only, taking the course's own `common` and `lab`. Its builds go to a target
/// dir of its own (kept between runs: only the first builds the exercise's dependencies).
fn scratch_course() -> (PathBuf, PathBuf) {
    let real = here().parent().unwrap();
    let root = std::env::temp_dir().join(format!("xtask-term-watch-{}", std::process::id()));
    let ex = root.join("exercises/02_daemon_threads");
    std::fs::create_dir_all(ex.join("src")).unwrap();
    std::fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
    std::fs::copy(real.join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
    // The course's libraries, where they are (their manifests take from the course's workspace).
    let manifest = std::fs::read_to_string(real.join("exercises/Cargo.toml")).unwrap();
    let manifest = manifest.replace("\"../", &format!("\"{}/", real.display()));
    std::fs::write(root.join("exercises/Cargo.toml"), manifest).unwrap();
    for f in ["Cargo.toml", "expected.log", "src/main.rs"] {
        std::fs::copy(real.join("exercises/02_daemon_threads").join(f), ex.join(f)).unwrap();
    }
    let target = real.join("target/term-test");
    (root, target)
}

/// The two bugs the watch had, each driven in a pseudo-terminal: an expected log broken while
/// it watches is said and the watch goes on (it used to exit 2 and leave the terminal without
/// echo), and SIGTERM during a check kills the exercise (it used to run on, under PID 1).
#[test]
fn the_watch_survives_a_broken_log_and_takes_its_check_with_it_on_sigterm() {
    let (root, target) = scratch_course();
    let target_env = [("CARGO_TARGET_DIR", target.to_str().unwrap())];
    let fixtures = fixtures();
    let args = ["--course-dir", fixtures.to_str().unwrap(), "watch", "2"];
    let log = root.join("exercises/02_daemon_threads/expected.log");
    let main_rs = root.join("exercises/02_daemon_threads/src/main.rs");

    // 1. A broken expected log: said, and the watch keeps watching; `q` quits, as it was.
    let (mut pty, before) = Pty::start(&root, &args, &target_env);
    pty.wait_for("[q] quit");
    let text = std::fs::read_to_string(&log).unwrap();
    let broken = text.replacen(
        "00:00:00: Thread 1: starting",
        "00:00:05: Thread 1: starting",
        1,
    );
    assert_ne!(broken, text, "the log has the line this test breaks");
    std::fs::write(&log, &broken).unwrap();
    pty.wait_for("goes back in time");
    pty.wait_for("Mend it and save");
    std::fs::write(&log, &text).unwrap();
    pty.wait_for("Not yet");
    pty.wait_for("scroll: lines 1-");
    // The screen fits 24 rows: its title, the verdict first, the keys on the last line.
    let text = pty.text();
    let frame: Vec<&str> = text
        .rsplit("\x1b[H")
        .next()
        .unwrap()
        .split("\r\n")
        .collect();
    assert!(frame.len() <= 24, "{} rows: {frame:#?}", frame.len());
    assert!(
        frame[0].contains("ex02_daemon_threads, exercise 1 of 1"),
        "{frame:#?}"
    );
    assert!(
        frame[2].contains("Not yet."),
        "the verdict first: {frame:#?}"
    );
    assert!(frame[frame.len() - 1].contains("[q] quit"), "{frame:#?}");
    pty.type_keys(b"q");
    let (code, after) = pty.end();
    assert_eq!(code, 0, "the watch ends on q; the screen:\n{after}");
    assert_eq!(after, before, "the terminal's modes after the watch");

    // 2. SIGTERM while an exercise that never ends is checked: it dies with the runner.
    std::fs::write(
        &main_rs,
        "fn main() {\n    loop {\n        std::thread::sleep(std::time::Duration::from_secs(1));\n    }\n}\n",
    )
    .unwrap();
    let (mut pty, before) = Pty::start(&root, &args, &target_env);
    pty.wait_for("Checking");
    let runner = pty.child.id();
    let start = Instant::now();
    let exercise = loop {
        let found = children(runner).into_iter().find(|&p| {
            std::fs::read_to_string(format!("/proc/{p}/comm"))
                .is_ok_and(|c| c.starts_with("ex02_daemon"))
        });
        if let Some(p) = found {
            break p;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the exercise never ran; the screen:\n{}",
            pty.text()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let pid = rustix::process::Pid::from_raw(runner as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
    let (code, after) = pty.end();
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(code, 128 + 15);
    assert_eq!(after, before, "the terminal's modes after SIGTERM");
    let start = Instant::now();
    while alive(exercise) {
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "the exercise {exercise} outlived the runner"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
