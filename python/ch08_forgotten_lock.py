"""Chapter 8's twin: the forgotten lock, where Python's GIL hides the bug.

Side by side: the same bank, the same forgotten lock, the same 49,995 checks. The Rust threads
run on both cores at once, and the chapter's pauses in the transfer and in the check make a
check overlap a transfer dozens to thousands of times a run; the GIL runs one Python thread at
a time and changes hands mostly where a thread waits for the transfer lock, so a check rarely
runs while money is in flight (no wrong total in most runs). `--switch-interval 1e-6` calls
`sys.setswitchinterval(1e-6)`, which forces hand-offs in the middle of checks: dozens of wrong
totals a run on CPython 3.11 and newer, a few on 3.9.

Five threads move money between six accounts, 49,995 transfers in all, and check the total
after each one. The transfers take the lock; the check of the total does not. The same bank and
the same bug as the Rust chapter, and the same work: 5 threads of 9,999 transfers, with the
original's `time.sleep(0)` in the middle of each transfer. (Its random transfers are Python's
`random`, seeded per thread, so not the same transfers as the Rust chapter's, which uses rand.)

What exposes the bug, on each side. The check sees a wrong total only if it adds up while a
transfer has taken the money out and not yet put it in.
- In CPython the GIL lets one thread run Python code at a time. A thread keeps it until it blocks
  or sleeps (the transfer's `time.sleep(0)`, a wait for the transfer lock), or until another
  thread has waited for it a whole switch interval (5 ms by default, `sys.getswitchinterval()`),
  and is then made to let go at its next check for such requests (a forced switch). Here the
  GIL changes hands by itself thousands of times a second, at every wait for the transfer lock,
  so forced switches are rare. And when a transfer lets the GIL go at its `sleep(0)`, the other
  threads are usually blocked on the transfer lock that it holds, not waiting for the GIL: nobody
  is there to check. A check sees money in flight only if its thread was forced to let go of the
  GIL before its check ended, and gets it back during another thread's `sleep(0)`. So the
  unlocked check is wrong in few runs, and then once or twice (figures in python/README.md): the
  bug is there, and the GIL's timing hides it.
- The Rust chapter runs its threads on both cores at once, and the pauses it puts into the
  transfer and into the check (standing in for Python's slow check) make the overlap frequent:
  wrong totals in practically every run (45 to 7,614 a run in 16 runs on the course's 2-core
  machine, kept busy by other programs, in the hour the Python figures were measured).

A shorter switch interval makes the GIL change hands on request far more often, also in the
middle of a check: `--switch-interval 1e-6` calls `sys.setswitchinterval(1e-6)` before the
threads start, and the unlocked check is then wrong in every run: 23 to 63 times a run on
CPython 3.11, where each `time.sleep(0)` really sleeps (about 75 us here, the kernel's 50 us
timer slack included) with the lock held; 1 to 9 times on 3.9, whose `sleep(0)` returns at once.
A free-threaded CPython (3.13t, no GIL) runs the threads in parallel, as Rust does.

This twin has its own expected log (python/expected/ch08_forgotten_lock.log): it leaves the
number of wrong totals, and so whether the bug was caught, open, since both vary, and it adds
one line on the GIL. The final total is pinned: the transfers keep the lock, and lose nothing.

The Python it grows from: Talk Python Training's "Async Techniques and Examples in Python"
(https://training.talkpython.fm/courses/details/async-in-python-with-threading-and-multiprocessing),
its thread-safety chapter: a bank whose transfers take the lock while the function that verifies
the accounts forgot it. Its demo code is public at
https://github.com/talkpython/async-techniques-python-course: `src/06-thread-safety/safe_bank.py`
as it was before the commit "Fixed a missed lock in safe bank global-style" (b9a7c04).

Run it: python3 python/ch08_forgotten_lock.py --clock lesson   (--seed 7, --switch-interval 1e-6)
Try this: take `bank.lock` in `Bank.total` too: every check agrees, whatever the interval.
Remove the `with self.lock:` from `Bank.transfer`: with `--switch-interval 1e-6` the final total
drifts away from 44500, because two transfers read one balance before either writes.
"""

import logging
import random
import sys
import threading
import time

import course

# The six accounts of the original, 44,500 in all.
BALANCES = [5000, 10000, 7500, 7000, 6000, 9000]
THREADS = 5
TRANSFERS = 9_999


class Account:
    def __init__(self, balance):
        self.balance = balance


class Bank:
    def __init__(self, balances):
        self.accounts = [Account(b) for b in balances]
        # The original takes a reentrant lock, as its closing advice says to.
        self.lock = threading.RLock()

    def transfer(self, from_account, to_account, amount):
        """Move `amount` under the lock; False when `from_account` has too little. Like the
        original, the balance is tested before the lock is taken (chapter 9 moves it inside)."""
        if from_account.balance < amount:
            return False
        with self.lock:
            from_account.balance -= amount
            time.sleep(0)  # the original's pause: the GIL may go to another thread here
            to_account.balance += amount
        return True

    def total(self):
        """THE BUG: the total, without the lock."""
        return sum(account.balance for account in self.accounts)


def make_transfers(bank, expected, rng, seen):
    """One thread's work: random transfers, and a check of the total after each."""
    wrong, largest_gap = 0, 0
    for _ in range(TRANSFERS):
        from_account, to_account = rng.sample(bank.accounts, 2)
        bank.transfer(from_account, to_account, rng.randint(1, 100))
        gap = abs(bank.total() - expected)
        if gap:
            wrong, largest_gap = wrong + 1, max(largest_gap, gap)
    seen.append((wrong, largest_gap))  # list.append is one step under the GIL


def main():
    lesson = course.start(
        course.Flag("seed", "N", "seed of the random transfers (default 0)", int, 0),
        course.switch_interval_flag(),
    )
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )
    if lesson.switch_interval is not None:
        sys.setswitchinterval(lesson.switch_interval)
    bank = Bank(BALANCES)
    total = sum(BALANCES)

    logging.info(
        "Bank: %d accounts, %d in all; %d threads make %d transfers each (seed %d)",
        len(BALANCES),
        total,
        THREADS,
        TRANSFERS,
        lesson.seed,
    )
    logging.info("Bank: the transfers take the lock; the check of the total after each does not")
    logging.info(
        "Bank: the GIL runs one thread at a time; a thread lets it go when it sleeps or waits, "
        "or is made to after a switch interval of %g ms",
        sys.getswitchinterval() * 1000,
    )
    seen = []
    threads = [
        threading.Thread(
            target=make_transfers,
            args=(bank, total, random.Random(lesson.seed * 1000 + index), seen),
        )
        for index in range(THREADS)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    logging.info("Bank: transfers complete (%.2f sec)", time.perf_counter() - start)

    wrong = sum(w for w, _ in seen)
    largest_gap = max(gap for _, gap in seen)
    logging.info(
        "Bank: the unlocked check saw a wrong total in %d of %d checks, off by up to %d",
        wrong,
        THREADS * TRANSFERS,
        largest_gap,
    )
    logging.info(
        "Bank: bug caught: %s",
        (
            "yes, a check without the lock saw money in flight"
            if wrong
            else "no, every check happened to agree"
        ),
    )
    final = bank.total()
    logging.info(
        "Bank: final total %d: %s",
        final,
        (
            "the transfers, made under the lock, lost nothing"
            if final == total
            else "money was lost or made: the transfers did not keep the lock"
        ),
    )


if __name__ == "__main__":
    main()
