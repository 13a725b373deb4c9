//! A wrong answer: the lock is taken after the first account is read, so that one read can be stale.
#![forbid(unsafe_code)]

// The sync types: std's, or the play runtime's under `--cfg shuttle` (the model). Use these,
// not `std::sync`.
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

    /// Move `amount` from one account to another, under the lock; the money is in flight during
    /// `pause`.
    fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
        let _guard = self.lock.lock().unwrap();
        let b = self.balances[from].load(Ordering::SeqCst);
        if b < amount {
            return false;
        }
        self.balances[from].store(b - amount, Ordering::SeqCst);
        pause();
        let b = self.balances[to].load(Ordering::SeqCst);
        self.balances[to].store(b + amount, Ordering::SeqCst);
        true
    }

    fn total(&self, pause: fn()) -> i64 {
        let mut total = self.balances[0].load(Ordering::SeqCst);
        let _guard = self.lock.lock().unwrap();
        for balance in &self.balances[1..] {
            pause();
            total += balance.load(Ordering::SeqCst);
        }
        total
    }
}
