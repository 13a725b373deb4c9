//! # Exercise 13: hold the producer back
//!
//! Chapter 13's producer and consumer. Producer makes four messages as fast as it can. Consumer
//! takes a second over each, and says when it is done with one before it takes the next. (The check
//! holds each `sent message` to those lines, not only to their seconds.) Between them is
//! `mpsc::channel()`, a queue with no bound. Every send finds room, Producer is done at 00:00:00,
//! and the messages pile up in the queue. Here there are four, but with a producer that never
//! stops, the queue would grow until memory runs out.
//!
//! ## Your task
//! Give the queue room for one message, so that a send waits while the queue is full and Producer
//! is held to Consumer's pace. Then `sent message 2` comes at 00:00:01, `sent message 3` at
//! 00:00:02, and Producer is done at 00:00:02, held back. Every message must still arrive once, in
//! order. Consumer must still end by itself when the queue is empty and Producer is gone. Work in
//! this file, where the `TODO` is, and keep the log lines. `cargo xtask check 13` runs it.
//!
//! ## Hint
//! `mpsc::sync_channel(n)` is a channel whose queue holds at most `n` messages. Its sender, a
//! `SyncSender`, waits in `send` while the queue is full. With `n = 0` there is no queue at all.
//! Each send then waits until Consumer's `recv` takes the message, which is another pace than the
//! lesson's. Consumer's loop ends when every sender is gone, so keep none in `main`.
//!
//! ## If it differs
//! - `Producer: all 4 sent after 0 s: never held back[..]` came: every send found room. The queue
//!   has no bound (`mpsc::channel()`) or room for more than one message.
//! - `Producer: sent message [..]` came at another time: Producer was not held back as the lesson
//!   says. The queue has room for more messages, or none (`sync_channel(0)`, where each send waits
//!   for a `recv`).
//! - `Consumer: the queue is empty and every sender is gone: done` is missing: Consumer never
//!   learned that no more messages would come. A sender is still alive somewhere (one kept in
//!   `main`, or a clone never dropped), so `recv` waits for ever, until the runner stops it.
//! - `Main    : Consumer got [..]: not what Producer made` came: a message was lost, doubled or
//!   reordered on the way. A `try_send` that drops the message when the queue is full does that,
//!   say.
#![forbid(unsafe_code)]

use common::sync::mpsc::{self, Receiver, Sender};
use common::sync::thread;
use std::time::Duration;

use log::info;

const MESSAGES: u64 = 4;
/// How long Consumer takes over each message.
const WORK: Duration = Duration::from_secs(1);

/// Make each message and send it as fast as the queue allows; hand back what was made.
fn producer(sender: Sender<u64>) -> Vec<u64> {
    let started = common::elapsed();
    let mut made = Vec::new();
    for message in 0..MESSAGES {
        made.push(message);
        sender
            .send(message)
            .expect("Consumer hung up before the end");
        info!("Producer: sent message {message}");
    }
    let took = (common::elapsed() - started).as_secs();
    info!(
        "Producer: all {MESSAGES} sent after {took} s: {}; drops its sender",
        if took > 0 {
            "held back: its sends waited for Consumer"
        } else {
            "never held back"
        }
    );
    made
}

/// Take every message until the queue is empty and no sender is left; hand back what came.
fn consumer(receiver: Receiver<u64>) -> Vec<u64> {
    let mut got = Vec::new();
    for message in receiver {
        info!("Consumer: got message {message}");
        got.push(message);
        common::sleep(WORK);
        info!("Consumer: done with message {message}");
    }
    info!("Consumer: the queue is empty and every sender is gone: done");
    got
}

fn main() {
    common::start();
    info!(
        "Main    : a queue with room for 1; Producer sends {MESSAGES} messages, \
         Consumer takes {} s over each",
        WORK.as_secs()
    );
    // TODO: this queue has no bound, so no send ever waits. Make it a queue with room for one
    // message (the sender's type changes with it, in `producer` too).
    let (sender, receiver) = mpsc::channel();
    let consumer = thread::spawn(move || consumer(receiver));
    let producer = thread::spawn(move || producer(sender));

    let made = producer.join().expect("Producer panicked");
    let got = consumer.join().expect("Consumer panicked");
    let list = |v: &[u64]| v.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
    info!(
        "Main    : Consumer got {}: {}",
        list(&got),
        if got == made {
            "every message once, in order"
        } else {
            "not what Producer made"
        }
    );
}
