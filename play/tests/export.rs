//! The book's game of every level (`play export`, as `cargo xtask book` asks for it) against the
//! engine: every position the export holds (written as JSON and read back, as the book ships
//! it) shows the frame the engine shows after a path of moves that reaches it, and each end is
//! the engine's; the games the export holds are the schedules of the level's own search, as many
//! and ending the same ways as that search counts them. Built under `--cfg shuttle` only: `cargo
//! xtask prove` runs these.
#![cfg(shuttle)]

use std::collections::VecDeque;
use std::sync::OnceLock;

use play::engine::{self, End};
use play::levels::{levels, plan, table};
use playproto::export::{CANNOT, Export};

/// The most positions a level's game may have before it is merged (as the book asks:
/// `xtask/course/src/engine.rs`'s `POSITIONS`).
const POSITIONS: usize = 1_000_000;

/// Level `id`'s export, made once for the tests of this file (they run side by side).
fn export(id: &str) -> &'static Export {
    static EXPORTS: OnceLock<Vec<Export>> = OnceLock::new();
    let all = EXPORTS.get_or_init(|| {
        table()
            .into_iter()
            .map(|words| {
                let level = play::level(&words.id).unwrap();
                let id = words.id.clone();
                let e = play::export::export(level, words, plan(level).preemptions, POSITIONS)
                    .unwrap_or_else(|| panic!("{id}: more than {POSITIONS} positions"));
                playproto::from_json(&playproto::to_json(&e)).expect("the export reads back")
            })
            .collect()
    });
    all.iter().find(|e| e.level.id == id).unwrap()
}

/// The moves from a node: each lane's, where it leads.
fn moves(e: &Export, n: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    (1..=e.nodes[n].2.len()).filter_map(move |m| {
        let next = e.next(n, m);
        (next >= 0).then_some((m, next as usize))
    })
}

/// Paths from the start that pass every node at least once, each on to an end: for each node
/// not yet passed, deepest first, the way to it breadth first, then its first move at each
/// node to an end.
fn covering_paths(e: &Export) -> Vec<Vec<usize>> {
    let mut from = vec![None; e.nodes.len()];
    let (mut order, mut todo) = (vec![0], VecDeque::from([0]));
    let mut seen = vec![false; e.nodes.len()];
    seen[0] = true;
    while let Some(n) = todo.pop_front() {
        for (m, next) in moves(e, n) {
            if !seen[next] {
                seen[next] = true;
                from[next] = Some((n, m));
                order.push(next);
                todo.push_back(next);
            }
        }
    }
    assert!(
        seen.iter().all(|s| *s),
        "every node is reached from the start"
    );
    let mut passed = vec![false; e.nodes.len()];
    let mut paths = Vec::new();
    for &n in order.iter().rev() {
        if passed[n] {
            continue;
        }
        let mut path = Vec::new();
        let mut at = n;
        while let Some((p, m)) = from[at] {
            path.push(m);
            at = p;
        }
        path.reverse();
        let mut at = n;
        while let Some((m, next)) = moves(e, at).next() {
            path.push(m);
            at = next;
        }
        let mut at = 0;
        passed[0] = true;
        for &m in &path {
            at = e.next(at, m) as usize;
            passed[at] = true;
        }
        paths.push(path);
    }
    paths
}

/// Every position of every level's export is the engine's frame on a path that reaches it, and
/// every end is the engine's end: the paths pass every node, each replayed through the engine
/// whole.
#[test]
fn every_position_of_every_levels_export_is_the_engines_frame() {
    for level in levels() {
        let e = export(level.id);
        let paths = covering_paths(e);
        for moves in &paths {
            let (frames, end) = engine::play(level, moves);
            let ctx = format!("{} {moves:?}", level.id);
            assert_eq!(frames.len(), moves.len() + 1, "{ctx}");
            let mut node = 0;
            for (k, frame) in frames.iter().enumerate() {
                assert_eq!(frame, &e.frame(node), "{ctx}: frame {k}");
                if let Some(&m) = moves.get(k) {
                    node = e.next(node, m) as usize;
                }
            }
            assert_eq!(Some(end), e.end(node), "{ctx}: the end");
        }
        println!(
            "{}: {} positions, each on one of {} paths replayed",
            level.id,
            e.nodes.len(),
            paths.len()
        );
    }
}

/// The games of an export, from the start to each end, by how they end: won, failed, cut at the
/// move limit (a position with no move and no end), ended.
fn games(e: &Export) -> [u64; 4] {
    fn from(e: &Export, n: usize, ways: &mut Vec<Option<[u64; 4]>>) -> [u64; 4] {
        if let Some(w) = ways[n] {
            return w;
        }
        let w = match e.end(n) {
            Some(End::Won(_)) => [1, 0, 0, 0],
            Some(End::Failed(_)) => [0, 1, 0, 0],
            Some(_) => [0, 0, 0, 1],
            None if moves(e, n).next().is_none() => [0, 0, 1, 0],
            None => {
                let mut w = [0; 4];
                for (_, next) in moves(e, n).collect::<Vec<_>>() {
                    for (a, b) in w.iter_mut().zip(from(e, next, ways)) {
                        *a += b;
                    }
                }
                w
            }
        };
        ways[n] = Some(w);
        w
    }
    from(e, 0, &mut vec![None; e.nodes.len()])
}

#[test]
fn each_kept_schedule_wins_through_the_export_and_its_games_are_the_searchs_count() {
    for words in table() {
        let e = export(&words.id);
        if let Some(kept) = &words.kept {
            let mut node = 0;
            for &m in kept {
                let next = e.next(node, m);
                assert!(next >= 0, "{}: {kept:?} leaves the export", words.id);
                node = next as usize;
            }
            assert!(matches!(e.end(node), Some(End::Won(_))), "{}", words.id);
        }
        let level = play::level(&words.id).unwrap();
        let t = play::search::count(level, plan(level));
        assert!(t.complete, "{}: {t:?}", words.id);
        assert_eq!(
            games(e),
            [t.won, t.failed, t.cut, t.ended],
            "{}: the export's games and the search's count",
            words.id
        );
        if words.fixed.is_some() {
            assert_eq!(
                t.won + t.failed + t.cut,
                0,
                "{}: a fix broken: {t:?}",
                words.id
            );
        }
        // No move is both refused and followed: a lane that cannot run has no way on.
        for (n, node) in e.nodes.iter().enumerate() {
            let frame = e.frame(n);
            for (k, &next) in node.2.iter().enumerate() {
                if !frame.lanes[k].status.can_run() {
                    assert_eq!(next, CANNOT, "{} node {n} lane {}", words.id, k + 1);
                }
            }
        }
    }
}
