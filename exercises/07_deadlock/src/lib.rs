//! Two accounts, a lock each, and the transfer between them. Fix `transfer` (see `src/main.rs`
//! for the task).
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
    // TODO: two transfers in opposite directions take these two locks in opposite orders, and
    // can each end up holding the lock the other waits for. Take them in one order for everyone.
    let mut a = from.balance.lock();
    work();
    let mut b = to.balance.lock();
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
