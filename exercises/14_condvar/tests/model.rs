//! The exercise's loom model: two threads count a latch of two down while the model's main
//! thread waits on it, on every schedule loom explores (it switches threads at each lock, each
//! notify and each wait). The wait must return only when the count is 0, and must return: a
//! schedule on which it sleeps for ever is reported by loom as a deadlock. (loom's `wait_timeout`
//! never times out, so the limit plays no part here; the run checks it.) Run by
//! `cargo xtask check 14`; it needs `--cfg loom`.
#![cfg(loom)]

use std::time::Duration;

use ex14_condvar::Latch;
use loom::sync::Arc;
use loom::thread;

#[test]
fn the_wait_returns_once_both_are_ready_on_every_schedule() {
    loom::model(|| {
        let latch = Arc::new(Latch::new(2));
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let latch = Arc::clone(&latch);
                thread::spawn(move || latch.count_down())
            })
            .collect();
        let open = latch.wait_timeout(Duration::from_secs(3600));
        let left = latch.left();
        assert!(
            open && left == 0,
            "the wait returned {open} with {left} of 2 not ready: it went on before the count \
             was 0 (a notify for the first count_down woke it, and it did not look again)"
        );
        for t in threads {
            t.join().unwrap();
        }
    });
}
