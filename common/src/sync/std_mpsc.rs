//! std's channels, recorded: a `recv` that waits for a message (woken by the thread that sent
//! it) and a bounded `send` that waits for room (woken by the thread that took a message).
//! Each message carries its sender's moment when recording, `None` otherwise.

use std::sync::{Arc, mpsc as m};
use std::time::Duration;

use crate::record::{self, Object, Site, Stamp};

pub use std::sync::mpsc::{RecvError, RecvTimeoutError, SendError, TryRecvError, TrySendError};

type Stamped<T> = (T, Option<Stamp>);

fn stamp() -> Option<Stamp> {
    if record::enabled() {
        record::stamp_now()
    } else {
        None
    }
}

pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let (tx, rx) = m::channel();
    let site = Arc::new(Site::new());
    (
        Sender {
            inner: tx,
            site: Arc::clone(&site),
        },
        Receiver { inner: rx, site },
    )
}

pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
    let (tx, rx) = m::sync_channel(bound);
    let site = Arc::new(Site::new());
    (
        SyncSender {
            inner: tx,
            site: Arc::clone(&site),
        },
        Receiver { inner: rx, site },
    )
}

/// std's `Sender`: a send never blocks.
#[derive(Debug)]
pub struct Sender<T> {
    inner: m::Sender<Stamped<T>>,
    site: Arc<Site>,
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        Sender {
            inner: self.inner.clone(),
            site: Arc::clone(&self.site),
        }
    }
}

impl<T> Sender<T> {
    pub fn send(&self, t: T) -> Result<(), SendError<T>> {
        self.inner.send((t, stamp())).map_err(|e| SendError(e.0.0))
    }
}

/// std's `SyncSender`: a send blocks while the channel is full.
#[derive(Debug)]
pub struct SyncSender<T> {
    inner: m::SyncSender<Stamped<T>>,
    site: Arc<Site>,
}

impl<T> Clone for SyncSender<T> {
    fn clone(&self) -> Self {
        SyncSender {
            inner: self.inner.clone(),
            site: Arc::clone(&self.site),
        }
    }
}

impl<T> SyncSender<T> {
    pub fn send(&self, t: T) -> Result<(), SendError<T>> {
        if !record::enabled() {
            return self.inner.send((t, None)).map_err(|e| SendError(e.0.0));
        }
        self.site.wait_starts(Object::Channel);
        let r = self.inner.send((t, record::stamp_now()));
        // Room came when a receiver took a message.
        self.site.wait_ends(self.site.last(), false);
        r.map_err(|e| SendError(e.0.0))
    }

    pub fn try_send(&self, t: T) -> Result<(), TrySendError<T>> {
        self.inner.try_send((t, stamp())).map_err(|e| match e {
            TrySendError::Full(m) => TrySendError::Full(m.0),
            TrySendError::Disconnected(m) => TrySendError::Disconnected(m.0),
        })
    }
}

/// std's `Receiver`.
#[derive(Debug)]
pub struct Receiver<T> {
    inner: m::Receiver<Stamped<T>>,
    site: Arc<Site>,
}

impl<T> Receiver<T> {
    /// A message came: the sender woke this thread if it waited.
    fn got(&self, m: Stamped<T>, timed_out: bool) -> T {
        self.site.wait_ends(m.1, timed_out);
        m.0
    }

    /// About to take a message, which makes room: noted before, so that a sender it lets go
    /// on finds it noted (a sender that waits for room waits for a receiver that comes; one
    /// that is there already lets it go at once).
    fn takes(&self) {
        self.site.mark();
        self.site.wait_starts(Object::Channel);
    }

    pub fn recv(&self) -> Result<T, RecvError> {
        if !record::enabled() {
            return self.inner.recv().map(|m| m.0);
        }
        self.takes();
        match self.inner.recv() {
            Ok(m) => Ok(self.got(m, false)),
            Err(e) => {
                // Every sender is gone: the last one's end let it go on.
                self.site.wait_ends(None, false);
                Err(e)
            }
        }
    }

    pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        if !record::enabled() {
            return self.inner.recv_timeout(timeout).map(|m| m.0);
        }
        self.takes();
        match self.inner.recv_timeout(timeout) {
            Ok(m) => Ok(self.got(m, false)),
            Err(e) => {
                self.site
                    .wait_ends(None, matches!(e, RecvTimeoutError::Timeout));
                Err(e)
            }
        }
    }

    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        if record::enabled() {
            self.site.mark();
        }
        self.inner.try_recv().map(|m| m.0)
    }

    pub fn iter(&self) -> Iter<'_, T> {
        Iter { rx: self }
    }

    pub fn try_iter(&self) -> TryIter<'_, T> {
        TryIter { rx: self }
    }
}

/// std's `Iter`: messages until every sender is gone.
#[derive(Debug)]
pub struct Iter<'a, T: 'a> {
    rx: &'a Receiver<T>,
}

/// std's `TryIter`: the messages there now.
#[derive(Debug)]
pub struct TryIter<'a, T: 'a> {
    rx: &'a Receiver<T>,
}

/// std's `IntoIter`.
#[derive(Debug)]
pub struct IntoIter<T> {
    rx: Receiver<T>,
}

impl<T> Iterator for Iter<'_, T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        self.rx.recv().ok()
    }
}

impl<T> Iterator for TryIter<'_, T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        self.rx.try_recv().ok()
    }
}

impl<T> Iterator for IntoIter<T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        self.rx.recv().ok()
    }
}

impl<'a, T> IntoIterator for &'a Receiver<T> {
    type Item = T;
    type IntoIter = Iter<'a, T>;
    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

impl<T> IntoIterator for Receiver<T> {
    type Item = T;
    type IntoIter = IntoIter<T>;
    fn into_iter(self) -> IntoIter<T> {
        IntoIter { rx: self }
    }
}
