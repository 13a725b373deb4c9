//! Chapter 10's levels (`ch10_fine_grained`): a lock an account: transfers in opposite orders, and
//! by index. Their words and each breakable level's winning schedule are the table `ch10.json`,
//! beside this file; the scenarios are here.

use common::sync::Arc;
use common::sync::book;

use super::{Chapter, Scenario};
use crate::engine::{join, spawn};

fn opposite(order: ch10_fine_grained::Order) {
    use ch10_fine_grained::Bank;
    use lab::Bank as _;
    let bank = Arc::new(Bank::new(&[100, 100], order));
    book::name_locks(&["account 0", "account 1"]);
    let b = Arc::clone(&bank);
    book::show("total", move || b.total(|| {}).to_string());
    let (b1, b2) = (Arc::clone(&bank), bank);
    join(vec![
        spawn("Thread 1", "transfer(0 -> 1, 10)", move || {
            b1.transfer(0, 1, 10, || {});
        }),
        spawn("Thread 2", "transfer(1 -> 0, 10)", move || {
            b2.transfer(1, 0, 10, || {});
        }),
    ]);
}

fn ch10() {
    opposite(ch10_fine_grained::Order::AsTheyCome);
}

fn ch10_ordered() {
    opposite(ch10_fine_grained::Order::ByIndex);
}

/// The chapter's levels: the table of their words and winning schedules beside this file, the
/// scenario that plays each, and the broken twins of its fixes (see `super::Chapter`).
pub(super) const CHAPTER: Chapter = Chapter {
    table: ("ch10.json", include_str!("ch10.json")),
    scenarios: &[
        Scenario::new("ch10", ch10),
        Scenario::new("ch10-ordered", ch10_ordered),
    ],
    twins: &[("ch10-ordered", "ch10", "Deadlock: each transfer holds")],
    own_twins: &[],
};
