//! The status line of a chapter while it runs, on a terminal: `run`, `run-all` and their
//! `--repeat` show it, and the verdict line takes its place; and the bar of where the student is
//! in the course (`tour`, `watch`).

use std::io::{IsTerminal, Write};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// On a terminal, a status line while a chapter runs (`ch03_thread_pool       running… 3s`),
/// rewritten in place and cleared when the ticker is dropped, so the verdict line takes its
/// place. Not on a pipe: a CI log gets only the verdicts.
pub struct Ticker {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Ticker {
    /// `run`: which run of how many, when there are several.
    pub fn start(label: &str, run: Option<(u32, u32)>) -> Option<Ticker> {
        if !std::io::stdout().is_terminal() {
            return None;
        }
        let width = crate::ui::term::width().unwrap_or(80);
        let label = label.to_string();
        let (tx, rx) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let start = Instant::now();
            loop {
                print!("\r{}", status_line(&label, run, start.elapsed(), width));
                let _ = std::io::stdout().flush();
                if rx.recv_timeout(Duration::from_millis(250))
                    != Err(mpsc::RecvTimeoutError::Timeout)
                {
                    break;
                }
            }
            print!("\r\x1b[K");
            let _ = std::io::stdout().flush();
        });
        Some(Ticker {
            stop: Some(tx),
            thread: Some(thread),
        })
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The status line of a chapter that has run for `took`, short of `width` so that it never
/// wraps (a wrapped line could not be rewritten in place).
fn status_line(label: &str, run: Option<(u32, u32)>, took: Duration, width: usize) -> String {
    let of = run
        .map(|(k, n)| format!(" (run {k} of {n})"))
        .unwrap_or_default();
    let line = format!("{label:<22} running… {}s{of}", took.as_secs());
    textfit::cut(&line, width.saturating_sub(1))
}

/// `[####------]` for chapter `at` (from 0) of `count`: where the student is in the course.
pub fn bar(at: usize, count: usize) -> String {
    let done = (at + 1) * 20 / count.max(1);
    format!("[{}{}]", "#".repeat(done), "-".repeat(20 - done))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_as_the_course_goes() {
        assert_eq!(bar(0, 10), format!("[{}{}]", "#".repeat(2), "-".repeat(18)));
        assert_eq!(bar(9, 10), format!("[{}]", "#".repeat(20)));
    }

    #[test]
    fn the_status_line_says_how_long_and_never_wraps() {
        let t = Duration::from_millis(3400);
        assert_eq!(
            status_line("ch03_thread_pool", None, t, 80),
            "ch03_thread_pool       running… 3s"
        );
        assert_eq!(
            status_line("ch03_thread_pool", Some((2, 5)), t, 80),
            "ch03_thread_pool       running… 3s (run 2 of 5)"
        );
        assert_eq!(
            status_line("ch03_thread_pool", None, t, 20).chars().count(),
            19
        );
    }
}
