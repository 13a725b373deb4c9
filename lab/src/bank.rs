//! The bank demo's workload and its driver: six accounts, 44,500 in all; five threads, each making
//! 9,999 random transfers and checking the total after each one. A chapter writes the bank (where
//! its lock goes is its lesson) and implements [`Bank`]; [`run`] drives it and reports what the
//! checks saw. The same driver runs every bank, so that the chapters differ only in the bank.

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use rand::prelude::*;

use crate::lock::{Lock, Watch};
use crate::watchdog::{Group, Outcome};

/// The six accounts of the original, 44,500 in all.
pub const BALANCES: [i64; 6] = [5000, 10000, 7500, 7000, 6000, 9000];

/// How long [`pause`] spins.
pub const PAUSE: Duration = Duration::from_nanos(500);

/// A point where another thread may get in: the original's `sleep(0)` in the middle of a
/// transfer, and the steps of its check between two accounts (slow in Python; here six loads,
/// over in nanoseconds). It spins for [`PAUSE`] rather than yielding: a thread that yields while
/// it holds a lock can lose its core to another program for a whole time slice. The book's
/// Performance page (`book/src/reference/performance.md`) has the measurements behind this
/// choice.
pub fn pause() {
    let start = Instant::now();
    while start.elapsed() < PAUSE {
        std::hint::spin_loop();
    }
}

/// What the driver needs of a bank. `pause` is called where another thread may get in: in the
/// middle of a transfer, and between two accounts of a check.
pub trait Bank: Sync {
    /// How many accounts.
    fn accounts(&self) -> usize;
    /// Move `amount` from one account to another; `false` when `from` has too little.
    fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool;
    /// The total of all accounts.
    fn total(&self, pause: fn()) -> i64;
}

/// One run of the bank: how many threads, how many transfers each, the seed of their random
/// choices, and what to do where another thread may get in (a model checker passes its own
/// yield, a benchmark nothing at all).
#[derive(Clone, Copy, Debug)]
pub struct Workload {
    pub threads: usize,
    pub transfers: usize,
    pub seed: u64,
    pub pause: fn(),
}

impl Workload {
    /// The original: 5 threads of 9,999 transfers, with the [`pause`].
    pub fn original(seed: u64) -> Self {
        Workload {
            threads: 5,
            transfers: 9_999,
            seed,
            pause,
        }
    }

    pub fn checks(&self) -> usize {
        self.threads * self.transfers
    }

    /// Thread `index`'s own repeatable stream of random choices.
    pub fn rng(&self, index: usize) -> StdRng {
        StdRng::seed_from_u64(self.seed.wrapping_mul(1000).wrapping_add(index as u64))
    }
}

/// Two different accounts and an amount of 1 to 100, as the original's `random.sample` and
/// `random.randint(1, 100)`.
pub fn draw(rng: &mut impl Rng, accounts: usize) -> (usize, usize, i64) {
    let from = rng.random_range(0..accounts);
    let mut to = rng.random_range(0..accounts - 1);
    if to >= from {
        to += 1;
    }
    (from, to, rng.random_range(1..=100))
}

/// What the threads saw.
#[derive(Debug, Default, Clone, Copy)]
pub struct Report {
    pub checks: usize,
    /// Checks that saw a total other than the real one.
    pub wrong: usize,
    /// The largest difference a check saw.
    pub largest_gap: i64,
    /// Transfers refused because `from` had less than the amount.
    pub refused: usize,
    /// The total once every thread is done (nobody is moving money any more).
    pub final_total: i64,
    /// From the start of the threads to the end of the last one.
    pub elapsed: Duration,
}

impl Report {
    fn add(mut self, one: Report) -> Report {
        self.checks += one.checks;
        self.wrong += one.wrong;
        self.largest_gap = self.largest_gap.max(one.largest_gap);
        self.refused += one.refused;
        self.elapsed = self.elapsed.max(one.elapsed);
        self
    }
}

