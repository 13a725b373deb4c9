//! The exercise's loom model: two opposite transfers between accounts 0 and 1, and a check of
//! the total, on every schedule loom explores. No schedule may deadlock (loom reports one when
//! every thread waits), the check must always see 200, and the balances end at 90 and 110. Run
//! by `cargo xtask check 10`; it needs `--cfg loom`.
#![cfg(loom)]

use ex10_fine_grained::Bank;
use lab::Bank as _;
use loom::sync::Arc;
use loom::thread;

#[test]
fn opposite_transfers_and_a_check_never_deadlock() {
    loom::model(|| {
        let bank = Arc::new(Bank::new(&[100, 100], None));
        let threads: Vec<_> = [(0, 1, 30), (1, 0, 20)]
            .into_iter()
            .map(|(from, to, amount)| {
                let bank = Arc::clone(&bank);
                thread::spawn(move || bank.transfer(from, to, amount, thread::yield_now))
            })
            .collect();
        let seen = bank.total(thread::yield_now);
        for t in threads {
            assert!(t.join().unwrap(), "a transfer was refused");
        }
        assert_eq!(seen, 200, "a check saw {seen}: money in flight");
        assert_eq!(bank.total(|| {}), 200, "money was lost or made");
    });
}
