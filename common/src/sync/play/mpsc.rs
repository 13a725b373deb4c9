//! std's channels, as shuttle schedules them: a `send` and a `recv` are each a step, and
//! one that must wait (a full queue, an empty one) sleeps until the other side lets it go
//! on. shuttle's `recv_timeout` never times out.
use super::book::{self, before, before_waiting, did};
use shuttle::sync::mpsc as sm;
use std::fmt;
use std::panic::Location;
use std::time::Duration;

pub use std::sync::mpsc::{RecvError, RecvTimeoutError, SendError, TryRecvError, TrySendError};

fn new_channel(bound: Option<usize>) -> usize {
    book::with(|b| {
        b.channels.push(book::ChannelNote {
            name: "the channel".into(),
            bound,
            ..book::ChannelNote::default()
        });
        b.channels.len() - 1
    })
}

fn name(id: usize) -> String {
    book::with(|b| b.channels[id].name.clone())
}

/// A message went in (`+1`) or came out (`-1`): what the channel holds now, in words. A
/// send that returns with more messages in the channel than its bound and the receivers
/// waiting in `recv` to take them is noted (`ahead`): a bounded send must not.
fn count(id: usize, by: isize) -> String {
    book::with(|b| {
        let c = &mut b.channels[id];
        c.queued = c.queued.saturating_add_signed(by);
        c.most = c.most.max(c.queued);
        let recv = format!("recv from {}", c.name);
        let waiting = b
            .lanes
            .iter()
            .filter(|l| {
                !l.finished && l.was_blocked && l.next.as_ref().is_some_and(|o| o.what == recv)
            })
            .count();
        // Only a rendezvous hands a message to a waiting `recv` past its room (of none).
        if let Some(bound) = c.bound
            && by > 0
            && c.queued > if bound == 0 { waiting } else { bound }
        {
            c.ahead = true;
        }
        match c.bound {
            Some(0) if by > 0 && waiting > 0 => "handed to the recv that waits".into(),
            Some(bound) if bound > 0 => format!("{} holds {} of {bound}", c.name, c.queued),
            _ => format!("{} holds {}", c.name, c.queued),
        }
    })
}

pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let id = new_channel(None);
    let (tx, rx) = sm::channel();
    (Sender { id, inner: tx }, Receiver { id, inner: rx })
}

pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
    let id = new_channel(Some(bound));
    let (tx, rx) = sm::sync_channel(bound);
    (
        SyncSender {
            id,
            bound,
            inner: tx,
        },
        Receiver { id, inner: rx },
    )
}

/// std's `Sender`: a send never waits.
pub struct Sender<T> {
    id: usize,
    inner: sm::Sender<T>,
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        Sender {
            id: self.id,
            inner: self.inner.clone(),
        }
    }
}

impl<T> fmt::Debug for Sender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sender({})", self.id)
    }
}

impl<T> Sender<T> {
    #[track_caller]
    pub fn send(&self, t: T) -> Result<(), SendError<T>> {
        before(
            Location::caller(),
            format!("send into {}", name(self.id)),
            None,
        );
        let r = self.inner.send(t);
        did(match &r {
            Ok(()) => format!("sent: {}", count(self.id, 1)),
            Err(_) => "send failed: the receiver is gone".into(),
        });
        r
    }
}

/// std's `SyncSender`: a send waits while the queue is full (with a bound of 0, until a
/// `recv` takes the message).
pub struct SyncSender<T> {
    id: usize,
    bound: usize,
    inner: sm::SyncSender<T>,
}

impl<T> Clone for SyncSender<T> {
    fn clone(&self) -> Self {
        SyncSender {
            id: self.id,
            bound: self.bound,
            inner: self.inner.clone(),
        }
    }
}

impl<T> fmt::Debug for SyncSender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SyncSender({})", self.id)
    }
}

