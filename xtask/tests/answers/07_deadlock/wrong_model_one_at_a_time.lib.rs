//! A wrong answer: no deadlock because the transfer never holds two locks: it lets go of `from` before it takes `to`, and the model's auditor, adding up the total between them, sees the money in flight.
#![forbid(unsafe_code)]

use std::sync::Arc;

use lab::{Lock, Watch};

/// An account: its number, and its balance behind its own lock.
pub struct Account {
    pub number: u32,
    balance: Lock<i64>,
}

impl Account {
    /// An account whose lock, `account N`, notes in `watch` who holds it and who waits for it.
    pub fn new(watch: Option<&Arc<Watch>>, number: u32, balance: i64) -> Self {
        let name = format!("account {number}");
        Account {
            number,
            balance: match watch {
                Some(w) => Lock::watched(w, name, balance),
                None => Lock::new(name, balance),
            },
        }
    }

    /// The balance now.
    pub fn balance(&self) -> i64 {
        *self.balance.lock()
    }
}

pub fn transfer(from: &Account, to: &Account, amount: i64, work: impl FnOnce()) {
    {
        let mut a = from.balance.lock();
        work();
        *a -= amount;
    }
    let mut b = to.balance.lock();
    *b += amount;
}

/// The total of two accounts, holding both: the lower number first.
pub fn total(x: &Account, y: &Account) -> i64 {
    let (first, second) = if x.number <= y.number { (x, y) } else { (y, x) };
    let a = first.balance.lock();
    let b = second.balance.lock();
    *a + *b
}
