//! Transfers per second of the three banks, each transfer followed by a check of the total, as
//! in the lessons: chapter 8's forgotten lock, chapter 9's one lock for the bank, chapter 10's lock
//! per account. At 1, 2 and 4 threads, with the lessons' 500 ns pause in the middle of a transfer
//! and between the check's reads (`with_pause`), and without it (`no_pause`: the locks' own cost).
//! Then the original workload, 5 threads of 9,999 transfers, on the coarse lock.
//!
//! `cargo bench -p ch10_fine_grained` (about half a minute).
#![forbid(unsafe_code)]

use ch09_safe_bank::{BALANCES, Workload, drive, pause};
use ch10_fine_grained::Order;
use divan::{Bencher, black_box, counter::ItemsCount};

fn main() {
    divan::main();
}

/// Transfers per thread: the original's.
const TRANSFERS: usize = 9_999;

/// `threads` threads, each making `transfers` random transfers, each followed by a check: the
/// lessons' own driver (chapter 8's `drive`), timed.
fn hammer(
    threads: usize,
    transfers: usize,
    transfer: impl Fn(usize, usize, i64) -> bool + Sync,
    total: impl Fn() -> i64 + Sync,
) {
    let work = Workload {
        threads,
        transfers,
        seed: 0,
        pause,
    };
    black_box(drive(&work, BALANCES.len(), transfer, total));
}

fn nothing() {}

/// Time `threads` threads of transfers and checks on a fresh bank from `new`.
fn bench_bank<B: Sync>(
    bencher: Bencher,
    threads: usize,
    new: impl Fn() -> B + Sync,
    transfer: impl Fn(&B, usize, usize, i64) -> bool + Sync,
    total: impl Fn(&B) -> i64 + Sync,
) {
    bencher
        .counter(ItemsCount::new(threads * TRANSFERS))
        .with_inputs(new)
        .bench_refs(|bank| {
            hammer(
                threads,
                TRANSFERS,
                |f, t, a| transfer(bank, f, t, a),
                || total(bank),
            )
        });
}

macro_rules! banks {
    ($group:ident, $pause:expr) => {
        mod $group {
            use super::*;

            #[divan::bench(args = [1, 2, 4], sample_count = 10, sample_size = 1)]
            fn forgotten_lock(bencher: Bencher, threads: usize) {
                use ch08_forgotten_lock::Bank;
                bench_bank(
                    bencher,
                    threads,
                    || Bank::new(&BALANCES),
                    |b, f, t, a| b.transfer(f, t, a, $pause),
                    |b| b.total($pause),
                );
            }

            #[divan::bench(args = [1, 2, 4], sample_count = 10, sample_size = 1)]
            fn coarse(bencher: Bencher, threads: usize) {
                use ch09_safe_bank::Bank;
                bench_bank(
                    bencher,
                    threads,
                    || Bank::new(&BALANCES),
                    |b, f, t, a| b.transfer(f, t, a, $pause),
                    |b| b.total($pause),
                );
            }

            #[divan::bench(args = [1, 2, 4], sample_count = 10, sample_size = 1)]
            fn fine_grained(bencher: Bencher, threads: usize) {
                use ch10_fine_grained::Bank;
                bench_bank(
                    bencher,
                    threads,
                    || Bank::new(&BALANCES),
                    |b, f, t, a| b.transfer(f, t, a, $pause, Order::ByIndex),
                    |b| b.total($pause),
                );
            }
        }
    };
}

banks!(with_pause, pause);
banks!(no_pause, nothing);

/// The Python original's workload on the coarse lock: 5 threads of 9,999 transfers, a check
/// after each. CPython takes 3.4 to 4.6 s for it on a 2-core machine.
#[divan::bench(args = ["with_pause", "no_pause"], sample_count = 5, sample_size = 1)]
fn original_workload_coarse(bencher: Bencher, variant: &str) {
    let p: fn() = if variant == "with_pause" {
        pause
    } else {
        nothing
    };
    bench_bank(
        bencher,
        5,
        || ch09_safe_bank::Bank::new(&BALANCES),
        |b, f, t, a| b.transfer(f, t, a, p),
        |b| b.total(p),
    );
}
