//! Chapter 9's bank: the balances inside the `Mutex`. Fix `transfer` (see `src/main.rs` for the
//! task).
#![forbid(unsafe_code)]

// The sync types: std's, or the play runtime's under `--cfg shuttle` (the model). Use these,
// not `std::sync`.
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

impl lab::Bank for Bank {
    fn accounts(&self) -> usize {
        self.count
    }

    /// Move `amount` from one account to another; `false` when `from` has too little. The money
    /// is in flight during `pause`.
    fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
        // TODO: this test is made under a lock that is let go at once: by the time the money
        // moves, another thread may have taken it. Test and withdraw under one lock.
        if self.accounts.lock().unwrap().balances[from] < amount {
            return false;
        }
        let mut a = self.accounts.lock().unwrap();
        a.balances[from] -= amount;
        a.lowest = a.lowest.min(a.balances[from]);
        pause();
        a.balances[to] += amount;
        true
    }

    /// The total, under the same lock: no transfer can be half done while it adds up.
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
