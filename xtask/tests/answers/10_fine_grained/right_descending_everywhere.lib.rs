//! A right answer: the other global order, the higher index first, kept by the transfers and the check alike.
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
        let (mut a, mut b);
        if from > to {
            a = self.accounts[from].lock();
            b = self.accounts[to].lock();
        } else {
            b = self.accounts[to].lock();
            a = self.accounts[from].lock();
        }
        if *a < amount {
            return false;
        }
        *a -= amount;
        pause();
        *b += amount;
        true
    }

    /// The total, holding every account's lock, taken from the last account down.
    fn total(&self, pause: fn()) -> i64 {
        let mut held: Vec<_> = self
            .accounts
            .iter()
            .rev()
            .map(|account| account.lock())
            .collect();
        held.reverse();
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