/// One thread of the original: `work.transfers` random transfers, a check of the total after
/// each; `step` after each check.
fn one_thread(
    bank: &(impl Bank + ?Sized),
    work: &Workload,
    index: usize,
    expected: i64,
    start: Instant,
    step: impl Fn(),
) -> Report {
    // A lane in the timeline from the start, though the thread never logs or sleeps.
    common::record::thread_starts();
    let mut rng = work.rng(index);
    let mut seen = Report::default();
    for _ in 0..work.transfers {
        let (from, to, amount) = draw(&mut rng, bank.accounts());
        if !bank.transfer(from, to, amount, work.pause) {
            seen.refused += 1;
        }
        let total = bank.total(work.pause);
        // The total as the check saw it: a track of its own in the timeline (`--timeline`).
        common::record::value("total the check saw", total);
        let gap = (total - expected).abs();
        seen.checks += 1;
        if gap != 0 {
            seen.wrong += 1;
            seen.largest_gap = seen.largest_gap.max(gap);
        }
        step();
    }
    seen.elapsed = start.elapsed();
    seen
}

/// Run `work` on `bank` and wait for every thread: each makes its transfers and checks the total
/// after each.
pub fn run(bank: &impl Bank, work: &Workload) -> Report {
    let expected = bank.total(|| {});
    let start = Instant::now();
    let report = thread::scope(|s| {
        let threads: Vec<_> = (0..work.threads)
            .map(|index| s.spawn(move || one_thread(bank, work, index, expected, start, || {})))
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().expect("a bank thread panicked"))
            .fold(Report::default(), Report::add)
    });
    Report {
        final_total: bank.total(|| {}),
        ..report
    }
}

/// Run `work` on `bank` as [`run`] does, in threads named `thread 0`, `thread 1`, ..., watched:
/// if no transfer finishes for `patience` (lesson time), return at once and leave the threads
/// where they are. Pass the `watch` the bank's locks note in, to learn who waits for whom.
pub fn run_watched<B: Bank + Send + 'static>(
    bank: &Arc<B>,
    work: &Workload,
    watch: Option<&Arc<Watch>>,
    patience: Duration,
) -> Outcome<Report> {
    let expected = bank.total(|| {});
    let mut group = watch.map_or_else(Group::new, Group::watching);
    let start = Instant::now();
    for index in 0..work.threads {
        let (bank, work) = (Arc::clone(bank), *work);
        group.spawn(&format!("thread {index}"), move |progress| {
            one_thread(&*bank, &work, index, expected, start, || progress.tick())
        });
    }
    match group.wait(patience) {
        Outcome::Finished(seen) => Outcome::Finished(Report {
            final_total: bank.total(|| {}),
            ..seen.into_iter().fold(Report::default(), Report::add)
        }),
        Outcome::Stuck(stuck) => Outcome::Stuck(stuck),
    }
}

/// Chapter 9's bank, one lock for all the balances, kept here as the yardstick that chapter 10
/// times its lock per account against.
pub struct OneLockBank {
    balances: Lock<Vec<i64>>,
    accounts: usize,
}

impl OneLockBank {
    pub fn new(balances: &[i64]) -> Self {
        OneLockBank {
            balances: Lock::new("the bank", balances.to_vec()),
            accounts: balances.len(),
        }
    }
}

impl Bank for OneLockBank {
    fn accounts(&self) -> usize {
        self.accounts
    }

    fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
        let mut b = self.balances.lock();
        if b[from] < amount {
            return false;
        }
        b[from] -= amount;
        pause();
        b[to] += amount;
        true
    }

    fn total(&self, pause: fn()) -> i64 {
        let b = self.balances.lock();
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

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicI64, Ordering};

    #[test]
    fn draw_picks_two_different_accounts_and_1_to_100() {
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..10_000 {
            let (from, to, amount) = draw(&mut rng, 6);
            assert!(from < 6 && to < 6 && from != to);
            assert!((1..=100).contains(&amount));
        }
    }

    #[test]
    fn the_original_workload_on_one_lock_keeps_the_total() {
        let bank = OneLockBank::new(&BALANCES);
        let report = run(&bank, &Workload::original(0));
        assert_eq!(report.checks, 49_995);
        assert_eq!(report.wrong, 0);
        assert_eq!(report.final_total, 44_500);
        assert!(report.elapsed > Duration::ZERO);
    }

    #[test]
    fn a_poor_bank_refuses_transfers() {
        let bank = OneLockBank::new(&[50, 50, 50]);
        let work = Workload {
            threads: 2,
            transfers: 1_000,
            seed: 3,
            pause: || {},
        };
        let report = run(&bank, &work);
        assert!(report.refused > 0);
        assert_eq!(report.final_total, 150);
    }

    /// A bank with no lock at all: its checks see money in flight, so the driver counts them.
    struct NoLock(Vec<AtomicI64>);

    impl Bank for NoLock {
        fn accounts(&self) -> usize {
            self.0.len()
        }
        fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
            self.0[from].fetch_sub(amount, Ordering::SeqCst);
            pause();
            self.0[to].fetch_add(amount, Ordering::SeqCst);
            true
        }
        fn total(&self, pause: fn()) -> i64 {
            self.0
                .iter()
                .map(|b| {
                    pause();
                    b.load(Ordering::SeqCst)
                })
                .sum()
        }
    }

    #[test]
    fn the_driver_counts_the_wrong_totals_it_sees() {
        let bank = NoLock(BALANCES.iter().map(|&b| AtomicI64::new(b)).collect());
        let report = run(&bank, &Workload::original(0));
        assert!(report.wrong > 0 && report.largest_gap > 0);
        assert_eq!(report.final_total, 44_500);
    }

    #[test]
    fn a_watched_run_finishes_like_a_plain_one() {
        let bank = Arc::new(OneLockBank::new(&BALANCES));
        let work = Workload {
            threads: 3,
            transfers: 500,
            seed: 1,
            pause: || {},
        };
        match run_watched(&bank, &work, None, Duration::from_secs(5)) {
            Outcome::Finished(r) => {
                assert_eq!((r.checks, r.wrong, r.final_total), (1_500, 0, 44_500));
            }
            Outcome::Stuck(s) => panic!("stuck: {s:?}"),
        }
    }

    /// A bank with a watched lock per account, taken as they come: two opposite transfers can
    /// each hold one and wait for the other.
    struct AsTheyCome(Vec<Lock<i64>>);

    impl Bank for AsTheyCome {
        fn accounts(&self) -> usize {
            self.0.len()
        }
        fn transfer(&self, from: usize, to: usize, amount: i64, pause: fn()) -> bool {
            let mut a = self.0[from].lock();
            pause();
            let mut b = self.0[to].lock();
            *a -= amount;
            *b += amount;
            true
        }
        fn total(&self, _: fn()) -> i64 {
            self.0.iter().map(|l| *l.lock()).sum()
        }
    }

    #[test]
    fn a_watched_run_that_deadlocks_is_stuck_with_its_cycle() {
        let watch = Watch::new();
        let bank = Arc::new(AsTheyCome(
            (0..3)
                .map(|i| Lock::watched(&watch, format!("account {i}"), 100))
                .collect(),
        ));
        let work = Workload {
            threads: 4,
            transfers: 1_000_000,
            seed: 0,
            pause: thread::yield_now,
        };
        let Outcome::Stuck(stuck) = run_watched(&bank, &work, Some(&watch), Duration::from_secs(1))
        else {
            panic!("a million opposite transfers never deadlocked");
        };
        assert_eq!((stuck.unfinished, stuck.waiting), (4, 4));
        let cycle = stuck.cycle.expect("a cycle");
        assert!(cycle.len() >= 2);
        for (i, link) in cycle.iter().enumerate() {
            // Each waits for the lock the next one holds.
            assert_eq!(link.waits_for, cycle[(i + 1) % cycle.len()].holds);
            assert!(link.thread.starts_with("thread "));
        }
    }
}
