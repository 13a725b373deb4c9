"""Chapter 7's twin: deadlock, and how a Python program that has one still ends.

Side by side: the same deadlocks, read off the same kind of record of who holds and who waits
(neither Rust's std nor Python detects a deadlock). The Python threads must be daemon threads: a
Python program waits at its end for every other thread, and would wait for a blocked one for
ever, where every Rust thread ends with `main`.

Two ways threads wait for ever. The original's: one thread acquires a `Lock` it already holds.
The classic: two threads take two locks in opposite orders, and each ends up holding the lock
the other waits for. The threads really block in `acquire()`. The main thread waits two seconds
for them, then reads the deadlock off the course's own record of who holds which lock and who
waits for which (python/watch.py: Python, like Rust's std, detects no deadlock by itself), and
leaves them blocked. Then the fix: one global order of locking, which completes.

Where Python differs (and why this twin has its own expected log,
python/expected/ch07_deadlock.log):
- A Python program waits at its end for every thread that is not a daemon, so a non-daemon
  thread blocked for ever keeps it from ever ending. The watched threads here are started with
  `daemon=True`, and end with the program, as every Rust thread does when `main` returns.
- Python's `join` takes a timeout, so the main thread waits for a group with `join(timeout)`;
  Rust's `JoinHandle::join` has none, and the chapter counts finished threads over a channel.
- Python's `Lock.acquire(timeout=...)` lets a thread give up instead; std's `Mutex` has no
  timed lock. This twin does not use it, so that its threads block as the chapter's do.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), "Deadlock": `l.acquire()` twice hangs. The
opposite orders are those of Talk Python Training's "Async Techniques and Examples in Python",
its fine-grained bank (`safe_bank_fine_grained.py`), one version of which took its locks in an
order that disagreed with the transfers' and deadlocked. A barrier makes the unlucky timing
certain here: each thread holds its first lock before either reaches for its second.

Run it: python3 python/ch07_deadlock.py --clock lesson
Try this: start the threads without `daemon=True`: the log is the same, and then the program
never ends (stop it with Ctrl-C twice). Or give part 2's second acquire a timeout
(`self._lock.acquire(timeout=1)` in watch.py, and act on its False): one thread gives up, lets
go of its first lock, and the other finishes.
"""

import logging
import sys
import threading

import course
import watch

# How long main waits for a group of threads before it looks for a deadlock.
PATIENCE = 2
# The work done while holding the first lock.
GAP = 0.1


def acquire_twice(lock):
    me = threading.current_thread().name
    logging.info("%s: before first acquire", me)
    lock.acquire()
    logging.info("%s: before second acquire", me)
    lock.acquire()
    logging.info("%s: acquired lock twice", me)


def take_both(first, second, pause):
    """Take `first`, `pause` (the work done under it), then take `second`; release both."""
    me = threading.current_thread().name
    logging.info("%s about to take %s", me, first.name)
    with first:
        logging.info("%s has %s", me, first.name)
        pause()
        logging.info("%s about to take %s", me, second.name)
        with second:
            logging.info("%s has %s", me, second.name)
    logging.info("%s released %s and %s", me, second.name, first.name)


def take_both_in_order(a, b, pause):
    """The fix: whatever order a thread wants two locks in, it takes them in one global order,
    by name. Two threads can then never each hold what the other waits for."""
    take_both(*sorted((a, b), key=lambda lock: lock.name), pause)


def start_group(work):
    """Start one daemon thread per (name, function): never joined without a time limit."""
    threads = [threading.Thread(target=f, name=name, daemon=True) for name, f in work]
    for thread in threads:
        thread.start()
    return threads


def wait_and_report(threads, graph):
    """Wait up to PATIENCE for the group, say how it stands; return how many stay blocked."""
    deadline = course.elapsed() + PATIENCE
    for thread in threads:
        thread.join(course.scaled(max(0.0, deadline - course.elapsed())))
    if not any(thread.is_alive() for thread in threads):
        logging.info(
            "Main    : all %d threads finished within %d s: no deadlock.", len(threads), PATIENCE
        )
        return 0
    cycle = graph.cycle()
    if cycle is None:
        logging.info(
            "Main    : not finished after %d s, but no thread waits in a cycle of the watched locks",
            PATIENCE,
        )
        return sum(thread.is_alive() for thread in threads)
    for thread, holds, waits_for in cycle:
        logging.info(
            "Main    : deadlock detected: %s holds %s and waits for %s", thread, holds, waits_for
        )
    names = " and ".join(thread for thread, _, _ in cycle)
    if len(cycle) == 1:
        logging.info(
            "Main    : %s stays blocked in acquire(), a daemon thread, never joined", names
        )
    else:
        logging.info("Main    : %s stay blocked in acquire(), daemon threads, never joined", names)
    return len(cycle)


def main():
    course.start()
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )
    blocked = 0

    logging.info("Main    : 1. One thread takes one lock twice")
    graph = watch.Graph()
    lock0 = watch.Lock(graph, "lock 0")
    group = start_group([("Thread 0", lambda: acquire_twice(lock0))])
    blocked += wait_and_report(group, graph)

    logging.info("Main    : 2. Two threads take two locks in opposite orders")
    graph = watch.Graph()
    lock1, lock2 = watch.Lock(graph, "lock 1"), watch.Lock(graph, "lock 2")
    both_hold_one = threading.Barrier(2)

    def pause():
        both_hold_one.wait()
        course.sleep(GAP)

    group = start_group(
        [
            ("Thread A", lambda: take_both(lock1, lock2, pause)),
            ("Thread B", lambda: take_both(lock2, lock1, pause)),
        ]
    )
    blocked += wait_and_report(group, graph)

    logging.info("Main    : 3. The fix: every thread takes lock 1 before lock 2")
    graph = watch.Graph()
    lock1, lock2 = watch.Lock(graph, "lock 1"), watch.Lock(graph, "lock 2")
    group = start_group(
        [
            ("Thread C", lambda: take_both_in_order(lock1, lock2, lambda: course.sleep(GAP))),
            ("Thread D", lambda: take_both_in_order(lock2, lock1, lambda: course.sleep(GAP))),
        ]
    )
    blocked += wait_and_report(group, graph)

    logging.info("Main    : main returns, and the %d blocked daemon threads end with it.", blocked)


if __name__ == "__main__":
    main()
