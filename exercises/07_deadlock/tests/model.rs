//! The exercise's loom model: two transfers in opposite directions and a check of the total, on
//! every schedule loom explores. No schedule may deadlock (loom reports one when every thread
//! waits), the check must always see 200, and the balances end at 110 and 90. Run by
//! `cargo xtask check 7`; it needs `--cfg loom`.
#![cfg(loom)]

use ex07_deadlock::{Account, total, transfer};
use loom::sync::Arc;
use loom::thread;

#[test]
fn opposite_transfers_never_deadlock_and_never_show_money_in_flight() {
    loom::model(|| {
        let one = Arc::new(Account::new(None, 1, 100));
        let two = Arc::new(Account::new(None, 2, 100));
        let threads: Vec<_> = [(&one, &two, 10), (&two, &one, 20)]
            .into_iter()
            .map(|(from, to, amount)| {
                let (from, to) = (Arc::clone(from), Arc::clone(to));
                thread::spawn(move || transfer(&from, &to, amount, thread::yield_now))
            })
            .collect();
        let seen = total(&one, &two);
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(
            seen, 200,
            "a check of the total saw {seen}: a transfer let go of an account before the money \
             arrived in the other"
        );
        assert_eq!(
            (one.balance(), two.balance()),
            (110, 90),
            "money was lost or made"
        );
    });
}
