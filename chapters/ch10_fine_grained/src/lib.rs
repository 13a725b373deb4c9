//! The bank of chapter 10: a lock per account.
//!
//! A transfer locks only its two accounts, so two transfers between four different accounts can
//! run at once. Two locks bring a new danger: a thread that holds one and waits for the other.
//! Taken in one global order (by account index), no cycle of waits can form; taken as they come,
//! it forms within milliseconds, and [`run`] sees it as a run that stops making progress.
#![forbid(unsafe_code)]

// The sync types, all in this one block: std's, through `common::sync`, which hands loom's
// look-alikes to `cargo xtask prove` so that a model can run this very bank.
use common::sync::{
    Arc, Mutex, MutexGuard,
    atomic::{AtomicUsize, Ordering},
};
use std::thread;

use std::time::{Duration, Instant};

pub use ch09_safe_bank::{BALANCES, Workload, draw, pause};

/// How a transfer takes its two locks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// The lower account index first, always: the fix.
    ByIndex,
    /// The `from` account, then the `to` account: two opposite transfers can deadlock.
    AsTheyCome,
}

pub struct Bank {
    accounts: Vec<Mutex<i64>>,
}

/// "Nobody": no thread waits, no thread holds.
const NOBODY: usize = usize::MAX;

/// Who holds which account and who waits for which, for the watchdog to find a cycle in.
/// Only the unordered run keeps it: the timed runs do not pay for it.
pub struct WaitGraph {
    waits_for: Vec<AtomicUsize>,
    held_by: Vec<AtomicUsize>,
}

impl WaitGraph {
    fn new(threads: usize, accounts: usize) -> Self {
        let nobody = |n| (0..n).map(|_| AtomicUsize::new(NOBODY)).collect();
        WaitGraph {
            waits_for: nobody(threads),
            held_by: nobody(accounts),
        }
    }

    /// A cycle of waits, as (thread, the account it waits for, the thread that holds it), if one
    /// is there. Read while the threads are blocked, so the picture holds still.
    pub fn cycle(&self) -> Option<Vec<(usize, usize, usize)>> {
        for start in 0..self.waits_for.len() {
            let mut path: Vec<(usize, usize, usize)> = Vec::new();
            let mut thread = start;
            while !path.iter().any(|&(t, _, _)| t == thread) {
                let account = self.waits_for[thread].load(Ordering::SeqCst);
                if account == NOBODY {
                    break;
                }
                let holder = self.held_by[account].load(Ordering::SeqCst);
                if holder == NOBODY {
                    break;
                }
                path.push((thread, account, holder));
                thread = holder;
            }
            if let Some(at) = path.iter().position(|&(t, _, _)| t == thread) {
                return Some(path.split_off(at));
            }
        }
        None
    }

    /// How many threads are waiting in `lock()`.
    pub fn waiting(&self) -> usize {
        self.waits_for
            .iter()
            .filter(|w| w.load(Ordering::SeqCst) != NOBODY)
            .count()
    }
}

/// A held account: the guard, and the note in the wait graph, taken back on drop.
struct Held<'a> {
    guard: MutexGuard<'a, i64>,
    account: usize,
    graph: Option<&'a WaitGraph>,
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        if let Some(g) = self.graph {
            g.held_by[self.account].store(NOBODY, Ordering::SeqCst);
        }
    }
}

impl Bank {
    pub fn new(balances: &[i64]) -> Self {
        Bank {
            accounts: balances.iter().map(|&b| Mutex::new(b)).collect(),
        }
    }

    pub fn accounts(&self) -> usize {
        self.accounts.len()
    }

    fn lock<'a>(&'a self, account: usize, me: usize, graph: Option<&'a WaitGraph>) -> Held<'a> {
        if let Some(g) = graph {
            g.waits_for[me].store(account, Ordering::SeqCst);
        }
        let guard = self.accounts[account].lock().unwrap();
        if let Some(g) = graph {
            g.waits_for[me].store(NOBODY, Ordering::SeqCst);
            g.held_by[account].store(me, Ordering::SeqCst);
        }
        Held {
            guard,
            account,
            graph,
        }
    }

