"""Chapter 18's twin: initialise once, from any thread.

Side by side: the same lines at the same times. Python has no once-cell: the twin writes the
lock checked twice by hand, where the Rust chapter calls `OnceLock::get_or_init`.

Four threads ask for settings that take a second to make, all at the same moment. The first to
take the lock makes them; the others wait at the lock, and the check inside it tells each of
them the settings are there now. One `initialising` line, however many threads ask; all four get
the settings made by call 1 at 00:00:01, and the main thread finds they are one and the same
object (`is`).

The Python it grows from: lazy initialisation under a lock, checked before it and again inside
it. `@functools.cache` on a function of no arguments looks like the same thing, but Python's
docs (https://docs.python.org/3/library/functools.html#functools.cache) warn that the function
may be called more than once if another thread calls it before the first call is done.

Same story as the Rust chapter (chapters/ch18_once), same log: checked against its
expected.log. The check before the lock reads a global without the lock, which CPython makes
safe for one read of a name; in Rust that first check is an atomic load inside `OnceLock`, made
so that a thread which finds the value there also sees it whole.

Run it: python3 python/ch18_once.py --clock lesson   (or --threads 8, --speed 4, --help)
Try this: take out the check inside the lock: every thread that found the settings missing
before the lock makes them again after it, one after another, and four `initialising` lines
come, at 00:00:00, 00:00:01, 00:00:02 and 00:00:03. Or make `get_settings` a bare
`@functools.cache` function, with no lock: `return make()` and nothing else (it takes no
argument, so the cache has one key, as a once-cell has one value): all four threads call it
before the first call is done, and all four make their own at 00:00:00.
"""

import logging
import sys
import threading

import course

MAKING = 1.0  # how long making the settings takes


class Settings:
    """The expensive value. It remembers which call of the initialiser made it."""

    def __init__(self, call):
        self.call = call


_settings = None
_lock = threading.Lock()
_calls = 0
# Which thread is asking, each thread's own: `make` names it, and `get_settings` takes no
# argument, as `OnceLock::get_or_init` has one value for all.
_asker = threading.local()


def make():
    """The initialiser: counts its calls, says who runs it, and takes a second."""
    global _calls
    _calls += 1  # only ever under `_lock`
    call = _calls
    logging.info(
        "Thread %d: initialising the settings (call %d of the initialiser)", _asker.number, call
    )
    course.sleep(MAKING)
    return Settings(call)


def get_settings():
    """The settings, made by the first thread that asks; the others wait for them."""
    global _settings
    if _settings is None:  # the check before the lock: most calls stop here
        with _lock:
            if _settings is None:  # the check inside: a thread that waited finds them made
                _settings = make()
    return _settings


def main():
    lesson = course.start(
        course.Flag(
            "threads", "N", "how many threads ask for the settings at once (default 4)", int, 4
        )
    )
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )
    threads = lesson.threads
    logging.info(
        "Main    : %d threads ask for the settings at once; making them takes %d s",
        threads,
        MAKING,
    )
    got = [None] * threads

    def asker(t):
        _asker.number = t
        logging.info("Thread %d: asks for the settings", t)
        got[t] = get_settings()
        logging.info("Thread %d: got the settings made by call %d", t, got[t].call)

    askers = [threading.Thread(target=asker, args=(t,)) for t in range(threads)]
    for thread in askers:
        thread.start()
    for thread in askers:
        thread.join()

    times = "time" if _calls == 1 else "times"
    same = all(g is got[0] for g in got)
    logging.info(
        "Main    : the initialiser ran %d %s for %d threads; they got %s",
        _calls,
        times,
        threads,
        "one and the same value" if same else "different values",
    )
    # A last ask that would initialise if nothing were made yet: it must not.
    _asker.number = threads
    again = get_settings()
    times = "time" if _calls == 1 else "times"
    logging.info(
        "Main    : asks again: gets the settings made by call %d; the initialiser still ran %d %s",
        again.call,
        _calls,
        times,
    )


if __name__ == "__main__":
    main()
