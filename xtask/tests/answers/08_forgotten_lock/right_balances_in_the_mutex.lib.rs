//! A right answer: chapter 9's way, the balances inside the Mutex, so nothing reaches them
//! without the lock.
#![forbid(unsafe_code)]

use common::sync::Mutex;

pub struct Bank {
    balances: Mutex<Vec<i64>>,
    count: usize,
}

impl Bank {
    pub fn new(balances: &[i64]) -> Self {
        Bank {
            balances: Mutex::new(balances.to_vec()),
            count: balances.len(),
        }
    }
}

impl lab::Bank for Bank {
    fn accounts(&self) -> usize {
        self.count
    }

    fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
        let mut b = self.balances.lock().unwrap();
        if b[from] < amount {
            return false;
        }
        b[from] -= amount;
        pause();
        b[to] += amount;
        true
    }

    fn total(&self, pause: fn()) -> i64 {
        let b = self.balances.lock().unwrap();
        let mut total = 0;
        for (i, balance) in b.iter().enumerate() {
            if i > 0 {
                pause();
            }
            total += balance;
        }
        total
    }
}
