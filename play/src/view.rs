//! The screen's view of the book at one moment: each lane's status (blocked on what), what it
//! will do next (its line and that line's code) and what it did, the lesson's state, and who
//! holds each lock, in the protocol's types.

use std::cell::RefCell;

use common::sync::book;
use playproto::{Did, Frame, Held, Lane, Lock, Object, Status, Waiting};

/// The screen's view of the book: `runnable` are the tasks that can run now (all blocked
/// when `None`, after a deadlock).
pub(crate) fn frame(moves: usize, runnable: Option<&[usize]>) -> Frame {
    book::with(|b| {
        let lanes = (1..b.lanes.len())
            .map(|i| lane(b, i, runnable.is_some_and(|r| r.contains(&i))))
            .collect();
        let locks = b
            .locks
            .iter()
            .enumerate()
            .map(|(k, l)| Lock {
                name: l.name.clone(),
                held: match l.holder {
                    Some(h) => Held::By(b.lanes[h].name.clone()),
                    None => readers(b, k),
                },
            })
            .collect();
        Frame {
            moves,
            lanes,
            state: b.state.clone(),
            locks,
        }
    })
}

/// Lane `i` of the book, which can run now or not.
fn lane(b: &book::Book, i: usize, can_run: bool) -> Lane {
    let l = &b.lanes[i];
    let status = status(b, i, can_run);
    let (at, mut next) = match &l.next {
        Some(op) => (
            Some(format!("{}:{}", op.at.file(), op.at.line())),
            op.what.clone(),
        ),
        None => (None, String::new()),
    };
    // In a wait: on its way in (it can run and has not been blocked since), asleep, woken by a
    // notify (it can run again), and then taking its lock back.
    let lock_name = l
        .next
        .as_ref()
        .and_then(|o| o.lock)
        .map(|lock| b.lock_name(lock));
    if let (Some(_), Some(name)) = (l.sleeping, &lock_name)
        && (l.was_blocked || l.woke)
    {
        next = if l.woke {
            format!("takes {name} back: wait returns")
        } else if can_run {
            format!("a notify woke it: next, takes {name} back")
        } else {
            format!("after a notify, takes {name} back")
        };
    } else if can_run
        && l.was_blocked
        && let Some(lock) = l.next.as_ref().and_then(|o| o.lock)
    {
        next = format!("{} is free now: takes it", b.lock_name(lock));
    }
    let code = l
        .next
        .as_ref()
        .and_then(|op| code(op.at.file(), op.at.line()));
    Lane {
        name: l.name.clone(),
        status,
        at,
        code,
        next,
        did: l
            .did
            .iter()
            .map(|d| match d.strip_prefix(LOGGED) {
                Some(line) => Did::Log(line.to_string()),
                None => Did::Step(d.clone()),
            })
            .collect(),
    }
}

/// What the engine's logger puts before a line a chapter logged, in a lane's deeds.
pub(crate) const LOGGED: &str = "log: ";

/// Lane `i`'s status: what it is doing, and when blocked, why and on what.
fn status(b: &book::Book, i: usize, can_run: bool) -> Status {
    let l = &b.lanes[i];
    let blocked = |why: String, on: Option<(Object, String)>| Status::Blocked {
        why,
        on: on.map(|(kind, name)| Waiting { kind, name }),
    };
    if l.finished {
        Status::Finished
    } else if can_run
        && l.did.is_empty()
        && l.next
            .as_ref()
            .is_some_and(|o| o.what.starts_with("starts"))
    {
        Status::NotStarted
    } else if can_run {
        Status::CanRun
    } else if l.sleeping.is_some() && !l.woke {
        blocked(
            "asleep in wait: only a notify wakes it".into(),
            Some((Object::Condvar, "the condvar".into())),
        )
    } else if let Some(lock) = l.next.as_ref().and_then(|o| o.lock) {
        let name = b.lock_name(lock);
        let why = match b.locks.get(lock).and_then(|n| n.holder) {
            Some(h) if h == i => format!("waits for {name}, which it holds itself"),
            Some(h) => format!("waits for {name}, held by {}", b.lanes[h].name),
            None => match readers(b, lock).holder() {
                Some(r) => format!("waits for {name}, held by {r}"),
                None => format!("waits for {name}"),
            },
        };
        blocked(why, Some((Object::Lock, name)))
    } else if let Some(waits) = l.next.as_ref().and_then(|o| o.waits.clone()) {
        // Only a channel's send and recv wait on something other than a lock: on the channel
        // their words name.
        let channel = b
            .channels
            .iter()
            .map(|c| c.name.clone())
            .find(|name| !name.is_empty() && waits.contains(name.as_str()))
            .unwrap_or_else(|| "the channel".into());
        blocked(waits, Some((Object::Channel, channel)))
    } else if l
        .next
        .as_ref()
        .is_some_and(|o| o.what.starts_with("wait at the barrier"))
    {
        blocked(
            "waits at the barrier for the others".into(),
            Some((Object::Barrier, "the barrier".into())),
        )
    } else {
        blocked("blocked".into(), None)
    }
}

/// Who holds an `RwLock`'s read lock, if anyone does.
fn readers(b: &book::Book, lock: usize) -> Held {
    let names: Vec<String> = b
        .locks
        .get(lock)
        .map(|l| l.readers.iter().map(|&r| b.lanes[r].name.clone()).collect())
        .unwrap_or_default();
    match names.is_empty() {
        true => Held::Free,
        false => Held::Reading(names),
    }
}

/// The code at `file:line` of the course (the path as the compiler names it: from the root of
/// the workspace that built it, where the engine runs, or whole), trimmed; read once a file.
fn code(file: &str, line: u32) -> Option<String> {
    thread_local! {
        static FILES: RefCell<std::collections::HashMap<String, Vec<String>>> =
            RefCell::default();
    }
    FILES.with(|files| {
        let mut files = files.borrow_mut();
        let lines = files.entry(file.to_string()).or_insert_with(|| {
            // The course's root, for a test run from the play crate's own folder.
            let built = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
            std::fs::read_to_string(file)
                .or_else(|_| std::fs::read_to_string(built.join(file)))
                .map(|t| t.lines().map(|l| l.trim().to_string()).collect())
                .unwrap_or_default()
        });
        let code = lines.get((line as usize).wrapping_sub(1))?;
        (!code.is_empty()).then(|| code.clone())
    })
}
