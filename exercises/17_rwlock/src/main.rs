//! # Exercise 17: let the readers overlap
//!
//! Chapter 17's readers, on a table of two prices (`src/lib.rs`). Three readers each look at the
//! prices for a second. Then a writer moves 10 from the first price to the second, in two steps a
//! second apart, while the readers look again. Last, a late reader comes while the writer is at
//! work. As given, the table is behind a `Mutex`, which makes no difference between reading and
//! writing. So the three readers take turns, and part 1 takes 3 s instead of 1.
//!
//! ## Your task
//! In `src/lib.rs`, put the prices behind a lock that lets every reader in at once, and a writer in
//! alone. Then the three readers of part 1 are all done at 00:00:01. A writer must still wait until
//! no reader is looking, so the writer that asks at 00:00:01 gets in at 00:00:02, when the readers
//! are done. A reader that comes while the writer writes must wait for it, so Reader 3 gets in at
//! 00:00:03. Then no reader ever sees the 10 in flight, and the total is 100 for every reader. Keep
//! `read` and `write` as they are called. `cargo xtask check 17` runs it.
//!
//! ## Hint
//! `RwLock` (in `common::sync`, which is std's) has two kinds of guard. `read()` gives a shared
//! one, which many readers may hold at once while no writer does, and `write()` an exclusive
//! one, while nobody else holds the lock. A reader must keep its guard while it looks. A copy taken under the lock and read after it
//! lets readers overlap, but then a writer no longer waits for them. (`parking_lot::RwLock` is
//! right too, and its docs say which goes first when a writer waits.)
//!
//! ## If it differs
//! - `Main    : the 3 readers took 3 s` came: the readers took turns. Each held the lock alone, as
//!   with a `Mutex` (or a `write()` taken just to read).
//! - `Writer  : has the lock[..]` came at another time: the writer got in while readers were still
//!   looking, or later than when the last one was done. A reader does not hold the lock while it
//!   looks (it reads a copy), or readers and writer do not share one lock.
//! - `Reader 3: has the lock[..]` came at another time: the late reader got in while the writer was
//!   at work, or waited longer than the writer's work.
//! - `Reader [..]: the total is 100` is missing: a reader saw the 10 in flight, between the
//!   writer's two steps. Readers do not wait for the writer.
#![forbid(unsafe_code)]

use common::sync::thread;
use std::time::Duration;

use ex17_rwlock::Prices;
use log::info;

const READING: Duration = Duration::from_secs(1);
/// A moment, so that the others have asked before the next one comes.
const LATER: Duration = Duration::from_millis(500);

/// What a reader does with the lock held: read both prices, and take a second over them.
fn reader(prices: &Prices, r: usize) {
    info!("Reader {r}: asks to read");
    prices.read(|table| {
        let total: u64 = table.iter().sum();
        info!("Reader {r}: has the lock, reads {table:?}: the total is {total}");
        common::sleep(READING);
        info!("Reader {r}: done");
    });
}

fn main() {
    common::start();
    let prices = Prices::new(vec![50, 50]);

    info!("Main    : 1. three readers, one table of prices");
    let start = common::elapsed();
    thread::scope(|s| {
        for r in 0..3 {
            let prices = &prices;
            s.spawn(move || reader(prices, r));
        }
    });
    let took = (common::elapsed() - start).as_secs();
    info!("Main    : the 3 readers took {took} s");

    info!("Main    : 2. the readers again; a writer comes while they read; then a late reader");
    thread::scope(|s| {
        for r in 0..3 {
            let prices = &prices;
            s.spawn(move || reader(prices, r));
        }
        common::sleep(LATER);
        s.spawn(|| {
            info!("Writer  : asks to write");
            prices.write(|table| {
                info!("Writer  : has the lock; moves 10 from the first price to the second");
                table[0] -= 10;
                common::sleep(READING);
                table[1] += 10;
                info!("Writer  : done: {table:?}");
            });
        });
        common::sleep(READING);
        s.spawn(|| reader(&prices, 3));
    });
}
