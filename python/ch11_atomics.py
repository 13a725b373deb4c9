"""Chapter 11's twin: a counter without a lock, which Python does not have.

Side by side: the same load-then-store loses additions on both sides, the barrier in the first
gap making it certain; but Python has no atomic integer and no `fetch_add`, so its counter that
loses nothing takes a `threading.Lock`, and its flag has no orderings to choose.

Four threads add one to a counter 10,000 times each, first as `value = counter.value`, then
`counter.value = value + 1`: the load and the store of chapter 4. Every thread's first addition
waits in its gap until all four have loaded, so all four load 0, and at least three of those
additions are lost on any machine; how many more is up to when CPython switches threads. Then
the same additions under a lock: none is lost. Then a worker works a second on a sum, stores it,
and raises a flag; the main thread polls the flag and reads the sum at 00:00:01.

Where Python differs, and why this twin has its own log (python/expected/ch11_atomics.log):
- no `fetch_add`: the standard library has no atomic integer, so the counter that loses nothing
  holds a `threading.Lock` across the load and the store;
- no orderings: a Python program cannot ask for `Relaxed`, `Release` or `Acquire`. With the GIL
  one thread runs Python code at a time, and the reader sees the worker's two stores in the order
  they were made; the flag's log lines say nothing of orderings;
- 10,000 additions a thread, not 100,000: a Python addition costs far more than a Rust one, and
  the lesson's lines must come in its first second on a busy machine.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), "Race Conditions": the `FakeDatabase` whose
`update` loses an update, fixed there with a `threading.Lock`.

Run it: python3 python/ch11_atomics.py --clock lesson
Try this: take out the barrier: the free race lost nothing in 6 of 6 runs here (CPython 3.11),
because CPython makes a thread give up the GIL only after a switch interval, 5 ms by default
(`sys.getswitchinterval()`), and a thread may finish its 10,000 additions in less. With
`sys.setswitchinterval(1e-6)` first, it lost additions in 2 of 4 runs.
"""

import logging
import sys
import threading

import course

THREADS = 4
ADDS = 10_000
# How long the worker of part 2 works before it publishes; how long main idles between looks.
WORK = 1.0
POLL = 0.001


class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()

    def add_load_store(self, gap):
        read = self.value
        gap()
        # Whatever another thread stored since our read is overwritten here.
        self.value = read + 1

    def add_locked(self):
        with self.lock:
            self.value += 1


def count(add):
    """THREADS threads each call add(counter, i) ADDS times; the value after the joins."""
    counter = Counter()

    def work():
        for i in range(ADDS):
            add(counter, i)

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter.value


def main():
    course.start()
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )
    total = THREADS * ADDS
    logging.info(
        "Main    : 1. %d threads add 1 to a counter %d times each: %d additions",
        THREADS,
        ADDS,
        total,
    )

    # Every thread's first addition waits in its gap until all have loaded: they all load 0.
    first_loads = threading.Barrier(THREADS)

    def load_store(counter, i):
        counter.add_load_store(first_loads.wait if i == 0 else lambda: None)

    ended = count(load_store)
    lost = total - ended
    logging.info("Load, add, store: ends at %d: %d of %d additions lost", ended, lost, total)
    logging.info(
        "Load, add, store: additions lost: %s",
        "yes, another thread's store fell between a load and its store"
        if lost > 0
        else "none, every store came after the other threads' stores it needed",
    )

    ended = count(lambda counter, _: counter.add_locked())
    lost = total - ended
    logging.info(
        "With a lock (Python has no fetch_add): ends at %d: %d of %d additions lost",
        ended,
        lost,
        total,
    )

    logging.info("Main    : 2. Worker publishes a sum: stores it, then raises ready")
    mailbox = {"data": 0, "ready": False}

    def worker():
        logging.info("Worker  : adding up 1 to 1000, for %d s", WORK)
        total = sum(range(1, 1001))
        course.sleep(WORK)
        mailbox["data"] = total
        mailbox["ready"] = True
        logging.info("Worker  : stored the sum, %d, then raised ready", total)

    thread = threading.Thread(target=worker)
    thread.start()
    # No join before the read: the flag alone says the sum is there.
    while not mailbox["ready"]:
        course.sleep(POLL)
    logging.info("Main    : saw ready; the sum reads %d", mailbox["data"])
    thread.join()


if __name__ == "__main__":
    main()
