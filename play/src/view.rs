//! The screen's view of the book at one moment: each lane's status, what it will do next and
//! what it did, the lesson's state, and who holds each lock.

use common::sync::book;

use crate::engine::{Frame, LaneView, Status};

/// The screen's view of the book: `runnable` are the tasks that can run now (all blocked
/// when `None`, after a deadlock).
pub(crate) fn frame(moves: usize, runnable: Option<&[usize]>) -> Frame {
    book::with(|b| {
        let lanes = (1..b.lanes.len())
            .map(|i| {
                let l = &b.lanes[i];
                let can_run = runnable.is_some_and(|r| r.contains(&i));
                let status = if l.finished {
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
                    Status::Blocked("asleep in wait: only a notify wakes it".into())
                } else if let Some(lock) = l.next.as_ref().and_then(|o| o.lock) {
                    let name = b.lock_name(lock);
                    match b.locks.get(lock).and_then(|n| n.holder) {
                        Some(h) if h == i => {
                            Status::Blocked(format!("waits for {name}, which it holds itself"))
                        }
                        Some(h) => Status::Blocked(format!(
                            "waits for {name}, held by {}",
                            b.lanes[h].name
                        )),
                        None => match readers(b, lock) {
                            Some(r) => Status::Blocked(format!("waits for {name}, held by {r}")),
                            None => Status::Blocked(format!("waits for {name}")),
                        },
                    }
                } else if let Some(waits) = l.next.as_ref().and_then(|o| o.waits.clone()) {
                    Status::Blocked(waits)
                } else if l
                    .next
                    .as_ref()
                    .is_some_and(|o| o.what.starts_with("wait at the barrier"))
                {
                    Status::Blocked("waits at the barrier for the others".into())
                } else {
                    Status::Blocked("blocked".into())
                };
                let (at, mut next) = match &l.next {
                    Some(op) => (
                        Some(format!("{}:{}", op.at.file(), op.at.line())),
                        op.what.clone(),
                    ),
                    None => (None, String::new()),
                };
                // In a wait: on its way in (it can run and has not been blocked since), asleep,
                // woken by a notify (it can run again), and then taking its lock back.
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
                LaneView {
                    name: l.name.clone(),
                    status,
                    at,
                    next,
                    did: l.did.clone(),
                }
            })
            .collect();
        let locks = b
            .locks
            .iter()
            .enumerate()
            .map(|(k, l)| {
                let holder = match l.holder {
                    Some(h) => Some(b.lanes[h].name.clone()),
                    None => readers(b, k),
                };
                (l.name.clone(), holder)
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

/// Who holds an `RwLock`'s read lock, in words (`Main and Reader 3 (reading)`), if anyone does.
fn readers(b: &book::Book, lock: usize) -> Option<String> {
    let names: Vec<&str> = b
        .locks
        .get(lock)?
        .readers
        .iter()
        .map(|&r| b.lanes[r].name.as_str())
        .collect();
    (!names.is_empty()).then(|| format!("{} (reading)", names.join(" and ")))
}
