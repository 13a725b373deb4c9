"""Chapter 16's twin: a barrier, everyone waits for the slowest.

Side by side: the same lines at the same times; Python's `wait()` hands each thread its own
index, 0, 1 or 2 (the twin lets index 0 lead each phase out), where Rust's says only whether
this thread is the leader, and either way the leader learns it once all are released, so its
line runs alongside the next phase. Python's barrier can also time out and break.

Three threads work in two phases, each for its own time in each phase, and meet at a
`threading.Barrier(3)` after each phase: `wait()` returns only when all three have called it.
Phase 0 ends at 00:00:02, when its slowest thread is done; phase 1 at 00:00:04. One thread leads
each phase out and counts the threads that finished it: all 3. At the end the main thread
says what the run saw: the barrier's own `parties`, how many threads came through both phases
(a thread that died with an exception is not counted: `join()` does not raise it), and how many
times the barrier opened. The last line is measured.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), "Barrier": a fixed number of threads kept
in step, each waiting at the barrier until all have come.

Same story as the Rust chapter (chapters/ch16_barrier), same log: checked against its
expected.log. `threading.Barrier(parties, action=None, timeout=None)` can also run an `action`
in one thread when all have come and before any is released (the only way here to do work
between the phases), and breaks (`BrokenBarrierError` in every waiting thread)
when a `wait(timeout)` runs out or `abort()` is called. std's `Barrier` has neither: a thread
that never comes leaves the others waiting for ever.

Run it: python3 python/ch16_barrier.py --clock lesson
Try this: make it `threading.Barrier(2)`: it opens for every two threads that arrive, thread 2
starts phase 1 at 00:00:01, and the leader of phase 0 counts 2 of 3. Then give it back its 3
and a timeout, `threading.Barrier(3, timeout=course.scaled(0.5))`: the first two threads to
arrive give up after half a second, the barrier breaks, and every thread gets a
`BrokenBarrierError`, where std's `Barrier` would wait: the main thread says 0 of 3 threads came
through, and the check fails.
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
    barrier = threading.Barrier(THREADS)
    logging.info(
        "Main    : %d threads, %d phases, one Barrier::new(%d)", THREADS, phases, barrier.parties
    )
    finished = [0] * phases
    # What the run saw: each opening of the barrier (one index 0 each), each wait that
    # returned, and each thread that came through its last phase.
    seen = {"openings": 0, "waits": 0, "through": 0}
    books = threading.Lock()

    def worker(t, work):
        for p, secs in enumerate(work):
            logging.info("Thread %d: phase %d, %d s of work", t, p, secs)
            course.sleep(secs)
            with books:
                finished[p] += 1
            logging.info("Thread %d: phase %d done, waits at the barrier", t, p)
            # Returns when all three have come, to all three at once, with this thread's index.
            index = barrier.wait()
            with books:
                seen["waits"] += 1
            if index == 0:
                with books:
                    seen["openings"] += 1
                    done = finished[p]
                logging.info(
                    "Thread %d: leads phase %d out: %d of %d threads finished it",
                    t,
                    p,
                    done,
                    THREADS,
                )
        with books:
            seen["through"] += 1

    start = course.elapsed()
    threads = [threading.Thread(target=worker, args=(t, w)) for t, w in enumerate(WORK)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = int(course.elapsed() - start)
    logging.info(
        "Main    : %d of %d threads came through the %d phases", seen["through"], THREADS, phases
    )
    logging.info(
        "Main    : the barrier opened %d times, for %d waits each (%d in all)",
        seen["openings"],
        seen["waits"] // max(seen["openings"], 1),
        seen["waits"],
    )
    slowest = [max(w[p] for w in WORK) for p in range(phases)]
    total = " + ".join(f"{s} s" for s in slowest)
    if took == sum(slowest):
        how = f"each as long as its slowest thread ({total})"
    else:
        how = f"not the sum of the slowest threads ({total})"
    logging.info("Main    : the %d phases took %d s, %s", phases, took, how)


if __name__ == "__main__":
    main()
