//! Two accounts, a lock each, and the transfer between them (a solution).
#![forbid(unsafe_code)]

// std's `Arc` in every build, as `lab`'s deadlock watch hands it out (`Watch::new`).
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

/// Move `amount` from one account to the other, holding both locks for the whole move. `work`
/// is what the transfer does under its first lock.
pub fn transfer(from: &Account, to: &Account, amount: i64, work: impl FnOnce()) {
    // One global order: the lower account number first, whichever way the money goes.
    let (mut a, mut b);
    if from.number < to.number {
        a = from.balance.lock();
        work();
        b = to.balance.lock();
    } else {
        b = to.balance.lock();
        work();
        a = from.balance.lock();
    }
    *a -= amount;
    *b += amount;
}

/// The total of two accounts, holding both: the lower number first.
pub fn total(x: &Account, y: &Account) -> i64 {
    let (first, second) = if x.number <= y.number { (x, y) } else { (y, x) };
    let a = first.balance.lock();
    let b = second.balance.lock();
    *a + *b
}
