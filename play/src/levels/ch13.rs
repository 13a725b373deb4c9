//! Chapter 13's levels (`ch13_channels`): channels: a queue with room, a rendezvous and try_send.
//! Their words and each breakable level's winning schedule are the table `ch13.json`, beside this
//! file; the scenarios are here.

use common::sync::Arc;
use common::sync::book;
use common::sync::mpsc::SyncSender;

use super::{Chapter, Scenario, get, note, set, twin};
use crate::engine::{join, spawn};

/// Chapter 13's Producer (`produce`: the chapter's, or its Try this) and the chapter's Consumer
/// on a queue with room for `capacity`; the goal: a send got ahead of the bound, or Consumer got
/// other than what Producer made (main's check, in its words).
fn queue_of(
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

fn ch13_rendezvous() {
    queue_of(0, ch13_channels::producer, "");
}

fn ch13() {
    queue_of(1, ch13_channels::producer, "");
}

/// Chapter 13's Try this: the chapter's producer with `try_send` for `send`, dropping the
/// message when the queue is full.
fn producer_try_send(sender: SyncSender<u64>, _capacity: usize) -> Vec<u64> {
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

fn ch13_try_send() {
    queue_of(
        1,
        producer_try_send,
        "try_send found the queue full, and Producer dropped what did not fit.",
    );
}

/// Chapter 13's Producer and Consumer on a queue with room for one, judged as a rendezvous:
/// the goal, Producer's send returned before Consumer had begun to receive.
fn rendezvous_of_one() {
    let (sender, receiver) = common::sync::mpsc::sync_channel(1);
    book::name_channels(&["the queue"]);
    book::goal(|| {
        book::with(|b| {
            let sent = b.lanes.get(1)?.did.iter().any(|d| d.contains("sent"));
            let receiving = b.lanes.get(2)?.did.iter().any(|d| d.contains("recv"))
                || b.lanes[2]
                    .next
                    .as_ref()
                    .is_some_and(|o| o.what.contains("recv"));
            (sent && !receiving)
                .then(|| "A send returned before Consumer was in recv to take it.".to_string())
        })
    });
    join(vec![
        spawn("Producer", "producer(sender, 1)", move || {
            ch13_channels::producer(sender, 1);
        }),
        spawn("Consumer", "consumer(receiver)", move || {
            ch13_channels::consumer(receiver, || {});
        }),
    ]);
}

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch13.json", include_str!("ch13.json")),
    scenarios: &[
        Scenario::new("ch13", ch13),
        Scenario::new("ch13-rendezvous", ch13_rendezvous),
        Scenario::new("ch13-try-send", ch13_try_send),
    ],
    twins: &[
        ("ch13", "ch13-try-send", "try_send found the queue full"),
        (
            "ch13-rendezvous",
            "ch13-rendezvous-twin",
            "A send returned before",
        ),
    ],
    own_twins: &[twin(
        "ch13-rendezvous-twin",
        "ch13_channels",
        "sync_channel(1) for sync_channel(0): a send returns with its message in the queue",
        rendezvous_of_one,
    )],
};