    /// Move `amount` from one account to another, holding both their locks, taken in `order`;
    /// `false` when `from` has too little (tested under its lock).
    pub fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn(), order: Order) -> bool {
        self.transfer_as(0, from, to, amount, pause, order, None)
    }

    #[allow(clippy::too_many_arguments)]
    fn transfer_as(
        &self,
        me: usize,
        from: usize,
        to: usize,
        amount: i64,
        pause: fn(),
        order: Order,
        graph: Option<&WaitGraph>,
    ) -> bool {
        let (mut a, mut b);
        if order == Order::ByIndex && to < from {
            b = self.lock(to, me, graph);
            a = self.lock(from, me, graph);
        } else {
            a = self.lock(from, me, graph);
            b = self.lock(to, me, graph);
        }
        if *a.guard < amount {
            return false;
        }
        *a.guard -= amount;
        pause();
        *b.guard += amount;
        true
    }

    /// The total, holding every account's lock, taken in index order.
    pub fn total(&self, pause: fn()) -> i64 {
        self.total_as(0, pause, None)
    }

    fn total_as(&self, me: usize, pause: fn(), graph: Option<&WaitGraph>) -> i64 {
        let held: Vec<Held> = (0..self.accounts.len())
            .map(|i| self.lock(i, me, graph))
            .collect();
        let mut total = 0;
        for (i, h) in held.iter().enumerate() {
            if i > 0 {
                pause();
            }
            total += *h.guard;
        }
        total
    }
}

/// What the threads saw, when they all finished.
#[derive(Debug, Default, Clone, Copy)]
pub struct Report {
    pub checks: usize,
    /// Checks that saw a total other than the real one.
    pub wrong: usize,
    pub final_total: i64,
    /// From the start to the last thread's end.
    pub elapsed: Duration,
}

pub enum Outcome {
    /// Every thread finished its transfers.
    Finished(Report),
    /// Nothing finished for `patience`. The threads are left blocked: never joined, they end
    /// when `main` returns.
    Stuck {
        /// Transfers (each with its check) finished before it stopped.
        done: usize,
        /// Threads waiting in `lock()`.
        waiting: usize,
        /// The cycle of waits, when there is one: (thread, account it waits for, holder).
        cycle: Option<Vec<(usize, usize, usize)>>,
    },
}

