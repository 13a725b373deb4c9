#![forbid(unsafe_code)]

use common::sync::Barrier;
use common::sync::thread;

use ch11_atomics::{Counter, FlagLock, Mailbox};
use common::sync::atomic::Ordering;

#[test]
fn fetch_add_loses_nothing() {
    let counter = Counter::new();
    thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                for _ in 0..10_000 {
                    counter.add_fetch();
                }
            });
        }
    });
    assert_eq!(counter.value(), 80_000);
}

#[test]
fn load_then_store_with_every_first_load_before_any_store_loses_all_but_one_first_addition() {
    const THREADS: usize = 4;
    const ADDS: usize = 100;
    for _ in 0..20 {
        let counter = Counter::new();
        let first = Barrier::new(THREADS);
        let firsts: Vec<u64> = thread::scope(|s| {
            let threads: Vec<_> = (0..THREADS)
                .map(|_| {
                    s.spawn(|| {
                        let read = counter.add_load_store(|| {
                            first.wait();
                        });
                        for _ in 1..ADDS {
                            counter.add_load_store(|| {});
                        }
                        read
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        // The barrier holds every first store back until all first loads are made: all read 0,
        // all store 1, and at most one of those stores is in the chain the final value counts.
        assert_eq!(firsts, vec![0; THREADS], "every first load returned 0");
        assert!(
            counter.value() <= (THREADS * ADDS - (THREADS - 1)) as u64,
            "at least {} of the {THREADS} first additions were lost, the counter ends at {}",
            THREADS - 1,
            counter.value()
        );
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

#[test]
fn the_flag_lock_with_compare_exchange_keeps_the_load_and_store_together() {
    let (counter, lock) = (Counter::new(), FlagLock::new());
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..2_000 {
                    lock.lock();
                    counter.add_load_store(|| {});
                    lock.unlock();
                }
            });
        }
    });
    assert_eq!(counter.value(), 8_000);
}
