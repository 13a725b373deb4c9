//! The bank of chapter 8: the lock beside the data, and a check that forgets it.
//!
//! Python's design, built on purpose: a `Mutex<()>` guards nothing by itself, the balances are
//! atomics beside it, and only the discipline of the code says "take the lock first". The
//! transfers keep it; the check of the total does not, and nothing stops it from compiling.
#![forbid(unsafe_code)]

// The sync types, all in this one block: std's, through `common::sync`, which hands loom's
// look-alikes to `cargo xtask prove` so that a model can run this very bank.
use common::sync::{
    Mutex,
    atomic::{AtomicI64, Ordering},
};
use std::thread;

use std::time::{Duration, Instant};

use rand::prelude::*;

/// The six accounts of the original, 44,500 in all.
pub const BALANCES: [i64; 6] = [5000, 10000, 7500, 7000, 6000, 9000];

/// How long [`pause`] spins. See there for why it spins and why this long.
pub const PAUSE: Duration = Duration::from_nanos(500);

/// A point where another thread may get in: the original's `sleep(0)` in the middle of a transfer,
/// and the steps of the check between two accounts (Python may switch threads between any two
/// bytecodes; there the check is slow, here it is six loads, over in nanoseconds).
///
/// It spins for [`PAUSE`] rather than calling `thread::yield_now()`, and it comes in the check
/// too. Measured on this 2-core machine, 49,995 transfers (dev build):
/// - `yield_now()` in the transfer: fine when idle (0.1 s), but the thread yields while it holds
///   the lock, and with both cores busy with other programs the core often goes to one of them
///   for a whole time slice while every other thread waits: 1.8 s a run typically, 34 s at worst.
/// - a spin in the transfer only: the check, a few nanoseconds right after its own thread let go
///   of the lock, nearly always runs in the gap before the next transfer starts. It caught money
///   in flight only when the scheduler happened to interrupt a thread: 0 to 20 times a run under
///   load, whatever the length of the spin.
/// - a 500 ns spin in both (this): 0.10 s a run idle, every run caught at least 15,000 wrong
///   totals (200 runs); 0.15 s with two busy programs, at least 3,000; 0.2 s with four, at least
///   33 (the threads then run one at a time, and almost every switch between them catches one).
pub fn pause() {
    let start = Instant::now();
    while start.elapsed() < PAUSE {
        std::hint::spin_loop();
    }
}

/// One run of the bank: how many threads, how many transfers each, the seed of their random
/// choices, and what to do in the middle of a transfer (a model checker passes its own yield).
#[derive(Clone, Copy, Debug)]
pub struct Workload {
    pub threads: usize,
    pub transfers: usize,
    pub seed: u64,
    pub pause: fn(),
}

impl Workload {
    /// The original: 5 threads of 9,999 transfers.
    pub fn original(seed: u64) -> Self {
        Workload {
            threads: 5,
            transfers: 9_999,
            seed,
            pause,
        }
    }

    pub fn checks(&self) -> usize {
        self.threads * self.transfers
    }

    /// Thread `index`'s own repeatable stream of random choices.
    pub fn rng(&self, index: usize) -> StdRng {
        StdRng::seed_from_u64(self.seed.wrapping_mul(1000).wrapping_add(index as u64))
    }
}

/// Two different accounts and an amount of 1 to 100, as the original's `random.sample` and
/// `random.randint(1, 100)`.
pub fn draw(rng: &mut impl Rng, accounts: usize) -> (usize, usize, i64) {
    let from = rng.random_range(0..accounts);
    let mut to = rng.random_range(0..accounts - 1);
    if to >= from {
        to += 1;
    }
    (from, to, rng.random_range(1..=100))
}

pub struct Bank {
    /// The lock of the transfers. It owns no data: nothing ties it to `balances`.
    lock: Mutex<()>,
    balances: Vec<AtomicI64>,
}

impl Bank {
    pub fn new(balances: &[i64]) -> Self {
        Bank {
            lock: Mutex::new(()),
            balances: balances.iter().map(|&b| AtomicI64::new(b)).collect(),
        }
    }

    pub fn accounts(&self) -> usize {
        self.balances.len()
    }

