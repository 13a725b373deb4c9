"""Chapter 16's twin: a barrier, everyone waits for the slowest.

Side by side: the same lines at the same times. Python's `wait()` hands each thread its own
index, 0, 1 or 2, and the twin lets index 0 lead each phase out; Rust's `wait()` says only
whether this thread is the leader. Python's barrier can also time out and break.

Three threads work in two phases, each for its own time in each phase, and meet at a
`threading.Barrier(3)` after each phase: `wait()` returns only when all three have called it.
Phase 0 ends at 00:00:02, when its slowest thread is done; phase 1 at 00:00:04. One thread leads
each phase out and counts the threads that finished it: all 3. The last line is measured.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), "Barrier": a fixed number of threads kept
in step, each waiting at the barrier until all have come.

Same story as the Rust chapter (chapters/ch16_barrier), same log: checked against its
expected.log. `threading.Barrier(parties, action=None, timeout=None)` can also run an `action`
in one thread when all have come, and breaks (`BrokenBarrierError` in every waiting thread)
when a `wait(timeout)` runs out or `abort()` is called. std's `Barrier` has neither: a thread
that never comes leaves the others waiting for ever.

Run it: python3 python/ch16_barrier.py --clock lesson
Try this: make it `threading.Barrier(2)`: it opens for every two threads that arrive, thread 2
starts phase 1 at 00:00:01, and the leader of phase 0 counts 2 of 3. Then give it back its 3
and a timeout, `threading.Barrier(3, timeout=course.scaled(0.5))`: the first two threads to
arrive give up after half a second, the barrier breaks, and every thread gets a
`BrokenBarrierError`, where std's `Barrier` would wait.
"""

import logging
import sys
import threading

import course

# Seconds of work of each thread (the rows) in each phase (the columns).
WORK = [[1, 2], [2, 1], [1, 1]]
THREADS = len(WORK)


def main():
    course.start()
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )
    phases = len(WORK[0])
    logging.info("Main    : %d threads, %d phases, one Barrier for %d", THREADS, phases, THREADS)

    barrier = threading.Barrier(THREADS)
    finished = [0] * phases
    books = threading.Lock()

    def worker(t, work):
        for p, secs in enumerate(work):
            logging.info("Thread %d: phase %d, %d s of work", t, p, secs)
            course.sleep(secs)
            with books:
                finished[p] += 1
            logging.info("Thread %d: phase %d done, waits at the barrier", t, p)
            # Returns when all three have come, with this thread's index among them.
            if barrier.wait() == 0:
                with books:
                    done = finished[p]
                logging.info(
                    "Thread %d: leads phase %d out: %d of %d threads finished it",
                    t,
                    p,
                    done,
                    THREADS,
                )

    start = course.elapsed()
    threads = [threading.Thread(target=worker, args=(t, w)) for t, w in enumerate(WORK)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = int(course.elapsed() - start)
    logging.info("Main    : all %d threads came through the %d phases", THREADS, phases)
    slowest = " + ".join(f"{max(w[p] for w in WORK)} s" for p in range(phases))
    logging.info(
        "Main    : the %d phases took %d s, each as long as its slowest thread (%s)",
        phases,
        took,
        slowest,
    )


if __name__ == "__main__":
    main()