impl<T> SyncSender<T> {
    #[track_caller]
    pub fn send(&self, t: T) -> Result<(), SendError<T>> {
        let name = name(self.id);
        let (what, waits) = if self.bound == 0 {
            (
                "send: hand the message to a recv".to_string(),
                "waits for a recv to take its message: there is no queue".to_string(),
            )
        } else {
            (
                format!("send into {name}"),
                format!("waits for a recv to make room: {name} is full"),
            )
        };
        before_waiting(Location::caller(), what, waits);
        let r = self.inner.send(t);
        did(match &r {
            Ok(()) => format!("sent: {}", count(self.id, 1)),
            Err(_) => "send failed: the receiver is gone".into(),
        });
        r
    }

    #[track_caller]
    pub fn try_send(&self, t: T) -> Result<(), TrySendError<T>> {
        let name = name(self.id);
        before(Location::caller(), format!("try_send into {name}"), None);
        let r = self.inner.try_send(t);
        did(match &r {
            Ok(()) => format!("try_send: sent: {}", count(self.id, 1)),
            Err(TrySendError::Full(_)) => {
                format!("try_send: {name} is full: Full, the message comes back")
            }
            Err(TrySendError::Disconnected(_)) => "try_send: the receiver is gone".into(),
        });
        r
    }
}

/// std's `Receiver`.
pub struct Receiver<T> {
    id: usize,
    inner: sm::Receiver<T>,
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Receiver({})", self.id)
    }
}

impl<T> Receiver<T> {
    fn recv_at(&self, at: &'static Location<'static>) -> Result<T, RecvError> {
        let name = name(self.id);
        before_waiting(
            at,
            format!("recv from {name}"),
            format!("waits for a message: {name} is empty"),
        );
        let r = self.inner.recv();
        did(match &r {
            Ok(_) => format!("took a message: {}", count(self.id, -1)),
            Err(_) => format!("recv: {name} is empty and every sender is gone: Err"),
        });
        r
    }

    #[track_caller]
    pub fn recv(&self) -> Result<T, RecvError> {
        self.recv_at(Location::caller())
    }

    /// shuttle's never times out: a `recv` that gives the same error when every sender is
    /// gone.
    #[track_caller]
    pub fn recv_timeout(&self, _timeout: Duration) -> Result<T, RecvTimeoutError> {
        self.recv_at(Location::caller())
            .map_err(|_| RecvTimeoutError::Disconnected)
    }

    #[track_caller]
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        let name = name(self.id);
        before(Location::caller(), format!("try_recv from {name}"), None);
        let r = self.inner.try_recv();
        did(match &r {
            Ok(_) => format!("try_recv took a message: {}", count(self.id, -1)),
            Err(TryRecvError::Empty) => format!("try_recv: {name} is empty: Empty"),
            Err(TryRecvError::Disconnected) => {
                format!("try_recv: {name} is empty and every sender is gone")
            }
        });
        r
    }

    pub fn iter(&self) -> Iter<'_, T> {
        Iter { rx: self }
    }

    pub fn try_iter(&self) -> TryIter<'_, T> {
        TryIter { rx: self }
    }
}

/// std's `Iter`: messages until every sender is gone.
pub struct Iter<'a, T: 'a> {
    rx: &'a Receiver<T>,
}

/// std's `TryIter`: the messages there now.
pub struct TryIter<'a, T: 'a> {
    rx: &'a Receiver<T>,
}

/// std's `IntoIter`.
pub struct IntoIter<T> {
    rx: Receiver<T>,
}

// `#[track_caller]` on `next`: a `for` loop's step shows the chapter's `for` line.
impl<T> Iterator for Iter<'_, T> {
    type Item = T;
    #[track_caller]
    fn next(&mut self) -> Option<T> {
        self.rx.recv_at(Location::caller()).ok()
    }
}

impl<T> Iterator for TryIter<'_, T> {
    type Item = T;
    #[track_caller]
    fn next(&mut self) -> Option<T> {
        self.rx.try_recv().ok()
    }
}

impl<T> Iterator for IntoIter<T> {
    type Item = T;
    #[track_caller]
    fn next(&mut self) -> Option<T> {
        self.rx.recv_at(Location::caller()).ok()
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
