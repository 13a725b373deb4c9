"""Chapter 2's twin: a thread is a daemon only when asked.

Side by side: the Rust chapter's thread 0 is cut off because every Rust thread ends when `main`
returns; Python cuts off only a thread started with `daemon=True` and waits for every other one,
so its thread 2, never joined, still finishes at 00:00:02, after the main thread has returned.

In Rust a thread started with `thread::spawn` is what Python calls a daemon thread: when `main`
returns, the process ends and takes every thread still running with it. In Python that is true
only of threads started with `daemon=True`; the program waits for every other thread, joined or
not, before it exits. So this twin has three threads where the chapter has two:

- thread 0, `daemon=True`, 3 s of work, never joined: cut off mid-sleep when the program ends,
  its `finishing` line never comes (the Rust chapter's thread 0);
- thread 1, 1 s of work, joined (the Rust chapter's thread 1);
- thread 2, not a daemon (the default), 2 s of work, never joined: the main thread returns at
  00:00:01, yet thread 2 still finishes at 00:00:02, because Python waits for it. No Rust thread
  does that: there, only a `join` (or `thread::scope`) keeps a thread's work.

Thread 0 works 3 s here, not the chapter's 2 s, so that it is still asleep when thread 2 lets the
program end. The twin has its own expected log: python/expected/ch02_daemon_threads.log.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), "Daemon Threads": it starts a thread with
`daemon=True` and does not join it, and its `finishing` line never comes.

Run it: python3 python/ch02_daemon_threads.py --clock lesson
Try this: start thread 0 without `daemon=True`: it finishes at 00:00:03, and the program waits
for it. Or join thread 2 before returning: nothing changes in the log, which is the point:
Python's non-daemon threads are joined at exit anyway.
"""

import logging
import sys
import threading

import course


def thread_function(name, work):
    logging.info("Thread %s: starting", name)
    course.sleep(work)
    logging.info("Thread %s: finishing", name)


def main():
    course.start()
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )

    logging.info("Main    : create and start thread 0, with 3 s of work, daemon=True.")
    threading.Thread(target=thread_function, args=(0, 3), daemon=True).start()
    logging.info("Main    : nobody joins thread 0: as a daemon, it ends when the program does.")

    logging.info("Main    : create and start thread 1, with 1 s of work.")
    thread1 = threading.Thread(target=thread_function, args=(1, 1))
    thread1.start()

    logging.info(
        "Main    : create and start thread 2, with 2 s of work, not a daemon, never joined."
    )
    threading.Thread(target=thread_function, args=(2, 2)).start()

    logging.info("Main    : before joining thread 1.")
    thread1.join()
    logging.info("Main    : thread 1 done")

    logging.info(
        "Main    : returning; Python waits for thread 2, then ends, and daemon thread 0 with it, mid-sleep."
    )


if __name__ == "__main__":
    main()
