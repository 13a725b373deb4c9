//! The watch's input: the student's keys and the saves of the exercise's files, as one stream
//! of events in the order they come.

use std::io::BufRead;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode, Watcher};

use crate::cli::Fail;
use crate::ui::term::Key;

/// What the loop waits for.
pub enum Event {
    /// A file of the exercise changed.
    Saved,
    /// Keys that came together (one key, a paste, or keys sent at once), as the terminal's
    /// layer reads them; where stdin is no terminal, a line typed, as its keys and Enter.
    Keys(Vec<Key>),
    /// The terminal closed.
    Closed,
}

/// How long the files must stay quiet before a check: an editor's one save is several events.
pub const QUIET: Duration = Duration::from_millis(250);

/// The student's keys and the saves, in the order they come. Keys are single keys (while the
/// watch holds `term::Keys`), each burst read only when the loop asks for one; where stdin is
/// no terminal, they are lines.
pub struct Input {
    rx: Receiver<Event>,
    /// Asks the key reader for one more key; `None` when keys come as lines.
    go: Option<Sender<()>>,
    asked: bool,
    /// A key that came while a save was followed or a check ran, for the next turn.
    pending: Option<Event>,
}

impl Input {
    pub fn start(tx: Sender<Event>, rx: Receiver<Event>, single_keys: bool) -> Input {
        let go = match single_keys {
            true => {
                let (go, wait) = mpsc::channel::<()>();
                std::thread::spawn(move || {
                    while wait.recv().is_ok() {
                        // One answer for each key asked for: keys that came at once (a letter
                        // then Enter, or a paste) are one answer, so the reader never goes on
                        // reading keys nobody asked for.
                        let burst = crate::ui::term::read(None).unwrap_or_default();
                        let event = Event::Keys(burst);
                        if tx.send(event).is_err() {
                            return;
                        }
                    }
                });
                Some(go)
            }
            false => {
                std::thread::spawn(move || {
                    for line in std::io::stdin().lock().lines() {
                        let Ok(line) = line else { break };
                        let mut keys: Vec<Key> = line.chars().map(Key::Char).collect();
                        keys.push(Key::Enter);
                        if tx.send(Event::Keys(keys)).is_err() {
                            return;
                        }
                    }
                    let _ = tx.send(Event::Closed);
                });
                None
            }
        };
        Input {
            rx,
            go,
            asked: false,
            pending: None,
        }
    }

    pub fn single_keys(&self) -> bool {
        self.go.is_some()
    }

    /// The next event; a save is followed until the files are quiet for [`QUIET`].
    pub fn next(&mut self) -> Event {
        if let Some(e) = self.pending.take() {
            return e;
        }
        if let (Some(go), false) = (&self.go, self.asked) {
            let _ = go.send(());
            self.asked = true;
        }
        let first = match self.rx.recv() {
            Ok(e) => self.seen(e),
            Err(_) => return Event::Closed,
        };
        if !matches!(first, Event::Saved) {
            return first;
        }
        loop {
            match self.rx.recv_timeout(QUIET) {
                Ok(Event::Saved) => {}
                // A key pressed while saving waits for the next turn; the save comes first.
                Ok(other) => {
                    self.pending = Some(self.seen(other));
                    return Event::Saved;
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    return Event::Saved;
                }
            }
        }
    }

    /// A key or the end of input was received: the reader waits to be asked again.
    fn seen(&mut self, e: Event) -> Event {
        if !matches!(e, Event::Saved) {
            self.asked = false;
        }
        e
    }

    /// Whether a file was saved while the check ran; a key pressed meanwhile is kept.
    pub fn saved_meanwhile(&mut self) -> bool {
        let mut saved = false;
        while let Ok(e) = self.rx.try_recv() {
            match self.seen(e) {
                Event::Saved => saved = true,
                other => {
                    self.pending.get_or_insert(other);
                }
            }
        }
        saved
    }
}

/// Watch the exercise's folder; a change to a source file, its manifest or its log is a save.
pub fn watch_files(dir: &Path, tx: Sender<Event>) -> Result<notify::RecommendedWatcher, Fail> {
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        // A `touch` or a change of permissions changes no text: not a save.
        let relevant = matches!(
            ev.kind,
            EventKind::Modify(_) | EventKind::Create(_) | EventKind::Remove(_)
        ) && !matches!(ev.kind, EventKind::Modify(ModifyKind::Metadata(_)))
            && ev.paths.iter().any(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("rs" | "toml" | "log")
                )
            });
        if relevant {
            let _ = tx.send(Event::Saved);
        }
    })
    .map_err(|e| Fail::Broken(format!("cannot watch for saves: {e}")))?;
    w.watch(dir, RecursiveMode::Recursive)
        .map_err(|e| Fail::Broken(format!("cannot watch {}: {e}", dir.display())))?;
    Ok(w)
}
