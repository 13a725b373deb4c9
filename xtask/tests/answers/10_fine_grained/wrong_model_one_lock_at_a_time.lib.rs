//! A wrong answer: no deadlock because a transfer never holds two locks: it lets go of `from` before it takes `to`, and a check in between sees the money in flight.
#![forbid(unsafe_code)]

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

    fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
        {
            let mut a = self.accounts[from].lock();
            if *a < amount {
                return false;
            }
            *a -= amount;
        }
        pause();
        *self.accounts[to].lock() += amount;
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
