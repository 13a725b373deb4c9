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
use common::sync::Mutex;

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

    /// The lowest balance any withdrawal has left so far.
    pub fn lowest(&self) -> i64 {
        self.accounts.lock().unwrap().lowest
    }
}

/// The workload and the threads that run it are the lab's (`lab/src/bank.rs`), the same as
/// chapter 8's: the two banks differ only in the lock.
impl lab::Bank for Bank {
    fn accounts(&self) -> usize {
        self.count
    }

    /// Move `amount` from one account to another; `false` when `from` has too little. The test of
    /// the balance is made under the lock, so it still holds when the money moves. (The original
    /// tested before taking the lock: two threads could both see enough, and both withdraw.)
    fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
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
    fn total(&self, pause: fn()) -> i64 {
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
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use lab::{BALANCES, Bank as _, Workload, pause, run};

    #[test]
    fn the_original_workload_keeps_the_total_and_never_goes_negative() {
        for seed in 0..3 {
            let bank = Bank::new(&BALANCES);
            let report = run(&bank, &Workload::original(seed));
            assert_eq!(report.checks, 49_995);
            assert_eq!(report.wrong, 0, "seed {seed}");
            assert_eq!(report.final_total, 44_500);
            assert!(bank.lowest() >= 0, "seed {seed}: {}", bank.lowest());
        }
    }

    #[test]
    fn poor_accounts_refuse_and_never_go_negative() {
        // Balances below the largest amount: most transfers are refused, and an unlocked test of
        // the balance would let two threads overdraw the same account.
        for seed in 0..20 {
            let bank = Bank::new(&[50, 50, 50]);
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
            assert!(bank.lowest() >= 0, "seed {seed}: {}", bank.lowest());
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
