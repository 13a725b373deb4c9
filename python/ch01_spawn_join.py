"""Chapter 1's twin: threads that sleep and join.

Side by side: the same lines at the same times. `Thread(...)` then `start()` is Rust's
`thread::spawn` in two steps; Python's `join()` returns nothing, where Rust's hands back what
the thread returned, or its panic.

Three threads each log `starting`, sleep two seconds and log `finishing`, while the main thread
waits for each in turn with `join()`. The sleeps overlap: all three finish at 00:00:02.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), its first examples, `threading.Thread`,
`start()` and `join()`, in the `%(asctime)s: %(message)s` log format.

Same story as the Rust chapter (chapters/ch01_spawn_join), same log: checked against its
expected.log. `Thread(...)` then `start()` is Rust's `thread::spawn` in two steps; `join()`
waits, as Rust's does, but hands back nothing (Rust's returns the thread's result, or its panic).

Run it: python3 python/ch01_spawn_join.py --clock lesson   (or --work 5s, --speed 4, --help)
Try this: move `thread.join()` into the first loop, right after `start()`: the threads now run
one after another and finish at 00:00:02, 00:00:04 and 00:00:06.
"""

import logging
import sys
import threading

import course


def thread_function(name, work):
    logging.info("Thread %s: starting", name)
    course.sleep(work)  # the original's time.sleep(2)
    logging.info("Thread %s: finishing", name)


def main():
    lesson = course.start(
        course.Flag(
            "work", "DURATION", "how long each thread works (default 2s)", course.duration, 2.0
        )
    )
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )

    threads = []
    for index in range(3):
        logging.info("Main    : create and start thread %d.", index)
        thread = threading.Thread(target=thread_function, args=(index, lesson.work))
        threads.append(thread)
        thread.start()

    for index, thread in enumerate(threads):
        logging.info("Main    : before joining thread %d.", index)
        thread.join()
        logging.info("Main    : thread %d done", index)


if __name__ == "__main__":
    main()
