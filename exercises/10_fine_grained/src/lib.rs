//! Chapter 10's bank: a lock per account. Fix the order of its locks (see `src/main.rs` for the
//! task).
#![forbid(unsafe_code)]

// std's `Arc` in every build, as `lab`'s deadlock watch hands it out (`Watch::new`).
use std::sync::Arc;

use lab::{Lock, Watch};

pub struct Bank {
    accounts: Vec<Lock<i64>>,
}

impl Bank {
    /// A bank whose locks, `account 0` to `account 5`, note in `watch` who holds them and who
    /// waits.
    pub fn new(balances: &[i64], watch: Option<&Arc<Watch>>) -> Self {
        let lock = |i: usize, b: i64| match watch {
            Some(w) => Lock::watched(w, format!("account {i}"), b),
            None => Lock::new(format!("account {i}"), b),
        };
        Bank {
            accounts: balances
                .iter()
                .enumerate()
                .map(|(i, &b)| lock(i, b))
                .collect(),
        }
    }
}

impl lab::Bank for Bank {
    fn accounts(&self) -> usize {
        self.accounts.len()
    }

    /// Move `amount` from one account to another, holding both their locks; `false` when `from`
    /// has too little (tested under its lock). The money is in flight during `pause`.
    fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
        // TODO: `from`, then `to`: a transfer the other way takes the same two locks in the
        // other order. Take every pair of locks in one order.
        let mut a = self.accounts[from].lock();
        let mut b = self.accounts[to].lock();
        if *a < amount {
            return false;
        }
        *a -= amount;
        pause();
        *b += amount;
        true
    }

    /// The total, holding every account's lock, taken from account 0 up.
    fn total(&self, pause: fn()) -> i64 {
        let held: Vec<_> = self.accounts.iter().map(|account| account.lock()).collect();
        let mut total = 0;
        for (i, balance) in held.iter().enumerate() {
            if i > 0 {
                pause();
            }
            total += **balance;
        }
        total
    }
}
