"""Chapter 13's twin: a producer, a consumer and a full queue.

Side by side: the same queue with room for one, and the producer held back at the same times;
but a Rust channel tells its receiver when the last sender is gone, and a Python `Queue` cannot,
so here the producer ends the consumer with a sentinel, `None`, put after the last message.

The producer puts four messages into `queue.Queue(maxsize=1)` as fast as it can; the consumer
takes a second over each. `put` blocks while the queue is full, so `sent message 2` comes only at
00:00:01 and `sent message 3` at 00:00:02: the producer is held to the consumer's pace. The main
thread then compares what the consumer got with what the producer made.

Where Python differs, and why this twin has its own log (python/expected/ch13_channels.log):
the consumer cannot learn from the queue that no more messages will come. The original stops
both threads with a `threading.Event`, and its consumer loops while the event is not set or the
queue is not empty, then calls a blocking `get()`: if the producer stops between that check and
the `get()` with the queue empty, the consumer waits for ever. A sentinel has no such gap: the
consumer stops when it takes `None`, which comes after every message. (Python 3.13's
`Queue.shutdown()` is nearer to dropping the senders; this twin keeps to Python 3.9.)

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), "Producer-Consumer Using Queue"; its code is
`prodcom_queue.py` in https://github.com/realpython/materials, folder `intro-to-threading`.

Run it: python3 python/ch13_channels.py --clock lesson
Try this: make the queue `queue.Queue()` (no maxsize): every put finds room at 00:00:00, and the
producer says it was never held back. `CAPACITY = 0` does the same here, because Python's docs say
a maxsize of zero or less makes the queue infinite; Rust's `sync_channel(0)` is instead a
rendezvous, with no queue at all. Or forget the sentinel: the consumer waits in `get()` for
ever, and the runner stops the twin.
"""

import logging
import queue
import sys
import threading

import course

# Room in the queue, in messages.
CAPACITY = 1
MESSAGES = 4
# How long the consumer takes over each message.
WORK = 1
# What the producer puts after its last message: "no more will come".
DONE = None


def producer(q, made):
    started = course.elapsed()
    # How many puts found no room and waited: what the queue said, not what the clock did.
    waited = 0
    for message in range(MESSAGES):
        made.append(message)
        try:
            q.put_nowait(message)
        except queue.Full:
            waited += 1
            q.put(message)  # blocks while the queue is full
        logging.info("Producer: sent message %d", message)
    took = int(course.elapsed() - started)
    logging.info(
        "Producer: all %d sent after %d s: %s; then puts None, the sentinel",
        MESSAGES,
        took,
        "held back by the full queue" if waited else "never held back",
    )
    q.put(DONE)


def consumer(q, got):
    while True:
        message = q.get()
        if message is DONE:
            break
        logging.info("Consumer: got message %d", message)
        got.append(message)
        course.sleep(WORK)
    logging.info("Consumer: the sentinel came: done")


def main():
    course.start()
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )
    logging.info(
        "Main    : a queue with room for %d; "
        "Producer sends %d messages, Consumer takes %d s over each",
        CAPACITY,
        MESSAGES,
        WORK,
    )
    q = queue.Queue(maxsize=CAPACITY)
    made, got = [], []
    threads = [
        threading.Thread(target=consumer, args=(q, got)),
        threading.Thread(target=producer, args=(q, made)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    logging.info(
        "Main    : Consumer got %s: %s",
        ", ".join(str(m) for m in got),
        "every message once, in order" if got == made else "not what Producer made",
    )


if __name__ == "__main__":
    main()
