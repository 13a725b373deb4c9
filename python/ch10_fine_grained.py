"""Chapter 10's twin: a lock per account.

Side by side: the same deadlock, formed within a few transfers, found the same way, and the same
fix, one global order. The times are each side's own: the Rust threads run on two cores, the
Python threads one at a time under the GIL, where a lock per account can at most let another
thread transfer while one waits in `time.sleep(0)`; the Python ratio came out 0.69 to 1.18 in
five runs here, nothing clear either way. The Python twin times 5 threads of 2,000 transfers, the
Rust chapter 49,995.

Chapter 9's bank with a lock per account instead of one for the whole bank. A transfer holds the
locks of its two accounts, a check holds all six. First the transfers take their two locks as
they come, `from` then `to`: two opposite transfers each get their first lock and wait for ever
for the second. A watchdog sees that nothing finishes for two seconds, reads the cycle of waits
off the course's own books (python/watch.py), and leaves those threads blocked: they are daemon
threads, and end with the program. Then every lock is taken in one global order, by account
index, and all the transfers finish; then the same work with chapter 9's single lock, for time.

Where Python differs (and why this twin has its own expected log,
python/expected/ch10_fine_grained.log): the deadlock and the fix are the same; the watched
threads are daemon threads, so that the program can end while they are blocked (see chapter 7's
twin). The times differ: under the GIL only one thread runs Python code at a time, so two
transfers never compute side by side; a lock per account can at most let one thread transfer
while another waits in `time.sleep(0)`. Measured on the course's busy 2-core machine (five runs
of this twin), the lock per account took 0.69 to 1.18 times the time of one lock: nothing clear
either way. The original ordered the two locks of a transfer by `id(account)`, a memory address,
which is a valid global order too; the account index is used here because it is easier to read.

The Python it grows from: Talk Python Training's "Async Techniques and Examples in Python"
(https://training.talkpython.fm/courses/details/async-in-python-with-threading-and-multiprocessing),
its thread-safety chapter, the fine-grained bank (`safe_bank_fine_grained.py` in
https://github.com/talkpython/async-techniques-python-course, src/06-thread-safety/), one version
of which took the check's locks in an order that disagreed with the transfers' and deadlocked.

Run it: python3 python/ch10_fine_grained.py --clock lesson   (or --seed 7)
Try this: in `Bank.total`, take the locks from the last account down: the check now disagrees
with the ordered transfers, and the ordered run gets stuck too.
"""

import logging
import random
import sys
import threading
import time

import course
import watch

BALANCES = [5000, 10000, 7500, 7000, 6000, 9000]
THREADS = 5
TRANSFERS = 9_999
# The timed runs make fewer transfers: since CPython 3.11 each time.sleep(0) really sleeps (about
# 75 us here), and two runs of the full 49,995 took 8 to 17 s on the course's busy 2-core machine.
TIMED_TRANSFERS = 2_000
# How long the watchdog waits for a transfer to finish before it calls the run stuck.
PATIENCE = 2


class Account:
    def __init__(self, balance, lock):
        self.balance, self.lock = balance, lock


class Bank:
    def __init__(self, balances, new_lock):
        self.accounts = [Account(b, new_lock(f"account {i}")) for i, b in enumerate(balances)]

    def transfer(self, i, j, amount, ordered):
        """Move `amount` from account i to account j holding both their locks: the lower index
        first when `ordered`, else `from` then `to`. False when account i has too little."""
        first, second = (min(i, j), max(i, j)) if ordered else (i, j)
        with self.accounts[first].lock, self.accounts[second].lock:
            if self.accounts[i].balance < amount:
                return False
            self.accounts[i].balance -= amount
            time.sleep(0)
            self.accounts[j].balance += amount
        return True

    def total(self):
        """The total, holding every account's lock, taken in index order."""
        for account in self.accounts:
            account.lock.acquire()
        try:
            return sum(account.balance for account in self.accounts)
        finally:
            for account in self.accounts:
                account.lock.release()


class CoarseBank:
    """Chapter 9's bank: one lock for all six accounts."""

    def __init__(self, balances):
        self.balances, self.lock = list(balances), threading.Lock()

    def transfer(self, i, j, amount, ordered):
        with self.lock:
            if self.balances[i] < amount:
                return False
            self.balances[i] -= amount
            time.sleep(0)
            self.balances[j] += amount
        return True

    def total(self):
        with self.lock:
            return sum(self.balances)


