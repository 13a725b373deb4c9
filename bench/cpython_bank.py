"""The bank benchmark's CPython side: the original workload with no pause at all.

Six accounts, 44,500 in all; 5 threads, each making 9,999 random transfers and checking the total
after each, with one `threading.Lock` around the transfer and around the check: chapter 9's bank,
without the `sleep(0)` of the original, so that it compares like for like with the Rust bench's
`original_workload_coarse/no_pause`. Standard library only.

    python3 bench/cpython_bank.py [RUNS]
"""

import random
import statistics
import sys
import threading
import time

BALANCES = [5000, 10000, 7500, 7000, 6000, 9000]
THREADS = 5
TRANSFERS = 9_999


def one_run(seed):
    balances = list(BALANCES)
    lock = threading.Lock()
    expected = sum(balances)
    wrong = []

    def worker(index):
        rng = random.Random(seed * 1000 + index)
        accounts = range(len(balances))
        for _ in range(TRANSFERS):
            a, b = rng.sample(accounts, 2)
            amount = rng.randint(1, 100)
            with lock:
                if balances[a] >= amount:
                    balances[a] -= amount
                    balances[b] += amount
            with lock:
                if sum(balances) != expected:
                    wrong.append(1)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - start
    assert not wrong and sum(balances) == expected
    return took


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    times = [one_run(seed) for seed in range(runs)]
    print(
        f"CPython {sys.version.split()[0]}: {THREADS} threads x {TRANSFERS} transfers, no pause: "
        f"median {statistics.median(times):.3f} s, fastest {min(times):.3f} s, "
        f"slowest {max(times):.3f} s ({runs} runs)"
    )


if __name__ == "__main__":
    main()
