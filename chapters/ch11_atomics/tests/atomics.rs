#![forbid(unsafe_code)]

use common::sync::Barrier;
use common::sync::thread;

use ch11_atomics::{Counter, Mailbox};
use common::sync::atomic::Ordering;

#[test]
fn fetch_add_loses_nothing() {
    let counter = Counter::new();
    thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| (0..10_000).for_each(|_| counter.add_fetch()));
        }
    });
    assert_eq!(counter.value(), 80_000);
}

#[test]
fn load_then_store_with_every_first_load_before_any_store_loses_at_least_one_per_thread() {
    const THREADS: usize = 4;
    for _ in 0..20 {
        let counter = Counter::new();
        let first = Barrier::new(THREADS);
        thread::scope(|s| {
            for _ in 0..THREADS {
                s.spawn(|| {
                    for i in 0..100 {
                        counter.add_load_store(|| {
                            if i == 0 {
                                first.wait();
                            }
                        });
                    }
                });
            }
        });
        assert!(counter.value() <= (THREADS * 100 - (THREADS - 1)) as u64);
    }
}

#[test]
fn the_flag_hands_over_the_data() {
    let mailbox = Mailbox::new();
    let got = thread::scope(|s| {
        let reader = s.spawn(|| mailbox.receive(Ordering::Acquire, thread::yield_now));
        mailbox.publish(42, Ordering::Release);
        reader.join().unwrap()
    });
    assert_eq!(got, 42);
}
