"""Chapter 15's twin: a semaphore, at most N at once.

Side by side: the same lines at the same times. Python has the semaphore built in,
`threading.Semaphore`; the Rust chapter builds one from a `Mutex<usize>` and a `Condvar`, with a
guard that gives the permit back when it drops, as leaving the `with sem:` block does here.

Six jobs of one second each, all started at once, share a semaphore of two permits. Two work at
a time; the others wait in `acquire()`, and the jobs finish two by two at 00:00:01, 00:00:02 and
00:00:03. The last lines are computed: the time the six jobs took, the most that were ever inside
at once (a counter each job raises after it got in and lowers before it leaves), and how many
permits are free at the end, counted by taking them without blocking and giving them back.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), "Semaphore": a counter that `acquire()`
lowers and `release()` raises, and that blocks `acquire()` at zero.

Same story as the Rust chapter (chapters/ch15_semaphore), same log: checked against its
expected.log. A Python thread may call `release()` without having called `acquire()`, which
silently adds a permit. `threading.BoundedSemaphore`, which this twin uses, checks only that its
value does not exceed its initial value (Python's docs: "If it does, ValueError is raised"): an
extra `release()` while other threads hold permits is under that bound, and passes. The Rust
chapter's permit goes back only when its guard drops, once per `acquire`.

Run it: python3 python/ch15_semaphore.py --clock lesson   (or --permits 3, --speed 4, --help)
Try this: in `job`, call `sem.release()` once more after the `with` block. The
`BoundedSemaphore` lets the first two extra releases through, at 00:00:01, while the jobs that
just got in hold their permits: the value is under 2, so nothing exceeds the bound. The four
waiting jobs all get in at 00:00:01, and `ValueError` (its traceback on stderr) comes only at
00:00:02, from releases that would make 3 of 2; the last lines say at most 4 were inside (3 of 3
runs, CPython 3.11, `python3 python/ch15_semaphore.py --clock lesson`). Then make it a plain
`threading.Semaphore(permits)`: every extra `release()` passes silently and adds a permit, and
the last lines say at most 4 were inside and 8 of 2 permits are free (2 of 2 runs).
"""

import logging
import sys
import threading

import course

JOBS = 6
WORK = 1.0


def main():
    lesson = course.start(
        course.Flag("permits", "N", "how many jobs may work at once (default 2)", int, 2)
    )
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )
    permits = lesson.permits

    logging.info("Main    : %d jobs of %d s, one semaphore of %d permits", JOBS, WORK, permits)
    sem = threading.BoundedSemaphore(permits)
    # How many jobs are inside now, and the most there ever were, under a lock of their own.
    books = threading.Lock()
    count = {"inside": 0, "most": 0}

    def job(name):
        logging.info("Job %d: waiting for a permit", name)
        with sem:
            with books:
                count["inside"] += 1
                count["most"] = max(count["most"], count["inside"])
            logging.info("Job %d: got a permit, working", name)
            course.sleep(WORK)
            with books:
                count["inside"] -= 1
            logging.info("Job %d: done, gives its permit back", name)
        # Leaving the `with` block is `sem.release()`: one waiting job gets in.

    start = course.elapsed()
    threads = [threading.Thread(target=job, args=(name,)) for name in range(JOBS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = int(course.elapsed() - start)

    logging.info("Main    : the %d jobs took %d s", JOBS, took)
    logging.info("Main    : at most %d jobs were inside at once", count["most"])
    free = 0
    while sem.acquire(blocking=False):
        free += 1
    for _ in range(free):
        sem.release()
    logging.info("Main    : permits free at the end: %d of %d", free, permits)


if __name__ == "__main__":
    main()
