//! # Channels: a producer, a consumer and a full queue
//!
//! A channel is a queue between threads: one end sends, the other receives. Here Producer sends
//! four messages as fast as it can into a bounded channel, `mpsc::sync_channel(1)`, a queue with
//! room for one message. Consumer takes a second over each. When the queue is full, `send` waits
//! until Consumer takes a message out. So Producer is held to Consumer's pace, instead of piling
//! messages up in memory.
//!
//! No flag and no sentinel tells Consumer to stop. When Producer is done, it drops its sender.
//! Consumer's `for message in receiver` loop ends once the queue is empty and no sender is left.
//!
//! A bound of 0 is another thing. std's docs call `sync_channel(0)` a "rendezvous channel". It has
//! no queue, and each send does not return until a `recv` is paired with it.
//!
//! ## What to look for
//! `sent message 0` and `sent message 1` come at 00:00:00, then `sent message 2` only at 00:00:01
//! and `sent message 3` at 00:00:02. Each waited until Consumer took one out. Producer finishes at
//! 00:00:02 and says it was held back. It counts the sends that found the queue full (a `try_send`
//! first, which never waits) before they waited in `send`.
//!
//! Consumer gets a message a second, and ends at 00:00:04, when it finds the queue empty and every
//! sender gone. `main` then compares what Consumer got with what Producer made: every message once,
//! in order.
//!
//! ## Python original
//! `queue.Queue(maxsize=10)` between a producer and a consumer, stopped by a `threading.Event`.
//! "Producer-Consumer Using Queue" in Real Python's "An Intro to Threading in Python"
//! (https://realpython.com/intro-to-python-threading/; its code is `prodcom_queue.py` in
//! https://github.com/realpython/materials, folder `intro-to-threading`). `put` blocks while the
//! queue is full, as `SyncSender::send` does here.
//!
//! There `main` sets an `Event` after a moment, and the producer stops when it sees it. The
//! consumer loops while the event is not set or the queue is not empty. That loop checks, then
//! calls a blocking `get()`. If the producer stops in between with the queue empty, the consumer
//! waits for ever.
//!
//! A Rust channel knows when its last sender is gone and tells the receiver: `recv` returns an
//! error, and the `for` loop ends. So there is nothing to check first. std's `mpsc` is
//! multi-producer, single-consumer. A `SyncSender` can be cloned for more producers, and the
//! `Receiver` cannot.
//!
//! ## If it differs
//! - `Producer: sent message [..]` came at another time: Producer was not held back as the lesson
//!   says. The queue has room for more messages (or no bound at all, `mpsc::channel()`), or there
//!   is no queue (`sync_channel(0)`, a rendezvous, where each send waits for its `recv`).
//! - `Producer: all 4 sent after [..]: each send waited for Consumer's recv[..]` came: the channel
//!   is `sync_channel(0)`, which has no queue. It is a rendezvous, not the lesson's queue with room
//!   for one.
//! - `Producer: all 4 sent after 0 s: never held back[..]` came: every send found room. The queue
//!   is unbounded, or larger than the lesson's.
//! - `Consumer: the queue is empty and every sender is gone: done` is missing: Consumer never
//!   learned that no more messages would come. A sender is still alive somewhere (one kept in
//!   `main`, or a clone never dropped), so `recv` waits for ever, and the runner stops the chapter
//!   when it overruns its time.
//! - `Main    : Consumer got [..]: not what Producer made` came: a message was lost, doubled or
//!   reordered on the way. A `try_send` that drops the message when the queue is full does that,
//!   say.
//!
//! ## Try this
//! - In `chapters/ch13_channels/src/main.rs`, set `CAPACITY` to 4. All four sends find room at
//!   00:00:00, and Producer says it was never held back. With 0, `sync_channel(0)` has no queue at
//!   all. It is a rendezvous, where each send waits until Consumer's `recv` takes the message. So
//!   the sends come a second apart, and Producer says each one waited for Consumer's recv.
//! - Keep a sender in `main` with `let _keep = sender.clone();` before the producer starts. (Not
//!   `let _ = ...`, which drops it at once.) Consumer never ends, and `cargo xtask run ch13` kills
//!   the chapter after 20 s and says why.
//! - In `chapters/ch13_channels/src/lib.rs`'s `producer`, send with `try_send` and drop the message
//!   when it returns `TrySendError::Full`. The lost messages never arrive, and the check says so.
#![forbid(unsafe_code)]

use common::sync::mpsc;
use common::sync::thread;
use std::time::Duration;

use ch13_channels::{MESSAGES, check, consumer, producer};
use log::info;

/// Room in the queue, in messages.
const CAPACITY: usize = 1;
/// How long Consumer takes over each message.
const WORK: Duration = Duration::from_secs(1);

fn main() {
    common::start();
    let channel = if CAPACITY == 0 {
        "no queue, a rendezvous: each send waits for its recv".to_string()
    } else {
        format!("a queue with room for {CAPACITY}")
    };
    info!(
        "Main    : {channel}; Producer sends {MESSAGES} messages, Consumer takes {} s over each",
        WORK.as_secs()
    );
    let (sender, receiver) = mpsc::sync_channel(CAPACITY);
    let consumer = thread::spawn(move || consumer(receiver, || common::sleep(WORK)));
    // The only sender moves into Producer's thread: `main` keeps none.
    let producer = thread::spawn(move || producer(sender, CAPACITY));

    let made = producer.join().expect("Producer panicked");
    let got = consumer.join().expect("Consumer panicked");
    info!("Main    : {}", check(&made, &got));
}
