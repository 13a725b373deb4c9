//! Transfers per second of the three banks, each transfer followed by a check of the total, as
//! in the lessons: chapter 8's forgotten lock, chapter 9's one lock for the bank, chapter 10's lock
//! per account (locks by index). At 1, 2 and 4 threads, with the lessons' 500 ns pause in the
//! middle of a transfer and between the check's reads (`with_pause`), and without it
//! (`no_pause`). Without the pause, what is timed is the whole loop of the lab's driver: starting
//! the threads, the random draw, the locks and the arithmetic, and for chapter 10 a `Vec` of six
//! guards per check. Then the original workload, 5 threads of 9,999 transfers, on the one lock.
//!
//! `cargo bench -p bench` (about half a minute).
#![forbid(unsafe_code)]

use divan::{Bencher, black_box, counter::ItemsCount};
use lab::{BALANCES, Workload, pause};

fn main() {
    divan::main();
}

/// Transfers per thread: the original's.
const TRANSFERS: usize = 9_999;

fn nothing() {}

/// Time `threads` threads of transfers and checks, with `pause`, on a fresh bank from `new`:
/// the lessons' own driver (`lab::run`), timed.
fn bench_bank<B: lab::Bank>(
    bencher: Bencher,
    threads: usize,
    pause: fn(),
    new: impl Fn() -> B + Sync,
) {
    let work = Workload {
        threads,
        transfers: TRANSFERS,
        seed: 0,
        pause,
    };
    bencher
        .counter(ItemsCount::new(work.checks()))
        .with_inputs(new)
        .bench_refs(|bank| black_box(lab::run(bank, &work)));
}

macro_rules! banks {
    ($group:ident, $pause:expr) => {
        mod $group {
            use super::*;

            #[divan::bench(args = [1, 2, 4], sample_count = 10, sample_size = 1)]
            fn forgotten_lock(bencher: Bencher, threads: usize) {
                bench_bank(bencher, threads, $pause, || {
                    ch08_forgotten_lock::Bank::new(&BALANCES)
                });
            }

            #[divan::bench(args = [1, 2, 4], sample_count = 10, sample_size = 1)]
            fn coarse(bencher: Bencher, threads: usize) {
                bench_bank(bencher, threads, $pause, || {
                    ch09_safe_bank::Bank::new(&BALANCES)
                });
            }

            #[divan::bench(args = [1, 2, 4], sample_count = 10, sample_size = 1)]
            fn fine_grained(bencher: Bencher, threads: usize) {
                use ch10_fine_grained::{Bank, Order};
                bench_bank(bencher, threads, $pause, || {
                    Bank::new(&BALANCES, Order::ByIndex)
                });
            }
        }
    };
}

banks!(with_pause, pause);
banks!(no_pause, nothing);

/// The Python original's workload on chapter 9's one lock: 5 threads of 9,999 transfers, a check
/// after each, with the lessons' pause and without it.
#[divan::bench(args = ["with_pause", "no_pause"], sample_count = 5, sample_size = 1)]
fn original_workload_coarse(bencher: Bencher, variant: &str) {
    let p: fn() = if variant == "with_pause" {
        pause
    } else {
        nothing
    };
    bench_bank(bencher, 5, p, || ch09_safe_bank::Bank::new(&BALANCES));
}
