//! The scenarios of chapters 11 to 14: atomics, a lock made of a flag, channels and condition
//! variables.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use common::sync::Arc;
use common::sync::book;
use common::sync::mpsc::SyncSender;

use super::{get, note, set};
use crate::engine::{join, spawn};

pub(super) fn ch11() {
    let counter = Arc::new(ch11_atomics::Counter::new());
    let done = Arc::new(AtomicUsize::new(0));
    let c = Arc::clone(&counter);
    book::show("counter", move || c.value().to_string());
    let (c, n) = (Arc::clone(&counter), Arc::clone(&done));
    book::goal(move || {
        (n.load(SeqCst) == 2 && c.value() < 2).then(|| {
            format!(
                "An update is lost: two additions, and the counter is {}. Each access was atomic; the addition was not.",
                c.value()
            )
        })
    });
    let threads = (1..=2)
        .map(|n| {
            let (c, done) = (Arc::clone(&counter), Arc::clone(&done));
            spawn(
                &format!("Thread {n}"),
                "Counter::add_load_store",
                move || {
                    c.add_load_store(|| {});
                    done.fetch_add(1, SeqCst);
                },
            )
        })
        .collect();
    join(threads);
}

pub(super) fn ch11_stale() {
    use common::sync::atomic::Ordering::Relaxed;
    let mailbox = Arc::new(ch11_atomics::Mailbox::new());
    let got = note::<u64>();
    let g = Arc::clone(&got);
    book::show("the receiver got", move || {
        get(&g).map_or("(nothing yet)".into(), |v| v.to_string())
    });
    let g = Arc::clone(&got);
    book::goal(move || {
        get(&g)
            .filter(|&v| v != 42)
            .map(|v| format!("A stale value: the flag was up and the data read {v}."))
    });
    let m = Arc::clone(&mailbox);
    join(vec![
        spawn("Publisher", "publish(42, Relaxed)", move || {
            m.publish(42, Relaxed)
        }),
        spawn("Receiver", "receive(Relaxed)", move || {
            // It gives way between looks (a step the screen shows); its spin has schedules
            // without end, so the level's search keeps to a bound of preemptions.
            set(
                &got,
                mailbox.receive(Relaxed, common::sync::thread::yield_now),
            );
        }),
    ]);
}

pub(super) fn ch11_flag() {
    flag_lock(
        ch11_atomics::FlagLock::lock_load_then_store,
        "lock_load_then_store",
    );
}

pub(super) fn ch11_flag_exchange() {
    flag_lock(ch11_atomics::FlagLock::lock, "lock (compare_exchange)");
}

/// Chapter 11's flag lock, taken with `lock` (`how` names it) by two threads, twice each, around
/// a step of work inside; the goal: both inside at once.
fn flag_lock(lock: fn(&ch11_atomics::FlagLock), how: &str) {
    let flag = Arc::new(ch11_atomics::FlagLock::new());
    let inside = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let i = Arc::clone(&inside);
    book::show("inside", move || i.load(SeqCst).to_string());
    let m = Arc::clone(&most);
    book::goal(move || {
        (m.load(SeqCst) > 1).then(|| {
            "Both threads are inside: each looked at the flag, found it down, and raised it. \
             The look and the raise are two atomic steps, and the other thread came between \
             them."
                .to_string()
        })
    });
    let threads = (1..=2)
        .map(|t| {
            let (flag, inside, most) = (Arc::clone(&flag), Arc::clone(&inside), Arc::clone(&most));
            spawn(
                &format!("Thread {t}"),
                &format!("{how}, twice"),
                move || {
                    for _ in 0..2 {
                        lock(&flag);
                        let now = inside.fetch_add(1, SeqCst) + 1;
                        most.fetch_max(now, SeqCst);
                        book::did(format!("went in ({now} inside)"));
                        common::sync::step("works inside");
                        inside.fetch_sub(1, SeqCst);
                        flag.unlock();
                    }
                },
            )
        })
        .collect();
    join(threads);
}

