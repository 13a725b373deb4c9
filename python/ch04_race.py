"""Chapter 4's twin: a race condition, the lost update.

Side by side: the same lost update on both sides. Each read and each write of `self.value`
happens whole, as each load and store of Rust's `AtomicU64` does, and neither helps: the race is
the gap between the two, where `time.sleep` lets the other thread in.

Two pool workers each run `update` on one `FakeDatabase`: read the value, add one, sleep 0.1 s,
write it back. The value starts at 0 and ends at 1, not 2: both read 0 before either wrote, and
the second write overwrites the first.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), "Race Conditions": a `FakeDatabase` whose
`update` reads, sleeps and writes, run by a `ThreadPoolExecutor` with two workers.

Same story as the Rust chapter (chapters/ch04_race), same log: checked against its expected.log.
The GIL lets one thread run Python code at a time, and each single step here (the read of
`self.value`, the write) happens whole, as each load and store of the Rust chapter's
`AtomicU64` does. Neither helps: the race is between two steps, and `time.sleep` lets the other
thread run between them.

The course was first drafted from a Jupyter notebook that retells the article, and its code
slipped twice where the article's (`racecond.py` in https://github.com/realpython/materials,
folder `intro-to-threading`) does not. This twin does what the lesson means:
- the notebook's `update(self)` took no `name`, yet each job was submitted with one: every job
  raised a TypeError, which the pool kept inside its future, unread, so nothing ran and the
  value stayed 0. Here `update` takes the name, and `main` reads each job's result, so such an
  error would show.
- it added the new value to the old (`+=`) where the lesson means to store it. Here it stores.

A barrier in the gap (neither writes until both have read) makes the unlucky timing certain, as
in the Rust chapter, so the lesson shows on a busy machine too.

Run it: python3 python/ch04_race.py --clock lesson
Try this: take out the barrier, keep the sleep: an update is still lost nearly every run.
Replace the read, sleep and write with one `self.value += 1`: with the sleep gone, CPython
rarely switches threads inside it, yet `+=` is still a read and a write, and nothing promises it
is one step (chapter 5 is the fix that does).
"""

import concurrent.futures
import logging
import sys
import threading

import course

# The original's time.sleep(0.1) between the read and the write.
GAP = 0.1
UPDATES = 2


class FakeDatabase:
    def __init__(self):
        self.value = 0

    def update(self, name, pause):
        logging.info("Thread %s: starting update", name)
        local_copy = self.value
        logging.debug("Thread %s: read %d", name, local_copy)
        local_copy += 1
        pause()
        # Whatever another thread wrote since our read is overwritten here.
        self.value = local_copy
        logging.debug("Thread %s: wrote %d", name, local_copy)
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

    both_read = threading.Barrier(UPDATES)

    def pause():
        both_read.wait()
        course.sleep(GAP)

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
        jobs = [executor.submit(db.update, index, pause) for index in range(UPDATES)]
    for job in jobs:
        job.result()  # re-raises a job's exception: the notebook's TypeError would show here

    end = db.value
    logging.info("Testing update. Ending value is %d.", end)
    logging.info("Testing update. Updates lost: %d of %d.", UPDATES - (end - start), UPDATES)


if __name__ == "__main__":
    main()
