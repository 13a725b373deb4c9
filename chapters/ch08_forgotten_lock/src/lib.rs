//! The bank of chapter 8: the lock beside the data, and a check that forgets it.
//!
//! Python's design, built on purpose: a `Mutex<()>` guards nothing by itself, the balances are
//! atomics beside it, and only the discipline of the code says "take the lock first". The
//! transfers keep it; the check of the total does not, and nothing stops it from compiling.
//! The workload and the threads that run it are the lab's (`lab/src/bank.rs`).
#![forbid(unsafe_code)]

// The sync types, all in this one block: std's, through `common::sync`, which hands loom's
// look-alikes to `cargo xtask prove` so that a model can run this very bank.
use common::sync::{
    Mutex,
    atomic::{AtomicI64, Ordering},
};

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
}

impl lab::Bank for Bank {
    fn accounts(&self) -> usize {
        self.balances.len()
    }

    /// Move `amount` from one account to another, under the lock, with the money in flight
    /// during `pause`. Like the original, the balance is tested before the lock is taken: a test
    /// that may be stale by the time the money moves (chapter 9 moves it inside).
    fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
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
    fn total(&self, pause: fn()) -> i64 {
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

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use lab::{BALANCES, Bank as _, Workload, run};

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
    fn a_transfer_moves_money_and_refuses_what_is_not_there() {
        let bank = Bank::new(&[10, 0]);
        assert!(!bank.transfer(1, 0, 1, || {}));
        assert!(bank.transfer(0, 1, 4, || {}));
        assert_eq!(bank.total(|| {}), 10);
    }
}
