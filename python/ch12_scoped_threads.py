"""Chapter 12's twin: threads that touch main's data, with nobody checking.

Side by side: the same threads on the same six numbers, and the same times; but Rust checks at
compile time that each thread borrows only its own third, and that the borrow ends with the
scope, while Python lets any thread touch any object and checks nothing.

Three threads double main's list in place, a third each, working 1, 2 and 1 s, inside a
`with ThreadPoolExecutor()` block, whose end waits for every job: the nearest Python has to
`thread::scope`. The block ends at 00:00:02, with its slowest job. Then two plain
`threading.Thread`s get the same list as an argument, and each reads it a second later.

Where Python differs, and why this twin has its own log (python/expected/ch12_scoped_threads.log):
- nothing is borrowed: each thread gets a reference to the one list, and keeps it as long as it
  likes. That each thread changes only its own third is the programmer's care, not a rule; a
  thread that strayed into another's third would race with it, and nothing would say so;
- nothing needs to be `'static`, `Send` or `Sync`: a thread may outlive the function that made
  its data (Python's objects live while anyone refers to them), and any object may go to, or be
  shared by, any thread; where Rust asks `T: Sync` of what threads share by `&`, and so steers
  shared changes into a `Mutex` (`Arc<Mutex<T>>`), a Python thread may change a shared object with
  no lock, and whether that is safe is again the programmer's care;
- there is no owner count to show: CPython counts references for every object, safely, with no
  `Arc` to ask for, so the Rust chapter's `Arc::strong_count` lines have no twin here.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), which hands its threads shared objects (the
`FakeDatabase` among them) freely, and waits for a pool's jobs at the end of a `with` block.

Run it: python3 python/ch12_scoped_threads.py --clock lesson
Try this: let Thread 1 double the whole list instead of its third: Python runs it, and the list
ends with some numbers doubled twice; in Rust the same change does not compile.
"""

import concurrent.futures
import logging
import sys
import threading

import course

# How long each thread of part 1 works, in seconds.
WORK = [1, 2, 1]


def double_part(values, index, lo, hi, work):
    logging.info("Thread %d: changes %s in place; works %d s", index, values[lo:hi], work)
    course.sleep(work)
    for k in range(lo, hi):
        values[k] *= 2
    logging.info("Thread %d: doubled its part: %s", index, values[lo:hi])


def reader(name, what, values, job):
    course.sleep(1)
    logging.info("Thread %s: %s of the shared list is %d", name, what, job(values))


def main():
    course.start()
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )
    values = list(range(1, 7))

    logging.info(
        "Main    : 1. a with-ThreadPoolExecutor block: "
        "three threads change main's %s, a third each",
        values,
    )
    started = course.elapsed()
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as executor:
        jobs = [
            executor.submit(double_part, values, index, 2 * index, 2 * index + 2, work)
            for index, work in enumerate(WORK)
        ]
    # The end of the `with` block waited for every job, as a scope joins every thread.
    for job in jobs:
        job.result()  # re-raises a job's exception, which the pool would otherwise keep
    took = int(course.elapsed() - started)
    logging.info(
        "Main    : the with block ended after %d s, when its last job ended; the list: %s",
        took,
        values,
    )

    logging.info("Main    : 2. threading.Thread(args=(values,)): each thread gets the same list")
    threads = [
        threading.Thread(target=reader, args=("A", "the sum", values, sum)),
        threading.Thread(target=reader, args=("B", "the largest", values, max)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    logging.info("Main    : joined both; the list is still main's, and theirs")


if __name__ == "__main__":
    main()
