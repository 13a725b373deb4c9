//! The terminal, owned here and nowhere else: its size, its modes (keys read the moment they are
//! pressed, the alternate screen where a full screen is drawn), the keys as events, and whether
//! to colour ([`style`]). Built on `rustix` (the termios and poll calls, safely) and
//! `signal-hook` (signals on a thread of their own); no `stty` process is ever started.
//!
//! Whatever changes the terminal goes through a guard ([`Keys`], [`Screen`]) whose drop puts it
//! back, and [`install`] puts it back on every other way out: a panic, and SIGINT, SIGTERM or
//! SIGHUP (after which the runner's children are killed and it exits 128 + the signal).
//!
//! ```ignore
//! let keys = term::Keys::enter();           // None: stdin is no terminal (read lines instead)
//! let mut screen = term::Screen::enter();  // None: stdout is no terminal
//! screen.draw(&lines);                     // a full frame, each line cut to the width
//! match keys.read(Some(Duration::from_millis(100))) { ... }  // None: no key in that time
//! ```

pub mod keys;
pub mod page;
pub mod style;

use std::io::{IsTerminal, Write};
use std::os::fd::AsFd;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};

pub use keys::Key;
pub use style::Style;

/// The terminal's settings before the runner changed them; `Some` while they are changed.
static SAVED: Mutex<Option<Termios>> = Mutex::new(None);
/// Whether the alternate screen is shown.
static ALTERNATE: AtomicBool = AtomicBool::new(false);
/// What to say when a signal ends the runner (Ctrl-C in the tour: where its place is kept).
static FAREWELL: Mutex<Option<String>> = Mutex::new(None);

/// Say `words` if SIGINT or SIGTERM ends the runner from now on (`None`: nothing), after the
/// terminal is given back: the word a command says when it ends by a key, said on Ctrl-C too.
pub fn farewell(words: Option<String>) {
    *FAREWELL.lock().unwrap_or_else(|e| e.into_inner()) = words;
}

/// The terminal's size in columns and rows, if stdout (or else stdin or stderr) is one.
pub fn size() -> Option<(usize, usize)> {
    let ask = |fd: std::os::fd::BorrowedFd<'_>| termios::tcgetwinsize(fd).ok();
    let ws = ask(std::io::stdout().as_fd())
        .or_else(|| ask(std::io::stdin().as_fd()))
        .or_else(|| ask(std::io::stderr().as_fd()))?;
    (ws.ws_col > 0 && ws.ws_row > 0).then_some((usize::from(ws.ws_col), usize::from(ws.ws_row)))
}

/// The width to wrap text to: `COLUMNS` if set, else the terminal's when stdout is one, else none
/// (piped output is left as written). Never under 20.
pub fn width() -> Option<usize> {
    if let Some(cols) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
    {
        return Some(usize::max(cols, 20));
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    size().map(|(cols, _)| cols.max(20))
}

/// [`width`], for what goes to stderr (the errors): the terminal's when stderr is one.
pub fn err_width() -> Option<usize> {
    if std::env::var_os("COLUMNS").is_some() || !std::io::stderr().is_terminal() {
        return width().filter(|_| std::io::stderr().is_terminal());
    }
    size().map(|(cols, _)| cols.max(20))
}

/// Clear the screen and go to its top, when stdout is a terminal.
pub fn clear() {
    if std::io::stdout().is_terminal() {
        print!("\x1b[H\x1b[2J");
        let _ = std::io::stdout().flush();
    }
}

/// Put the terminal back as it was: its settings, and the main screen with its cursor. Safe to
/// call at any time, from any thread, and more than once.
pub fn restore() {
    if ALTERNATE.swap(false, Ordering::SeqCst) {
        let mut out = std::io::stdout();
        let _ = out.write_all(b"\x1b[?25h\x1b[?1049l");
        let _ = out.flush();
    }
    // A poisoned lock still holds the settings: a panic elsewhere must not keep them from here.
    let mut saved = SAVED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(t) = saved.take() {
        let _ = termios::tcsetattr(std::io::stdin(), OptionalActions::Now, &t);
    }
}

/// Give the terminal back on a panic and on SIGINT, SIGTERM and SIGHUP; on a signal, also call
/// `on_signal` (which kills the runner's children) and exit with 128 + the signal's number, as
/// a shell reports a process the signal ended. Call once, first thing in `main`.
pub fn install(on_signal: fn()) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The message is printed on a terminal given back, so that it reads as written.
        restore();
        previous(info);
    }));
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            restore();
            on_signal();
            if sig != SIGHUP {
                // Ctrl-C typed at a prompt, or a status line (`running… 3s`), leaves the cursor
                // mid-line.
                println!();
            }
            // (A hung-up terminal has no one to read it.)
            let words = FAREWELL.lock().unwrap_or_else(|e| e.into_inner()).take();
            match words.filter(|_| sig != SIGHUP) {
                Some(words) => println!("{words}"),
                // Ctrl-C shows as `^C`; a SIGTERM from elsewhere is said.
                None if sig == SIGTERM => {
                    eprintln!("stopped: SIGTERM ended the runner, and the programs it ran with it")
                }
                None => {}
            }
            std::process::exit(128 + sig);
        }
    });
}

