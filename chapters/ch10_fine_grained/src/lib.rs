//! The bank of chapter 10: a lock per account.
//!
//! A transfer locks only its two accounts, so two transfers between four different accounts can
//! run at once. Two locks bring a new danger: a thread that holds one and waits for the other.
//! Taken in one global order (by account index), no cycle of waits can form; taken as they come,
//! one forms soon. The locks are the deadlock watch's [`lab::Lock`], a std `Mutex` that can note
//! who holds it and who waits, so that `main` can show the cycle; the workload and the threads
//! that run it are the lab's (`lab/src/bank.rs`), as in chapters 8 and 9.
#![forbid(unsafe_code)]

// std's `Arc` in every build, as `lab`'s deadlock watch hands it out (`Watch::new`).
use std::sync::Arc;

use lab::{Lock, Watch};

/// How a transfer takes its two locks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// The lower account index first, always: the fix.
    ByIndex,
    /// The `from` account, then the `to` account: two opposite transfers can deadlock.
    AsTheyCome,
}

pub struct Bank {
    accounts: Vec<Lock<i64>>,
    order: Order,
}

impl Bank {
    /// A bank whose transfers take their locks in `order`.
    pub fn new(balances: &[i64], order: Order) -> Self {
        Self::with(balances, order, |i, b| Lock::new(format!("account {i}"), b))
    }

    /// The same, with every account's lock noting in `watch` who holds it and who waits.
    pub fn watched(balances: &[i64], order: Order, watch: &Arc<Watch>) -> Self {
        Self::with(balances, order, |i, b| {
            Lock::watched(watch, format!("account {i}"), b)
        })
    }

    fn with(balances: &[i64], order: Order, lock: impl Fn(usize, i64) -> Lock<i64>) -> Self {
        Bank {
            accounts: balances
                .iter()
                .enumerate()
                .map(|(i, &b)| lock(i, b))
                .collect(),
            order,
        }
    }
}

impl lab::Bank for Bank {
    fn accounts(&self) -> usize {
        self.accounts.len()
    }

    /// Move `amount` from one account to another, holding both their locks, taken in the bank's
    /// order; `false` when `from` has too little (tested under its lock).
    fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
        let (mut a, mut b);
        if self.order == Order::ByIndex && to < from {
            b = self.accounts[to].lock();
            a = self.accounts[from].lock();
        } else {
            a = self.accounts[from].lock();
            b = self.accounts[to].lock();
        }
        if *a < amount {
            return false;
        }
        *a -= amount;
        pause();
        *b += amount;
        true
    }

    /// The total, holding every account's lock, taken in index order.
    fn total(&self, pause: fn()) -> i64 {
        let held: Vec<_> = self.accounts.iter().map(Lock::lock).collect();
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

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use lab::{BALANCES, Bank as _, Outcome, Workload, run_watched};
    use std::time::{Duration, Instant};

    /// The lesson's patience (`main.rs`): long enough that live transfers never look stuck.
    const PATIENCE: Duration = Duration::from_secs(2);
    /// Threads in a cycle of waits are stuck for good, and the test waits this long once the
    /// cycle forms: 1 s, as lab's test of a bank that deadlocks waits, finds them as surely.
    const DEADLOCKED: Duration = Duration::from_secs(1);

    #[test]
    fn ordered_transfers_all_finish_and_keep_the_total() {
        for seed in 0..3 {
            let bank = Arc::new(Bank::new(&BALANCES, Order::ByIndex));
            match run_watched(&bank, &Workload::original(seed), None, PATIENCE) {
                Outcome::Finished(r) => {
                    assert_eq!(r.checks, 49_995);
                    assert_eq!(r.wrong, 0);
                    assert_eq!(r.final_total, 44_500);
                }
                Outcome::Stuck(s) => panic!("seed {seed}: stuck after {}", s.done),
            }
        }
    }

    /// One seed: the deadlock comes from how the threads' locks interleave, not from which
    /// transfers the seed draws, and each seed costs the whole wait after the cycle forms.
    #[test]
    fn unordered_transfers_deadlock_and_the_watch_finds_the_cycle() {
        let seed = 0;
        let watch = Watch::new();
        let bank = Arc::new(Bank::watched(&BALANCES, Order::AsTheyCome, &watch));
        let started = Instant::now();
        let work = Workload::original(seed);
        match run_watched(&bank, &work, Some(&watch), DEADLOCKED) {
            Outcome::Finished(_) => panic!("seed {seed}: no deadlock"),
            Outcome::Stuck(s) => {
                assert!(s.done < 49_995);
                assert_eq!((s.unfinished, s.waiting), (5, 5));
                let cycle = s.cycle.expect("a cycle of waits");
                assert!(cycle.len() >= 2);
                // Each waits for an account the next one holds, and the last closes the ring.
                for (i, link) in cycle.iter().enumerate() {
                    assert_eq!(link.waits_for, cycle[(i + 1) % cycle.len()].holds);
                }
            }
        }
        assert!(started.elapsed() < DEADLOCKED + Duration::from_secs(2));
    }

    #[test]
    fn a_transfer_moves_money_in_either_order() {
        let bank = Bank::new(&[10, 0], Order::ByIndex);
        assert!(!bank.transfer(1, 0, 1, || {}));
        assert!(bank.transfer(0, 1, 4, || {}));
        let unordered = Bank::new(&[10, 0], Order::AsTheyCome);
        assert!(unordered.transfer(0, 1, 4, || {}));
        assert!(unordered.transfer(1, 0, 1, || {}));
        assert_eq!(bank.total(|| {}) + unordered.total(|| {}), 20);
    }
}
