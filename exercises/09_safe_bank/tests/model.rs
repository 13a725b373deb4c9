//! The exercise's loom model: two threads each withdraw 40 from one account of 50, on every
//! schedule loom explores. One must be refused, and no balance may go below zero. Run by
//! `cargo xtask check 9`; it needs `--cfg loom`.
#![cfg(loom)]

use ex09_safe_bank::Bank;
use lab::Bank as _;
use loom::sync::Arc;
use loom::thread;

#[test]
fn two_withdrawals_never_overdraw_an_account() {
    loom::model(|| {
        let bank = Arc::new(Bank::new(&[50, 0, 0]));
        let threads: Vec<_> = [1, 2]
            .into_iter()
            .map(|to| {
                let bank = Arc::clone(&bank);
                thread::spawn(move || bank.transfer(0, to, 40, thread::yield_now))
            })
            .collect();
        let done: Vec<bool> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        assert!(
            bank.lowest() >= 0,
            "account 0 went down to {}: both withdrawals of 40 saw its 50 before either took \
             the money (transfers done: {done:?})",
            bank.lowest()
        );
        assert_eq!(
            done.iter().filter(|d| **d).count(),
            1,
            "one of the two must be refused"
        );
        assert_eq!(bank.total(|| {}), 50, "money was lost or made");
    });
}
