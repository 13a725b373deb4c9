"""Chapter 11's twin: a counter without a lock, which Python does not have.

Side by side: the same load-then-store loses additions on both sides, the barrier in the first
gap making it certain; but Python has no atomic integer and no `fetch_add`, so its counter that
loses nothing takes a `threading.Lock`, and its flag has no orderings to choose.

Four threads add one to a counter 10,000 times each, first as `value = counter.value`, then
`counter.value = value + 1`: the load and the store of chapter 4. Every thread's first addition
waits in its gap until all four have loaded, so all four load 0 (each thread hands back what its
first load returned, and the log prints them), and at least three of those additions are lost on
any machine; how many more is up to when CPython switches threads. Then
the same additions under a lock: none is lost. Then a worker adds up a sum, works a second more
(a sleep), stores the sum and raises a flag; the main thread polls the flag and reads the sum at
00:00:01.

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
Try this: take out the barrier (`lambda: None` for the gap): the first loads no longer all
return 0 (`0, 10000, 20000, 30000` came, say: each thread began where the one before had ended),
so `cargo xtask run ch11 --python` fails every run. The free race lost nothing in 4 of 6 runs
here (CPython 3.11, load 5.3; `python3 python/ch11_atomics.py --clock lesson` six times),
because CPython makes a thread give up the GIL only after a switch interval, 5 ms by default
(`sys.getswitchinterval()`), and a thread may finish its 10,000 additions in less. With
`sys.setswitchinterval(1e-6)` first, it lost additions in 3 of 4 runs.
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
        """Load, then store one more; returns the value the load returned."""
        read = self.value
        gap()
        # Whatever another thread stored since our read is overwritten here.
        self.value = read + 1
        return read

    def add_locked(self):
        with self.lock:
            self.value += 1


def count(add):
    """THREADS threads each call add(counter, i) ADDS times; the value after the joins, and
    what each thread's first addition returned (the value it read), in the threads' order."""
    counter = Counter()
    firsts = [None] * THREADS

    def work(t):
        firsts[t] = add(counter, 0)
        for i in range(1, ADDS):
            add(counter, i)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter.value, firsts


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
        return counter.add_load_store(first_loads.wait if i == 0 else lambda: None)

    ended, firsts = count(load_store)
    lost = total - ended
    logging.info("Load, add, store: ends at %d: %d of %d additions lost", ended, lost, total)
    logging.info(
        "Load, add, store: the first loads of threads 0 to %d returned %s",
        THREADS - 1,
        ", ".join(str(first) for first in firsts),
    )
    # If every first load returned 0, every first addition stored 1, and the counter's chain of
    # stores back to 0 holds only one of them: THREADS - 1 losses are certain.
    all_zero = all(first == 0 for first in firsts)
    certain = THREADS - 1
    if lost == 0:
        how = "none, every store came after the other threads' stores it needed"
    elif all_zero and lost >= certain:
        how = f"yes, at least {certain}: the {THREADS} first additions all loaded 0"
    elif all_zero:
        how = f"only {lost}, though the {THREADS} first additions all loaded 0"
    else:
        how = f"{lost}, but the first additions did not all load 0"
    logging.info("Load, add, store: additions lost: %s", how)

    ended, _ = count(lambda counter, _: counter.add_locked())
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
        logging.info(
            "Worker  : adds up 1 to 1000, then works %d s more (a sleep) before it publishes", WORK
        )
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