/// Run `work` on `bank` with transfers taking their locks in `order`, and watch it: if no
/// transfer finishes for `patience` (lesson time), report it stuck and return at once.
pub fn run(bank: &Arc<Bank>, work: &Workload, order: Order, patience: Duration) -> Outcome {
    let expected = bank.total(|| {});
    // Only the unordered run keeps the wait graph; the ordered one is timed against chapter 9.
    let graph = (order == Order::AsTheyCome)
        .then(|| Arc::new(WaitGraph::new(work.threads, bank.accounts())));
    let done = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let threads: Vec<_> = (0..work.threads)
        .map(|me| {
            let (bank, graph, done, work) =
                (Arc::clone(bank), graph.clone(), Arc::clone(&done), *work);
            thread::spawn(move || {
                let graph = graph.as_deref();
                let mut rng = work.rng(me);
                let mut seen = Report::default();
                for _ in 0..work.transfers {
                    let (from, to, amount) = draw(&mut rng, bank.accounts());
                    bank.transfer_as(me, from, to, amount, work.pause, order, graph);
                    seen.checks += 1;
                    if bank.total_as(me, work.pause, graph) != expected {
                        seen.wrong += 1;
                    }
                    done.fetch_add(1, Ordering::Relaxed);
                }
                seen.elapsed = start.elapsed();
                seen
            })
        })
        .collect();

    let poll = Duration::from_millis(10);
    let (mut last, mut since) = (0, Instant::now());
    while !threads.iter().all(|t| t.is_finished()) {
        common::sleep(poll);
        let now = done.load(Ordering::Relaxed);
        if now != last {
            (last, since) = (now, Instant::now());
        } else if since.elapsed() >= common::scaled(patience) {
            let (waiting, cycle) = graph.map_or((0, None), |g| (g.waiting(), g.cycle()));
            return Outcome::Stuck {
                done: now,
                waiting,
                cycle,
            };
        }
    }
    let mut report = Report::default();
    for t in threads {
        let seen = t.join().expect("a bank thread panicked");
        report.checks += seen.checks;
        report.wrong += seen.wrong;
        report.elapsed = report.elapsed.max(seen.elapsed);
    }
    report.final_total = bank.total(|| {});
    Outcome::Finished(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATIENCE: Duration = Duration::from_secs(2);

    #[test]
    fn ordered_transfers_all_finish_and_keep_the_total() {
        for seed in 0..3 {
            let bank = Arc::new(Bank::new(&BALANCES));
            match run(&bank, &Workload::original(seed), Order::ByIndex, PATIENCE) {
                Outcome::Finished(r) => {
                    assert_eq!(r.checks, 49_995);
                    assert_eq!(r.wrong, 0);
                    assert_eq!(r.final_total, 44_500);
                }
                Outcome::Stuck { done, .. } => panic!("seed {seed}: stuck after {done}"),
            }
        }
    }

    #[test]
    fn unordered_transfers_deadlock_and_the_watchdog_finds_the_cycle() {
        for seed in 0..3 {
            let bank = Arc::new(Bank::new(&BALANCES));
            let started = Instant::now();
            match run(
                &bank,
                &Workload::original(seed),
                Order::AsTheyCome,
                PATIENCE,
            ) {
                Outcome::Finished(_) => panic!("seed {seed}: no deadlock"),
                Outcome::Stuck {
                    done,
                    waiting,
                    cycle,
                } => {
                    assert!(done < 49_995);
                    assert_eq!(waiting, 5);
                    let cycle = cycle.expect("a cycle of waits");
                    assert!(cycle.len() >= 2);
                    // Each waits for an account the next one holds, and the last closes the ring.
                    for (i, &(_, _, holder)) in cycle.iter().enumerate() {
                        assert_eq!(holder, cycle[(i + 1) % cycle.len()].0);
                    }
                }
            }
            assert!(started.elapsed() < PATIENCE + Duration::from_secs(2));
        }
    }

    #[test]
    fn a_cycle_is_read_off_the_wait_graph() {
        let g = WaitGraph::new(3, 4);
        assert_eq!(g.cycle(), None);
        // Thread 0 holds account 1 and waits for 2; thread 1 holds 2 and waits for 1.
        g.held_by[1].store(0, Ordering::SeqCst);
        g.held_by[2].store(1, Ordering::SeqCst);
        g.waits_for[0].store(2, Ordering::SeqCst);
        g.waits_for[1].store(1, Ordering::SeqCst);
        // Thread 2 waits for account 1 too, outside the cycle.
        g.waits_for[2].store(1, Ordering::SeqCst);
        assert_eq!(g.cycle(), Some(vec![(0, 2, 1), (1, 1, 0)]));
        assert_eq!(g.waiting(), 3);
    }

    #[test]
    fn a_transfer_moves_money_in_either_order() {
        let bank = Bank::new(&[10, 0]);
        assert!(!bank.transfer(1, 0, 1, || {}, Order::ByIndex));
        assert!(bank.transfer(0, 1, 4, || {}, Order::ByIndex));
        assert!(bank.transfer(1, 0, 1, || {}, Order::AsTheyCome));
        assert_eq!(bank.total(|| {}), 10);
    }
}
