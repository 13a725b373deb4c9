//! A wrong answer: the bound is right, but main keeps a clone of the sender: Consumer's loop never learns that no more messages will come, and waits until the runner stops it.
#![forbid(unsafe_code)]

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread;
use std::time::Duration;

use log::info;

const MESSAGES: u64 = 4;
/// How long Consumer takes over each message.
const WORK: Duration = Duration::from_secs(1);

/// Make each message and send it as fast as the queue allows; hand back what was made.
fn producer(sender: SyncSender<u64>) -> Vec<u64> {
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
    let (sender, receiver) = mpsc::sync_channel(1);
    let _spare = sender.clone();
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
