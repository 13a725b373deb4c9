"""Chapter 14's twin: waiting for a condition with Event, Condition and Timer.

Side by side: the same waits at the same times; but Python has `threading.Event` and
`threading.Timer` ready made, and the Rust chapter builds them from a `Mutex<bool>` and a
`Condvar`, which is also how CPython builds its own `Event` (a `Condition` and a flag).

Waiter A waits on an `Event` and wakes at 00:00:01, when the main thread sets it; Waiter B comes
after the set and its `wait()` returns at once: the flag remembers the set. Waiter C waits on a
bare `threading.Condition` that the main thread notified before C came: nothing remembers that
notify, and C's `wait(timeout=1)` gives up at 00:00:02. Of two `threading.Timer`s started at
00:00:02, Timer 1 acts at 00:00:03, when its 1 s is up; Timer 2, of 2 s, is cancelled at
00:00:03, and its thread ends then, at the cancel, without acting.

Where Python differs, and why this twin has its own log (python/expected/ch14_condvar.log): the
Event and the Timer are the standard library's, so the lines name them and not a `Mutex<bool>`;
a `Timer` says nothing when it is cancelled, so the main thread, which joins it, says when its
thread ended.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), which stops its producer and consumer with
an `Event` and starts a function later with a `Timer`; Python's documentation
(https://docs.python.org/3/library/threading.html) describes `Condition`, whose `wait` belongs in
a loop (`wait_for(predicate)` is that loop).

Run it: python3 python/ch14_condvar.py --clock lesson
Try this: give Waiter C a flag: `notified = True` under the condition before the notify, and
`cond.wait_for(lambda: notified, timeout=1)`: C returns at once, as Waiter B does.
"""

import logging
import sys
import threading

import course

SECOND = 1


def main():
    course.start()
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )

    logging.info(
        "Main    : 1. A threading.Event (a flag and a Condition): Waiter A waits until main sets it"
    )
    event = threading.Event()

    def waiter_a():
        logging.info("Waiter A: waiting for the event")
        event.wait()
        logging.info("Waiter A: woke: the event is set")

    def waiter_b():
        logging.info("Waiter B: comes after the set, and waits for the event")
        before = course.elapsed()
        event.wait()
        waited = int(course.elapsed() - before)
        logging.info("Waiter B: wait() returned after %d s: the flag was already up", waited)

    a = threading.Thread(target=waiter_a)
    a.start()
    course.sleep(SECOND)
    logging.info("Main    : set the event")
    event.set()
    b = threading.Thread(target=waiter_b)
    b.start()
    a.join()
    b.join()

    logging.info("Main    : 2. No flag: a bare Condition, notified before Waiter C comes")
    cond = threading.Condition()
    with cond:
        cond.notify_all()
    logging.info("Main    : notified, with nobody waiting yet")

    def waiter_c():
        logging.info("Waiter C: waits for a notify, for at most 1 s")
        with cond:
            woke = cond.wait(timeout=course.scaled(SECOND))
        if woke:
            logging.info("Waiter C: woke before its limit, with no notify since it began to wait")
        else:
            logging.info(
                "Waiter C: gave up after 1 s: the notify came before the wait and was lost"
            )

    c = threading.Thread(target=waiter_c)
    c.start()
    c.join()

    logging.info("Main    : 3. threading.Timers of 1 s and 2 s; main cancels Timer 2")
    started = course.elapsed()
    timer1 = threading.Timer(
        course.scaled(SECOND), lambda: logging.info("Timer 1: no cancel within 1 s: acts")
    )
    timer2 = threading.Timer(
        course.scaled(2 * SECOND), lambda: logging.info("Timer 2: no cancel within 2 s: acts")
    )
    timer1.start()
    timer2.start()
    course.sleep(SECOND)
    logging.info("Main    : cancel Timer 2")
    timer2.cancel()
    timer2.join()
    after = int(course.elapsed() - started)
    logging.info(
        "Main    : Timer 2's thread ended after %d s, before its 2 s were up: it did not act",
        after,
    )
    timer1.join()


if __name__ == "__main__":
    main()
