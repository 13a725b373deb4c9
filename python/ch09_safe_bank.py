"""Chapter 9's twin: the safe bank, the lock taken everywhere the balances are touched.

Side by side: no wrong total and no account below zero, on both sides. In Python the lock still
sits beside the balances, and the next function that forgets it runs; in Rust the balances live
inside the `Mutex`, and a check without the lock does not compile. Under the GIL chapter 8's
twin already saw no wrong total in most runs: run both twins with `--switch-interval 1e-6` to
see what the lock changes.

Chapter 8's bank, fixed the Python way: the check of the total takes the same lock as the
transfers, so while it adds up no transfer can be half done, and it sees a wrong total in 0 of
49,995 checks on every run. The test "is there enough money" moves inside the lock too, where it
still holds when the money moves: on a poor bank of three accounts of 50, some transfers are
refused and no account goes below zero.

Where Python differs (and why this twin has its own expected log,
python/expected/ch09_safe_bank.log): the lock still sits beside the balances, as in chapter 8.
The fix is the same lock taken in one more place, and nothing but care keeps the next function
that reads a balance from forgetting it. In the Rust chapter the balances live inside the
`Mutex`, and a check that forgets the lock does not compile. The twin's second line says which.

Under the GIL, chapter 8's twin already saw no wrong total in most ordinary runs, so a 0 here
proves the lock only beside a run that shows the bug: run both twins with
`--switch-interval 1e-6`, and chapter 8's sees dozens of wrong totals where this one sees 0.

The original's safe bank kept one slip: it tested `from_account.balance < amount` before taking
the lock, so two threads could both see enough money and both withdraw it. This twin tests
under the lock, as the lesson means.

The Python it grows from: Talk Python Training's "Async Techniques and Examples in Python"
(https://training.talkpython.fm/courses/details/async-in-python-with-threading-and-multiprocessing),
its thread-safety chapter, the safe bank (`safe_bank.py` in
https://github.com/talkpython/async-techniques-python-course, src/06-thread-safety/): "take that
same lock" everywhere the data is touched.

Run it: python3 python/ch09_safe_bank.py --clock lesson   (--seed 7, --switch-interval 1e-6)
Try this: in `Bank.total`, drop the `with self.lock:`: chapter 8's bug is back, and Python lets
it run. Move the test of the balance before the `with`, as the original had it: on the poor bank,
a withdrawal may now go below zero, rarely under the GIL (try `--switch-interval 1e-6`).
"""

import logging
import random
import sys
import threading
import time

import course

BALANCES = [5000, 10000, 7500, 7000, 6000, 9000]
# Accounts poorer than the largest transfer (100).
POOR = [50, 50, 50]
THREADS = 5
TRANSFERS = 9_999
# The poor bank makes fewer: since CPython 3.11 each time.sleep(0) really sleeps (about 75 us
# here), and the two full runs took 10 to 14 s on the course's busy 2-core machine. With 2,000 a
# thread, about half the transfers are still refused (5,168 of 10,000 with seed 0).
POOR_TRANSFERS = 2_000


class Account:
    def __init__(self, balance):
        self.balance = balance


class Bank:
    def __init__(self, balances):
        self.accounts = [Account(b) for b in balances]
        self.lock = threading.RLock()
        self.lowest = min(balances)  # the lowest balance any withdrawal left

    def transfer(self, from_account, to_account, amount):
        """Move `amount` under the lock; False when `from_account` has too little, tested under
        the lock too, so that the test still holds when the money moves."""
        with self.lock:
            if from_account.balance < amount:
                return False
            from_account.balance -= amount
            self.lowest = min(self.lowest, from_account.balance)
            time.sleep(0)
            to_account.balance += amount
        return True

    def total(self):
        """The total, under the same lock: no transfer can be half done while we add up."""
        with self.lock:
            return sum(account.balance for account in self.accounts)


def make_transfers(bank, expected, rng, transfers, seen):
    wrong = refused = 0
    for _ in range(transfers):
        from_account, to_account = rng.sample(bank.accounts, 2)
        if not bank.transfer(from_account, to_account, rng.randint(1, 100)):
            refused += 1
        if bank.total() != expected:
            wrong += 1
    seen.append((wrong, refused))


def run(bank, seed, transfers):
    """The threads of chapter 8 on `bank`: (wrong totals, refused transfers)."""
    expected = bank.total()
    seen = []
    threads = [
        threading.Thread(
            target=make_transfers,
            args=(bank, expected, random.Random(seed * 1000 + i), transfers, seen),
        )
        for i in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(w for w, _ in seen), sum(r for _, r in seen)


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
    logging.info(
        "Bank: transfers and checks both take the lock, which still sits beside the balances"
    )
    start = time.perf_counter()
    wrong, _ = run(bank, lesson.seed, TRANSFERS)
    logging.info("Bank: transfers complete (%.2f sec)", time.perf_counter() - start)
    logging.info(
        "Bank: the locked check saw a wrong total in %d of %d checks", wrong, THREADS * TRANSFERS
    )
    final = bank.total()
    logging.info(
        "Bank: final total %d: %s",
        final,
        "nothing lost, nothing made" if final == total else "money was lost",
    )

    # The same transfers on a poor bank, where most must be refused.
    poor = Bank(POOR)
    logging.info(
        "Poor bank: %d accounts of %d; the same %d threads, of %d transfers each",
        len(POOR),
        POOR[0],
        THREADS,
        POOR_TRANSFERS,
    )
    _, refused = run(poor, lesson.seed, POOR_TRANSFERS)
    logging.info(
        "Poor bank: transfers refused for lack of funds: %s",
        "some, as they must be" if refused else "none",
    )
    logging.info(
        "Poor bank: lowest balance after a withdrawal: %d; %s",
        poor.lowest,
        "no account went below zero" if poor.lowest >= 0 else "an account went below zero",
    )


if __name__ == "__main__":
    main()
