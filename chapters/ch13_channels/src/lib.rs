//! Chapter 13's producer and consumer: here so that `cargo xtask play ch13` can run this very
//! code on the schedules a student chooses (its channel comes from `common::sync`).
#![forbid(unsafe_code)]

use common::sync::mpsc::{Receiver, SyncSender};

use log::info;

/// How many messages Producer makes.
pub const MESSAGES: u64 = 4;

/// Make each message and send it as fast as the queue allows; hand back what was made.
/// `capacity` is the room the channel was made with, for the words of the last line.
pub fn producer(sender: SyncSender<u64>, capacity: usize) -> Vec<u64> {
    let started = common::elapsed();
    let mut made = Vec::new();
    for message in 0..MESSAGES {
        made.push(message);
        // Waits here while the queue is full. It fails only if the receiver is gone.
        sender
            .send(message)
            .expect("Consumer hung up before the end");
        info!("Producer: sent message {message}");
    }
    let took = (common::elapsed() - started).as_secs();
    info!(
        "Producer: all {MESSAGES} sent after {took} s: {}; drops its sender",
        match (took, capacity) {
            (0, _) => "never held back",
            // `sync_channel(0)` has no queue to be full: a send waits for its `recv`.
            (_, 0) => "held back: each send waited for Consumer's recv",
            _ => "held back by the full queue",
        }
    );
    made
    // `sender` drops here: with no sender left, Consumer's loop ends once the queue is empty.
}

/// Take every message until the queue is empty and no sender is left, with `work` over each
/// (the lesson's second); hand back what came.
pub fn consumer(receiver: Receiver<u64>, work: impl Fn()) -> Vec<u64> {
    let mut got = Vec::new();
    for message in receiver {
        info!("Consumer: got message {message}");
        got.push(message);
        work();
    }
    info!("Consumer: the queue is empty and every sender is gone: done");
    got
}

/// `main`'s check: what Consumer got, and whether it is what Producer made.
pub fn check(made: &[u64], got: &[u64]) -> String {
    let list = got
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let verdict = if got == made {
        "every message once, in order"
    } else {
        "not what Producer made"
    };
    format!("Consumer got {list}: {verdict}")
}