def start_threads(bank, seed, ordered, transfers, seen):
    """The threads of chapter 8, each making `transfers` transfers with a check after each, and
    counting in `seen[index]` its finished transfers and its wrong totals."""
    expected = bank.total()

    def make_transfers(index):
        rng = random.Random(seed * 1000 + index)
        for _ in range(transfers):
            i, j = rng.sample(range(len(BALANCES)), 2)
            bank.transfer(i, j, rng.randint(1, 100), ordered)
            wrong = bank.total() != expected
            done, wrong_so_far = seen[index]
            seen[index] = (done + 1, wrong_so_far + wrong)  # only this thread writes seen[index]

    seen[:] = [(0, 0)] * THREADS
    threads = [
        threading.Thread(target=make_transfers, args=(index,), name=f"thread {index}", daemon=True)
        for index in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    return threads


def watch_run(threads, seen):
    """Poll until every thread has finished (True) or no transfer finished for PATIENCE (False)."""
    last, since = -1, course.elapsed()
    while any(thread.is_alive() for thread in threads):
        course.sleep(0.01)
        done = sum(d for d, _ in seen)
        if done != last:
            last, since = done, course.elapsed()
        elif course.elapsed() - since >= PATIENCE:
            return False
    return True


def timed_run(bank, seed, ordered):
    """(finished, seconds, wrong totals) of TIMED_TRANSFERS transfers on each thread."""
    seen = []
    start = time.perf_counter()
    finished = watch_run(start_threads(bank, seed, ordered, TIMED_TRANSFERS, seen), seen)
    return finished, time.perf_counter() - start, sum(w for _, w in seen)


def main():
    lesson = course.start(
        course.Flag("seed", "N", "seed of the random transfers (default 0)", int, 0)
    )
    logging.basicConfig(
        format="%(asctime)s: %(message)s", level=logging.INFO, datefmt="%H:%M:%S", stream=sys.stdout
    )
    total = sum(BALANCES)
    checks = THREADS * TRANSFERS
    logging.info(
        "Bank: %d accounts with a lock each, %d in all; %d threads make %d transfers each (seed %d)",
        len(BALANCES),
        total,
        THREADS,
        TRANSFERS,
        lesson.seed,
    )

    logging.info("Unordered: a transfer locks its from account, then its to account")
    graph = watch.Graph()
    bank = Bank(BALANCES, lambda name: watch.Lock(graph, name))
    seen = []
    threads = start_threads(bank, lesson.seed, False, TRANSFERS, seen)
    left_blocked = 0
    if watch_run(threads, seen):
        logging.info("Unordered: all %d transfers finished: no deadlock this time", checks)
    else:
        done = sum(d for d, _ in seen)
        logging.info(
            "Unordered: stuck: no transfer finished for %d s, after %d of %d transfers",
            PATIENCE,
            done,
            checks,
        )
        cycle = graph.cycle()
        if cycle:
            links = [
                f"{thread} waits for {waits_for}, held by {cycle[(k + 1) % len(cycle)][0]}"
                for k, (thread, _, waits_for) in enumerate(cycle)
            ]
            logging.info("Unordered: deadlock: a cycle of waits: %s", "; ".join(links))
        else:
            logging.info("Unordered: no cycle of waits among the account locks")
        logging.info(
            "Unordered: %d of %d threads blocked in acquire(); main leaves them there",
            graph.blocked(),
            THREADS,
        )
        left_blocked = sum(thread.is_alive() for thread in threads)

    logging.info(
        "Ordered: every transfer locks the lower account index first, the check from 0 up; "
        "timed on %d threads of %d transfers",
        THREADS,
        TIMED_TRANSFERS,
    )
    fine = Bank(BALANCES, lambda name: threading.Lock())
    finished, fine_time, wrong = timed_run(fine, lesson.seed, True)
    if not finished:
        logging.info("Ordered: stuck: no transfer finished for %d s", PATIENCE)
        return
    logging.info(
        "Ordered: all %d transfers finished in %.2f sec; wrong totals: %d; final total %d",
        THREADS * TIMED_TRANSFERS,
        fine_time,
        wrong,
        fine.total(),
    )
    coarse = CoarseBank(BALANCES)
    _, coarse_time, wrong = timed_run(coarse, lesson.seed, True)
    logging.info(
        "Coarse: the same work with one lock for the bank (chapter 9) in %.2f sec; wrong totals: %d",
        coarse_time,
        wrong,
    )
    logging.info(
        "Compare: a lock per account took %.2f times the time of one lock", fine_time / coarse_time
    )
    logging.info("Main: main returns, and the %d blocked daemon threads end with it", left_blocked)


if __name__ == "__main__":
    main()
