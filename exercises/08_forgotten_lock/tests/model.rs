//! The exercise's loom model: a transfer in one thread while another checks the total, on every
//! schedule loom explores. The check must always see 200, and the money must all be there at
//! the end. Run by `cargo xtask check 8`; it needs `--cfg loom`.
#![cfg(loom)]

use ex08_forgotten_lock::Bank;
use lab::Bank as _;
use loom::sync::Arc;
use loom::thread;

#[test]
fn a_check_beside_a_transfer_always_sees_the_whole_total() {
    loom::model(|| {
        let bank = Arc::new(Bank::new(&[100, 100]));
        let mover = Arc::clone(&bank);
        let t = thread::spawn(move || mover.transfer(0, 1, 10, thread::yield_now));
        let seen = bank.total(thread::yield_now);
        assert!(t.join().unwrap(), "the transfer was refused");
        assert_eq!(
            seen, 200,
            "a check saw {seen}: it added up while the transfer had taken 10 out of one account \
             and not yet put it into the other"
        );
        assert_eq!(bank.total(|| {}), 200, "money was lost or made");
    });
}
