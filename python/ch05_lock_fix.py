"""Chapter 5's twin: a lock fixes the race.

Side by side: the same lines at the same times. Python's lock sits beside the value, and only
care makes code take it; the Rust chapter's value lives inside the `Mutex`, reachable only
through the guard that `lock()` returns.

The same two pool workers and the same update (read, add one, sleep 0.1 s, write back), but each
holds the lock from before the read until after the write. The second worker waits in the `with`
until the first has written, so it reads 1, and the value ends at 2.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), "Basic Synchronization Using Lock":
`locked_update` with `with self._lock:`.

Same story as the Rust chapter (chapters/ch05_lock_fix), same log: checked against its
expected.log. Here the lock sits beside the value: `self._lock` and `self.value` are two
attributes, and nothing stops code that reads `self.value` without the lock. In Rust the value
lives inside the `Mutex<u64>`, and the guard that `lock()` returns is the only way to reach it.
The end of the `with` releases the lock even when an exception leaves the block; Rust's guard
drops during a panic too, and also marks the lock poisoned.

The notebook the course was first drafted from added the new value to the old (`+=`), so it
printed 3; the article's code (`fixrace.py` in https://github.com/realpython/materials, folder
`intro-to-threading`) stores it, as this twin does, and ends at 2. The notebook's line
`starting update of locked_update` is `starting update` here, as in the chapter.

Run it: python3 python/ch05_lock_fix.py --clock lesson
Try this: take the lock once for the read and again for the write, with the sleep between:
each step is locked, the update is not, and the ending value is back to 1.
"""

import concurrent.futures
import logging
import sys
import threading

import course

GAP = 0.1
UPDATES = 2


class FakeDatabase:
    def __init__(self):
        self.value = 0
        self._lock = threading.Lock()

    def locked_update(self, name, pause):
        logging.info("Thread %s: starting update", name)
        logging.info("Thread %s about to lock", name)
        with self._lock:
            logging.info("Thread %s has lock", name)
            local_copy = self.value
            local_copy += 1
            pause()
            self.value = local_copy
            logging.info("Thread %s about to release lock", name)
        logging.debug("Thread %s after release", name)
        logging.info("Thread %s: finishing update", name)


def main():
    course.start()
    logging.basicConfig(
        format="%(asctime)s: %(message)s",
        level=logging.DEBUG,
        datefmt="%H:%M:%S",
        stream=sys.stdout,
    )
    db = FakeDatabase()
    start = db.value
    logging.info("Testing update. Starting value is %d.", start)

    # The lock, not timing, decides who goes first: no barrier is needed.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
        jobs = [
            executor.submit(db.locked_update, index, lambda: course.sleep(GAP))
            for index in range(UPDATES)
        ]
    for job in jobs:
        job.result()

    end = db.value
    logging.info("Testing update. Ending value is %d.", end)
    logging.info("Testing update. Updates lost: %d of %d.", UPDATES - (end - start), UPDATES)


if __name__ == "__main__":
    main()
