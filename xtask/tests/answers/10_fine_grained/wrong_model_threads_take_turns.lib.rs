//! A wrong answer: the locks still taken as they come, `from` then `to`, and the threads made to take turns instead: each thread's first transfer waits 0.7 s more than the one before, so in the run no two threads ever transfer at once and none deadlocks. The timing is no order of locks: the model finds the schedule where two opposite transfers each hold the account the other waits for.
#![forbid(unsafe_code)]

use std::thread::ThreadId;
use std::time::Duration;

// std's `Arc` in every build, as `lab`'s deadlock watch hands it out (`Watch::new`).
use std::sync::Arc;

use common::sync::Mutex;
use lab::{Lock, Watch};

/// How long each thread waits after the one before it.
const TURN: Duration = Duration::from_millis(700);

pub struct Bank {
    accounts: Vec<Lock<i64>>,
    /// The threads that have had their turn: the first goes at once, the next 0.7 s later, and
    /// so on.
    started: Mutex<Vec<ThreadId>>,
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
            started: Mutex::new(Vec::new()),
        }
    }
}

impl lab::Bank for Bank {
    fn accounts(&self) -> usize {
        self.accounts.len()
    }

    /// Move `amount` from one account to another, holding both their locks; `false` when `from`
    /// has too little (tested under its lock). The money is in flight during `pause`.
    fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
        let me = std::thread::current().id();
        let turn = {
            let mut started = self.started.lock().unwrap();
            (!started.contains(&me)).then(|| {
                started.push(me);
                started.len() - 1
            })
        };
        if let Some(turn) = turn {
            common::sleep(TURN * turn as u32);
        }
        let mut a = self.accounts[from].lock();
        let mut b = self.accounts[to].lock();
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
