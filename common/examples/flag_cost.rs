//! What `common::sync`'s recorded wrappers cost when nothing is recorded, against std's own
//! types: an uncontended lock and release, a notify with no waiter, a barrier of one, a
//! channel's send and receive. Best of five rounds of ten million each (one million for the
//! barrier and the channel), in nanoseconds a step.
//!
//! `cargo run --release -p common --example flag_cost`
#![forbid(unsafe_code)]

use std::hint::black_box;
use std::time::Instant;

/// The best time a step of `f`, run `n` times a round, over five rounds.
fn best(n: u32, mut f: impl FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..n {
                f();
            }
            start.elapsed().as_nanos() as f64 / f64::from(n)
        })
        .fold(f64::INFINITY, f64::min)
}

fn row(what: &str, std: f64, ours: f64) {
    println!(
        "{what:<28} std {std:6.2} ns   common::sync {ours:6.2} ns   {:+.2} ns",
        ours - std
    );
}

fn main() {
    const N: u32 = 10_000_000;
    assert!(!common::record::enabled(), "run without COURSE_TIMELINE");

    let a = std::sync::Mutex::new(0u64);
    let b = common::sync::Mutex::new(0u64);
    row(
        "Mutex lock + release",
        best(N, || *black_box(&a).lock().unwrap() += 1),
        best(N, || *black_box(&b).lock().unwrap() += 1),
    );

    let a = std::sync::RwLock::new(0u64);
    let b = common::sync::RwLock::new(0u64);
    row(
        "RwLock read + release",
        best(N, || {
            black_box(*black_box(&a).read().unwrap());
        }),
        best(N, || {
            black_box(*black_box(&b).read().unwrap());
        }),
    );

    let a = std::sync::Condvar::new();
    let b = common::sync::Condvar::new();
    row(
        "Condvar notify_one, no waiter",
        best(N, || black_box(&a).notify_one()),
        best(N, || black_box(&b).notify_one()),
    );

    let a = std::sync::OnceLock::new();
    let b = common::sync::OnceLock::new();
    row(
        "OnceLock get_or_init, set",
        best(N, || {
            black_box(black_box(&a).get_or_init(|| 1u64));
        }),
        best(N, || {
            black_box(black_box(&b).get_or_init(|| 1u64));
        }),
    );

    let a = std::sync::Barrier::new(1);
    let b = common::sync::Barrier::new(1);
    row(
        "Barrier of one, wait",
        best(N / 10, || {
            black_box(black_box(&a).wait());
        }),
        best(N / 10, || {
            black_box(black_box(&b).wait());
        }),
    );

    let (atx, arx) = std::sync::mpsc::channel::<u64>();
    let (btx, brx) = common::sync::mpsc::channel::<u64>();
    row(
        "channel send + recv",
        best(N / 10, || {
            atx.send(1).unwrap();
            black_box(arx.recv().unwrap());
        }),
        best(N / 10, || {
            btx.send(1).unwrap();
            black_box(brx.recv().unwrap());
        }),
    );
}
