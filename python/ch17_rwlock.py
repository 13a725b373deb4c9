"""Chapter 17's twin: many readers or one writer.

Side by side: the same story and times, in Python's words (its own log,
python/expected/ch17_rwlock.log). Python's standard library has no reader-writer lock, so the
twin builds one, `RWLock`, from a `threading.Condition`; the Rust chapter uses std's `RwLock`.
Where the chapter's readers hold a guard, the twin's use `with lock.read():`.

Three readers that each hold the value for a second overlap behind the `RWLock` (done at
00:00:01) and take turns behind a `threading.Lock` (done at 00:00:02, 00:00:03 and 00:00:04).
Then the main thread holds a read lock, a writer asks and waits, and a reader who comes after
the writer waits too: this `RWLock` lets no new reader in while a writer waits, the policy std's
`RwLock` has on Linux, so a stream of readers cannot starve the writer. When the main thread
lets go at 00:00:05, the writer writes 1 first, and the late reader reads 1.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), "Basic Synchronization Using Lock": a
`threading.Lock` lets one thread in at a time, even when every thread only reads.

Where Python differs: there is no reader-writer lock to take from the library, and the policy
is the one this twin chose, in `acquire_read`'s loop, where std leaves it to the platform. The
lines name `RWLock` and `threading.Lock` where the chapter's name `RwLock<u64>` and
`Mutex<u64>`, and the main thread's second read lock "says no" where Rust's `try_read` says
`WouldBlock`.

Run it: python3 python/ch17_rwlock.py --clock lesson
Try this: in `RWLock.acquire_read`, wait only while a writer holds the lock (`while
self._writer:`), not while one waits: the late reader now gets in at 00:00:04 and reads 0, and
the writer waits until no reader at all is left. Readers that kept coming would keep it out for
ever: writer starvation.
"""

import contextlib
import logging
import sys
import threading

import course

READERS = 3
READING = 1.0  # how long each reader holds the lock
SETTLE = 0.5  # time for the writer to be surely waiting before the late reader comes


class RWLock:
    """Many readers or one writer, from one `Condition`. Writers first: once a writer waits, new
    readers wait too."""

    def __init__(self):
        self._changed = threading.Condition()
        self._readers = 0
        self._writer = False
        self._writers_waiting = 0

    def acquire_read(self, blocking=True):
        with self._changed:
            while self._writer or self._writers_waiting:
                if not blocking:
                    return False
                self._changed.wait()
            self._readers += 1
            return True

    def release_read(self):
        with self._changed:
            self._readers -= 1
            if self._readers == 0:
                self._changed.notify_all()

    def acquire_write(self):
        with self._changed:
            self._writers_waiting += 1
            while self._writer or self._readers:
                self._changed.wait()
            self._writers_waiting -= 1
            self._writer = True

    def release_write(self):
        with self._changed:
            self._writer = False
            self._changed.notify_all()

    @contextlib.contextmanager
    def read(self):
        self.acquire_read()
        try:
            yield
        finally:
            self.release_read()

    @contextlib.contextmanager
    def write(self):
        self.acquire_write()
        try:
            yield
        finally:
            self.release_write()


def three_readers(read):
    """Run `read` on three threads at once; the whole seconds until all three were done."""
    start = course.elapsed()
    threads = [threading.Thread(target=read, args=(r,)) for r in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return int(course.elapsed() - start)


def reading(r, value):
    logging.info("Reader %d: has the lock, reads %d", r, value)
    course.sleep(READING)
    logging.info("Reader %d: done", r)


def main():
    course.start()
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )
    db = {"value": 0}

    logging.info("Main    : 1. three readers, one RWLock (the twin's, from a Condition)")
    lock = RWLock()

    def rw_reader(r):
        logging.info("Reader %d: asks to read", r)
        with lock.read():
            reading(r, db["value"])

    took = three_readers(rw_reader)
    logging.info("Main    : the %d readers behind the RWLock took %d s", READERS, took)

    logging.info("Main    : 2. the same readers, one threading.Lock")
    only_one = threading.Lock()

    def lock_reader(r):
        logging.info("Reader %d: asks to read", r)
        with only_one:
            reading(r, db["value"])

    took = three_readers(lock_reader)
    logging.info("Main    : the %d readers behind the threading.Lock took %d s", READERS, took)

    logging.info("Main    : 3. a writer, and a reader who comes after it")
    lock.acquire_read()
    logging.info("Main    : holds a read lock, reads %d", db["value"])

    def writer():
        logging.info("Writer  : asks to write")
        with lock.write():
            db["value"] += 1
            logging.info("Writer  : has the lock, writes %d", db["value"])

    def late_reader():
        logging.info("Reader 3: asks to read")
        with lock.read():
            logging.info("Reader 3: has the lock, reads %d", db["value"])

    others = [threading.Thread(target=writer), threading.Thread(target=late_reader)]
    others[0].start()
    course.sleep(SETTLE)
    others[1].start()
    # A second read lock on this thread, tried rather than waited for: a blocking one would
    # wait for the writer, which waits for this thread's first read lock.
    if lock.acquire_read(blocking=False):
        again = "gets in: readers may still join while a writer waits"
        lock.release_read()
    else:
        again = "says no: no new reader gets in while a writer waits"
    logging.info("Main    : a second read lock on the main thread %s", again)
    course.sleep(READING - SETTLE)
    logging.info("Main    : lets go of its read lock")
    lock.release_read()
    for thread in others:
        thread.join()


if __name__ == "__main__":
    main()
