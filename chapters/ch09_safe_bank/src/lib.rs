//! The bank of chapter 9: the balances live inside the `Mutex`.
//!
//! The only way to a balance is the guard that `lock()` returns, so a check that forgets the lock
//! does not compile:
//!
//! ```compile_fail,E0599
//! use std::sync::Mutex;
//! let balances = Mutex::new(vec![5000_i64, 10000]);
//! let total: i64 = balances.iter().sum(); // no method `iter` on a `Mutex`: lock it first
//! ```
//!
//! ```
//! use std::sync::Mutex;
//! let balances = Mutex::new(vec![5000_i64, 10000]);
//! let total: i64 = balances.lock().unwrap().iter().sum();
//! assert_eq!(total, 15000);
//! ```
#![forbid(unsafe_code)]

// The sync types, all in this one block: std's, through `common::sync`, which hands loom's
// look-alikes to `cargo xtask prove` so that a model can run this very bank.
use common::sync::{Arc, Mutex};
use std::thread;

// The same bank, workload and pause as chapter 8, so that the two banks do the same work and
// only the lock differs.
pub use ch08_forgotten_lock::{BALANCES, Workload, draw, pause};

/// What the lock guards: the balances, and the lowest balance any withdrawal left.
struct Accounts {
    balances: Vec<i64>,
    lowest: i64,
}

pub struct Bank {
    accounts: Mutex<Accounts>,
    count: usize,
}

impl Bank {
    pub fn new(balances: &[i64]) -> Self {
        Bank {
            accounts: Mutex::new(Accounts {
                balances: balances.to_vec(),
                lowest: balances.iter().copied().min().unwrap_or(0),
            }),
            count: balances.len(),
        }
    }

    pub fn accounts(&self) -> usize {
        self.count
    }

    /// Move `amount` from one account to another; `false` when `from` has too little. The test of
    /// the balance is made under the lock, so it still holds when the money moves. (The original
    /// tested before taking the lock: two threads could both see enough, and both withdraw.)
    pub fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
        let mut a = self.accounts.lock().unwrap();
        if a.balances[from] < amount {
            return false;
        }
        a.balances[from] -= amount;
        a.lowest = a.lowest.min(a.balances[from]);
        pause();
        a.balances[to] += amount;
        true
    }

    /// The total, under the same lock: no transfer can be half done while we add up.
    pub fn total(&self, pause: fn()) -> i64 {
        let a = self.accounts.lock().unwrap();
        let mut total = 0;
        for (i, balance) in a.balances.iter().enumerate() {
            if i > 0 {
                pause();
            }
            total += balance;
        }
        total
    }

    /// The lowest balance any withdrawal has left so far.
    pub fn lowest(&self) -> i64 {
        self.accounts.lock().unwrap().lowest
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
    /// The lowest balance any withdrawal left.
    pub lowest: i64,
    /// The total once every thread is done.
    pub final_total: i64,
}

/// Run `work` on `bank`: each thread makes its transfers and checks the total after each.
pub fn run(bank: &Arc<Bank>, work: &Workload) -> Report {
    let expected = bank.total(|| {});
    let threads: Vec<_> = (0..work.threads)
        .map(|index| {
            let bank = Arc::clone(bank);
            let work = *work;
            thread::spawn(move || {
                let mut rng = work.rng(index);
                let mut seen = Report::default();
                for _ in 0..work.transfers {
                    let (from, to, amount) = draw(&mut rng, bank.accounts());
                    if !bank.transfer(from, to, amount, work.pause) {
                        seen.refused += 1;
                    }
                    let gap = (bank.total(work.pause) - expected).abs();
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
    let mut report = Report::default();
    for t in threads {
        let seen = t.join().expect("a bank thread panicked");
        report.checks += seen.checks;
        report.wrong += seen.wrong;
        report.largest_gap = report.largest_gap.max(seen.largest_gap);
        report.refused += seen.refused;
    }
    report.lowest = bank.lowest();
    report.final_total = bank.total(|| {});
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_original_workload_keeps_the_total_and_never_goes_negative() {
        for seed in 0..3 {
            let bank = Arc::new(Bank::new(&BALANCES));
            let report = run(&bank, &Workload::original(seed));
            assert_eq!(report.checks, 49_995);
            assert_eq!(report.wrong, 0, "seed {seed}");
            assert_eq!(report.final_total, 44_500);
            assert!(report.lowest >= 0, "seed {seed}: {}", report.lowest);
        }
    }

    #[test]
    fn poor_accounts_refuse_and_never_go_negative() {
        // Balances below the largest amount: most transfers are refused, and an unlocked test of
        // the balance would let two threads overdraw the same account.
        for seed in 0..20 {
            let bank = Arc::new(Bank::new(&[50, 50, 50]));
            let work = Workload {
                threads: 4,
                transfers: 2_000,
                seed,
                pause,
            };
            let report = run(&bank, &work);
            assert_eq!(report.wrong, 0);
            assert_eq!(report.final_total, 150);
            assert!(report.refused > 0);
            assert!(report.lowest >= 0, "seed {seed}: {}", report.lowest);
        }
    }

    #[test]
    fn a_refused_transfer_moves_nothing() {
        let bank = Bank::new(&[10, 0]);
        assert!(!bank.transfer(1, 0, 1, || {}));
        assert!(bank.transfer(0, 1, 10, || {}));
        assert_eq!(bank.total(|| {}), 10);
        assert_eq!(bank.lowest(), 0);
    }
}