/// Keys read the moment they are pressed, not echoed, while this guard lives (the terminal's
/// line editing and echo are off; Ctrl-C still interrupts, and output still starts each line at
/// its left edge). Its drop puts the terminal's settings back.
pub struct Keys {
    _private: (),
}

impl Keys {
    /// `None` when stdin is not a terminal (then read lines, and say "then Enter").
    pub fn enter() -> Option<Keys> {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return None;
        }
        let now = termios::tcgetattr(&stdin).ok()?;
        let mut keys = now.clone();
        keys.local_modes &= !(LocalModes::ICANON | LocalModes::ECHO | LocalModes::IEXTEN);
        keys.special_codes[SpecialCodeIndex::VMIN] = 1;
        keys.special_codes[SpecialCodeIndex::VTIME] = 0;
        {
            let mut saved = SAVED.lock().unwrap_or_else(|e| e.into_inner());
            // A second guard keeps the first one's settings: those are the terminal's own.
            saved.get_or_insert(now);
        }
        termios::tcsetattr(&stdin, OptionalActions::Now, &keys).ok()?;
        // The exit-path test (tests/terminal.rs) asks for a panic here, in this mode.
        if cfg!(debug_assertions) && std::env::var_os("XTASK_TEST_PANIC_IN_KEYS").is_some() {
            panic!("a panic asked for by XTASK_TEST_PANIC_IN_KEYS");
        }
        Some(Keys { _private: () })
    }

    /// The keys pressed, waiting at most `timeout` for the first (`None`: for ever); every key
    /// that came with it is in the same burst (a paste, or keys sent at once, `9 9 Enter`).
    /// `None` when none came in time; `[Key::Closed]` when the terminal is gone.
    pub fn read(&self, timeout: Option<Duration>) -> Option<Vec<Key>> {
        read(timeout)
    }

    /// Throw away what was typed before now (while a chapter ran, say), so that it is not
    /// taken as the answer to a question not yet asked.
    pub fn discard(&self) {
        while read(Some(Duration::ZERO)).is_some_and(|k| k != [Key::Closed]) {}
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        let mut saved = SAVED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = saved.take() {
            let _ = termios::tcsetattr(std::io::stdin(), OptionalActions::Now, &t);
        }
    }
}

/// [`Keys::read`], for a thread that reads keys while another holds the guard (while none is
/// held, keys come a line at a time, as the terminal's line editing gives them).
pub fn read(timeout: Option<Duration>) -> Option<Vec<Key>> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = std::io::stdin();
    let ts = timeout.map(|t| Timespec {
        tv_sec: t.as_secs().try_into().unwrap_or(i64::MAX),
        tv_nsec: t.subsec_nanos().into(),
    });
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    match poll(&mut fds, ts.as_ref()) {
        Ok(0) => return None,
        Ok(_) => {}
        Err(rustix::io::Errno::INTR) => return None,
        Err(_) => return Some(vec![Key::Closed]),
    }
    let mut buf = [0u8; 1024];
    match rustix::io::read(&stdin, &mut buf) {
        Ok(0) | Err(_) => Some(vec![Key::Closed]),
        Ok(n) => Some(keys::decode(&buf[..n])),
    }
}

/// The alternate screen, where a full screen is drawn, shown while this guard lives; the main
/// screen comes back as it was when it drops (or on a panic or signal: see [`install`]).
pub struct Screen {
    width: usize,
    height: usize,
}

impl Screen {
    /// `None` when stdout is not a terminal.
    pub fn enter() -> Option<Screen> {
        if !std::io::stdout().is_terminal() {
            return None;
        }
        let (width, height) = size().unwrap_or((80, 24));
        ALTERNATE.store(true, Ordering::SeqCst);
        let mut out = std::io::stdout();
        let _ = out.write_all(b"\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J");
        let _ = out.flush();
        Some(Screen { width, height })
    }

    /// The screen's size now, in columns and rows (it follows a resized terminal).
    pub fn size(&mut self) -> (usize, usize) {
        if let Some(s) = size() {
            (self.width, self.height) = s;
        }
        (self.width, self.height)
    }

    /// Draw a whole frame: `lines` from the top, each cut to the width (colour codes take no
    /// room), at most the screen's height of them, the rest of the screen blank.
    pub fn draw(&mut self, lines: &[String]) {
        let (width, height) = self.size();
        let mut frame = String::from("\x1b[H");
        for (i, line) in lines.iter().take(height).enumerate() {
            if i > 0 {
                frame.push_str("\r\n");
            }
            frame.push_str(&textfit::cut(line, width));
            // No colour runs on past a line, and the rest of the line is cleared.
            frame.push_str(style::RESET);
            frame.push_str("\x1b[K");
        }
        frame.push_str("\x1b[J");
        let mut out = std::io::stdout();
        let _ = out.write_all(frame.as_bytes());
        let _ = out.flush();
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        if ALTERNATE.swap(false, Ordering::SeqCst) {
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x1b[?25h\x1b[?1049l");
            let _ = out.flush();
        }
    }
}
