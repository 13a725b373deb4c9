"""Chapter 6's twin: a lock taken twice by one thread, and `RLock`.

Side by side: asked without waiting, Python's `Lock` answers a second acquire with False where
Rust's `try_lock` says `WouldBlock`; Python's `RLock` guards a plain int where Rust's reentrant
mutex needs a `RefCell`: Python has no rule against two live references that change one value,
so nothing checks what the `RefCell` checks.

The design problem: `update_twice` holds the lock so that its two updates happen together, and
calls a helper, `add_one`, that takes the same lock because other callers do not hold it.
1. With `threading.Lock`, the helper's second acquire on the same thread would never return;
   the twin asks with `acquire(blocking=False)`, which answers False instead of hanging.
2. With `threading.RLock`, the thread that holds it may acquire it again, and must release it as
   often: the value ends at 2, and the lock is free only after the last release.
3. Lock once and call a helper that takes no lock, which is what the Rust chapter's `&mut u64`
   does. Python can only check at run time that somebody holds the lock (`Lock.locked()`), not
   who: the helper's promise is a comment. Rust's compiler proves it.

Where Python differs (and why this twin has its own expected log,
python/expected/ch06_rlock.log): the value behind the `RLock` is a plain int, and both `with`
blocks of one thread change it freely. Rust's reentrant mutex hands out only shared references,
since two guards of one thread may be alive at once, so the chapter puts the value in a
`RefCell`, which checks at run time that no two `&mut` loans overlap. Python has no such rule and
needs no `RefCell`: nothing stops the outer code from holding a half-updated value while the
helper changes it. The log lines say `threading.Lock` and `acquire(blocking=False)` where the
chapter says `Mutex` and `try_lock`.

The Python it grows from: Real Python's "An Intro to Threading in Python"
(https://realpython.com/intro-to-python-threading/), "Deadlock": a `Lock` acquired twice hangs,
and `RLock` lets the holding thread acquire it again.

Run it: python3 python/ch06_rlock.py --clock lesson
Try this: in part 2, return from `add_one` without its release (call `db.lock.acquire()` instead
of using `with`): `update_twice` then ends with the lock still held by this thread, an `RLock`
acquired more often than released, which no other thread could ever take again.
"""

import logging
import sys
import threading

import course

# The gap between each helper's read and write, as in the article's update.
GAP = 0.1


class Db:
    def __init__(self, lock):
        self.value = 0
        self.lock = lock


def lock_add_one(db):
    """Part 1's helper: take the lock itself, so that anyone may call it. A plain `acquire()`
    here, under a caller that holds the lock, would wait for ever; the twin asks without
    blocking and says what it found."""
    logging.info("  add_one about to lock")
    if not db.lock.acquire(blocking=False):
        return False
    try:
        db.value += 1
        logging.info("  add_one has lock, wrote %d", db.value)
    finally:
        db.lock.release()
    return True


def lock_update_twice(db):
    logging.info("update_twice about to lock")
    with db.lock:
        logging.info("update_twice has lock")
        return lock_add_one(db) and lock_add_one(db)


def holds(rlock):
    # Whether this thread holds the RLock. `_is_owned` is private (threading.Condition uses it);
    # `RLock.locked()` came only in Python 3.14. One thread runs here, so it is also "locked".
    return str(rlock._is_owned()).lower()


def rlock_add_one(db):
    logging.info("  add_one about to lock (this thread holds it already: %s)", holds(db.lock))
    with db.lock:
        logging.info("  add_one has lock")
        read = db.value
        course.sleep(GAP)
        db.value = read + 1
        logging.info("  add_one read %d, wrote %d", read, db.value)


def rlock_update_twice(db):
    logging.info("update_twice about to lock")
    with db.lock:
        logging.info("update_twice has lock")
        rlock_add_one(db)
        rlock_add_one(db)
        logging.info(
            "update_twice about to release lock (this thread still holds it: %s)", holds(db.lock)
        )
    logging.debug("update_twice after release (this thread still holds it: %s)", holds(db.lock))


def add_one_locked(db):
    """The caller must hold `db.lock`. Python cannot say which thread holds it: `locked()` is
    the best check there is, and this helper would take another thread's lock for its caller's."""
    assert db.lock.locked(), "add_one_locked needs its caller to hold db.lock"
    read = db.value
    course.sleep(GAP)
    db.value = read + 1
    logging.info(
        "  add_one_locked, the lock held (asserted, not by whom): read %d, wrote %d", read, db.value
    )


def locked_update_twice(db):
    logging.info("update_twice about to lock")
    with db.lock:
        logging.info("update_twice has lock")
        add_one_locked(db)
        add_one_locked(db)
        logging.info("update_twice about to release lock")
    logging.debug("update_twice after release")


def main():
    course.start()
    logging.basicConfig(
        format="%(asctime)s: %(message)s",
        level=logging.DEBUG,
        datefmt="%H:%M:%S",
        stream=sys.stdout,
    )

    logging.info("Main    : 1. threading.Lock")
    db = Db(threading.Lock())
    alone = "took the lock" if lock_add_one(db) else "found it taken"
    logging.info("Main    : add_one on its own %s.", alone)
    if lock_update_twice(db):
        logging.info("Main    : under update_twice, add_one took the lock again.")
    else:
        logging.info(
            "Main    : under update_twice, add_one's acquire(blocking=False) says False: an acquire() "
            "there would never return, the thread waiting for itself."
        )
    logging.info("Main    : value is %d.", db.value)

    logging.info("Main    : 2. threading.RLock, with a plain int behind it: no RefCell")
    db = Db(threading.RLock())
    rlock_update_twice(db)
    logging.info("Main    : value is %d.", db.value)

    logging.info("Main    : 3. lock once, and call a helper that takes no lock")
    db = Db(threading.Lock())
    locked_update_twice(db)
    logging.info("Main    : value is %d.", db.value)


if __name__ == "__main__":
    main()
