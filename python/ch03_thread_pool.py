"""Chapter 3's twin: a pool of threads.

Side by side: the same lines at the same times. Leaving the `with` block waits for the jobs and
then shuts the workers down; the Rust chapter's `pool.join()` waits for the jobs only, and its
workers stay.

`ThreadPoolExecutor` keeps a few worker threads and hands them jobs from a queue. With three
workers the three jobs run at once and finish at 00:00:02; with two, job 2 waits in the queue
until a worker is free, starts at 00:00:04, and the pool needs 4 s instead of 2.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), "Using a ThreadPoolExecutor":
`with concurrent.futures.ThreadPoolExecutor(max_workers=3) as executor:` and
`executor.map(thread_function, range(3))`.

Same story as the Rust chapter (chapters/ch03_thread_pool), same log: checked against its
expected.log. The end of the `with` block is `shutdown(wait=True)`: it waits for the jobs and
then for the workers to exit. Rust's `pool.join()` waits for the jobs only; its workers stay.

Run it: python3 python/ch03_thread_pool.py --clock lesson
Try this: make the second pool `max_workers=1`: the jobs finish at 2, 4 and 6 s after it starts.
Make `thread_function` raise: `map` hands the exception back only when you read its results,
and this code never reads them, so the error vanishes (chapter 4's twin says where that bit).
"""

import concurrent.futures
import logging
import sys

import course


def thread_function(name):
    logging.info("Thread %s: starting", name)
    course.sleep(2)
    logging.info("Thread %s: finishing", name)


def run_pool(workers):
    """Run thread_function for 0, 1 and 2 on a pool of `workers` threads, and wait for all."""
    workers_word = "worker" if workers == 1 else "workers"
    logging.info(
        "Main    : a pool of %d %s runs thread_function for 0, 1 and 2.", workers, workers_word
    )
    started = course.elapsed()
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as executor:
        executor.map(thread_function, range(3))
    took = int(course.elapsed() - started)
    logging.info("Main    : the pool of %d %s is done after %d s.", workers, workers_word, took)


def main():
    course.start()
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )
    run_pool(3)
    run_pool(2)


if __name__ == "__main__":
    main()