/// Chapter 13's Producer (`produce`: the chapter's, or its Try this) and the chapter's Consumer
/// on a queue with room for `capacity`; the goal: a send got ahead of the bound, or Consumer got
/// other than what Producer made (main's check, in its words).
pub(super) fn queue_of(
    capacity: usize,
    produce: fn(SyncSender<u64>, usize) -> Vec<u64>,
    lost_how: &'static str,
) {
    let (sender, receiver) = common::sync::mpsc::sync_channel(capacity);
    book::name_channels(&["the queue"]);
    let label = match capacity {
        0 => "in the channel (no queue)".to_string(),
        n => format!("in the queue (room for {n})"),
    };
    book::show(&label, || book::with(|b| b.channels[0].queued.to_string()));
    let (made, got) = (note::<Vec<u64>>(), note::<Vec<u64>>());
    let (m, g) = (Arc::clone(&made), Arc::clone(&got));
    book::goal(move || {
        let (ahead, most) = book::with(|b| (b.channels[0].ahead, b.channels[0].most));
        if capacity == 0 && ahead {
            return Some("A send returned with no recv there to take its message.".into());
        }
        if capacity > 0 && most > capacity {
            return Some(format!(
                "{most} messages in a queue with room for {capacity}."
            ));
        }
        let (made, got) = (get(&m)?, get(&g)?);
        (got != made).then(|| {
            let lost: Vec<String> = made
                .iter()
                .filter(|x| !got.contains(x))
                .map(u64::to_string)
                .collect();
            format!(
                "Main: {}. Lost: {} {}. {lost_how}",
                ch13_channels::check(&made, &got),
                if lost.len() == 1 {
                    "message"
                } else {
                    "messages"
                },
                lost.join(", ")
            )
        })
    });
    join(vec![
        spawn(
            "Producer",
            &format!("producer(sender, {capacity})"),
            move || {
                set(&made, produce(sender, capacity));
            },
        ),
        spawn("Consumer", "consumer(receiver)", move || {
            set(&got, ch13_channels::consumer(receiver, || {}));
        }),
    ]);
}

pub(super) fn ch13_rendezvous() {
    queue_of(0, ch13_channels::producer, "");
}

pub(super) fn ch13() {
    queue_of(1, ch13_channels::producer, "");
}

/// Chapter 13's Try this: the chapter's producer with `try_send` for `send`, dropping the
/// message when the queue is full.
pub(super) fn producer_try_send(sender: SyncSender<u64>, _capacity: usize) -> Vec<u64> {
    use common::sync::mpsc::TrySendError;
    let mut made = Vec::new();
    for message in 0..ch13_channels::MESSAGES {
        made.push(message);
        match sender.try_send(message) {
            Ok(()) => log::info!("Producer: sent message {message}"),
            Err(TrySendError::Full(_)) => {
                log::info!("Producer: the queue is full: drops message {message}")
            }
            Err(TrySendError::Disconnected(_)) => panic!("Consumer hung up before the end"),
        }
    }
    made
}

pub(super) fn ch13_try_send() {
    queue_of(
        1,
        producer_try_send,
        "try_send found the queue full, and Producer dropped what did not fit.",
    );
}

pub(super) fn ch14() {
    let signal = Arc::new(ch14_condvar::Signal::new());
    book::name_locks(&["the signal's lock"]);
    let s = Arc::clone(&signal);
    join(vec![
        spawn("Waiter", "Signal::wait", move || s.wait()),
        spawn("Notifier", "Signal::notify", move || signal.notify()),
    ]);
}

pub(super) fn ch14_event() {
    let event = Arc::new(ch14_condvar::Event::new());
    book::name_locks(&["the event's lock"]);
    let e = Arc::clone(&event);
    book::show("flag", move || e.is_set().to_string());
    let e = Arc::clone(&event);
    join(vec![
        spawn("Waiter", "Event::wait", move || e.wait()),
        spawn("Setter", "Event::set", move || event.set()),
    ]);
}