    /// Move `amount` from one account to another, under the lock, with the money in flight
    /// during `pause`. Like the original, the balance is tested before the lock is taken: a test
    /// that may be stale by the time the money moves (chapter 9 moves it inside).
    pub fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
        if self.balances[from].load(Ordering::SeqCst) < amount {
            return false;
        }
        let _guard = self.lock.lock().unwrap();
        // Python's `from.balance -= amount`: a read, then a write. Only the lock keeps two
        // transfers from reading one balance before either writes (chapter 4's lost update).
        let b = self.balances[from].load(Ordering::SeqCst);
        self.balances[from].store(b - amount, Ordering::SeqCst);
        pause();
        let b = self.balances[to].load(Ordering::SeqCst);
        self.balances[to].store(b + amount, Ordering::SeqCst);
        true
    }

    /// THE BUG: the total, without the lock. Each load is atomic, even sequentially consistent;
    /// the sum of six is not, and a transfer may be half done between two of them.
    pub fn total(&self, pause: fn()) -> i64 {
        let mut total = 0;
        for (i, balance) in self.balances.iter().enumerate() {
            if i > 0 {
                pause();
            }
            total += balance.load(Ordering::SeqCst);
        }
        total
    }
}

/// What the threads saw.
#[derive(Debug, Default, Clone, Copy)]
pub struct Report {
    pub checks: usize,
    /// Checks that saw a total other than the real one.
    pub wrong: usize,
    /// The largest difference a check saw.
    pub largest_gap: i64,
    /// Transfers refused because `from` had less than the amount.
    pub refused: usize,
    /// The total once every thread is done (nobody is moving money any more).
    pub final_total: i64,
}

/// Run `work` on `bank`: each thread makes its transfers and checks the total after each.
pub fn run(bank: &Bank, work: &Workload) -> Report {
    drive(
        work,
        bank.accounts(),
        |from, to, amount| bank.transfer(from, to, amount, work.pause),
        || bank.total(work.pause),
    )
}

/// The threads of the original, for any bank: each makes `work.transfers` random transfers with
/// `transfer` and checks `total` after each. Chapter 9 runs its bank through this too, so that
/// the two chapters differ only in the bank.
pub fn drive(
    work: &Workload,
    accounts: usize,
    transfer: impl Fn(usize, usize, i64) -> bool + Sync,
    total: impl Fn() -> i64 + Sync,
) -> Report {
    let expected = total();
    let (transfer, total) = (&transfer, &total);
    let seen: Vec<Report> = thread::scope(|s| {
        let threads: Vec<_> = (0..work.threads)
            .map(|index| {
                s.spawn(move || {
                    let mut rng = work.rng(index);
                    let mut seen = Report::default();
                    for _ in 0..work.transfers {
                        let (from, to, amount) = draw(&mut rng, accounts);
                        if !transfer(from, to, amount) {
                            seen.refused += 1;
                        }
                        let gap = (total() - expected).abs();
                        seen.checks += 1;
                        if gap != 0 {
                            seen.wrong += 1;
                            seen.largest_gap = seen.largest_gap.max(gap);
                        }
                    }
                    seen
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().expect("a bank thread panicked"))
            .collect()
    });
    let mut report = Report::default();
    for one in seen {
        report.checks += one.checks;
        report.wrong += one.wrong;
        report.largest_gap = report.largest_gap.max(one.largest_gap);
        report.refused += one.refused;
    }
    report.final_total = total();
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draw_picks_two_different_accounts_and_1_to_100() {
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..10_000 {
            let (from, to, amount) = draw(&mut rng, 6);
            assert!(from < 6 && to < 6 && from != to);
            assert!((1..=100).contains(&amount));
        }
    }

    #[test]
    fn the_unlocked_check_sees_a_wrong_total_and_the_money_is_all_there() {
        for seed in 0..3 {
            let bank = Bank::new(&BALANCES);
            let report = run(&bank, &Workload::original(seed));
            assert_eq!(report.checks, 49_995);
            assert!(
                report.wrong > 0,
                "seed {seed}: no check saw money in flight"
            );
            assert!(report.largest_gap > 0);
            assert_eq!(report.final_total, 44_500);
        }
    }

    #[test]
    fn a_small_workload_runs() {
        let bank = Bank::new(&[10, 10]);
        let work = Workload {
            threads: 2,
            transfers: 2,
            seed: 7,
            pause: thread::yield_now,
        };
        let report = run(&bank, &work);
        assert_eq!(report.checks, 4);
        assert_eq!(report.final_total, 20);
    }
}
