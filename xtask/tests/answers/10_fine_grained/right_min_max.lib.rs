//! A right answer: the two indices sorted with min and max, the guards matched back to from and to.
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
        let mut low = self.accounts[from.min(to)].lock();
        let mut high = self.accounts[from.max(to)].lock();
        let (a, b) = if from < to {
            (&mut *low, &mut *high)
        } else {
            (&mut *high, &mut *low)
        };
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
