//! The book's game of every level (`play export`, as `cargo xtask book` asks for it) against the
//! engine: 200 random schedules of each level, played through the exported data (written as
//! JSON and read back, as the book ships it) and through the engine, show every frame equal and
//! end the same way; the counts of a whole game are the model's. Built under `--cfg shuttle`
//! only: `cargo xtask prove` runs these.
#![cfg(shuttle)]

use play::engine::{self, End};
use play::levels::{levels, table};
use playproto::export::Export;

/// As many positions as the book keeps (`xtask/src/cmd/play/engine.rs`'s `POSITIONS`): the big games
/// are cut, as the book's are, and a walk that meets the cut stops there.
const MAX_NODES: usize = 30_000;
const SCHEDULES: u64 = 200;

fn export(id: &str) -> Export {
    let level = play::level(id).unwrap();
    let words = table().into_iter().find(|l| l.id == id).unwrap();
    let e = play::export::export(level, words, MAX_NODES, 50);
    playproto::from_json(&playproto::to_json(&e)).expect("the export reads back")
}

/// A random walk through the export from its start: the moves, the nodes met, and whether it
/// stopped at a move that leads past what the export holds.
fn walk(e: &Export, seed: u64) -> (Vec<usize>, Vec<usize>, bool) {
    let mut x = seed.max(1);
    let (mut moves, mut nodes) = (Vec::new(), vec![0]);
    loop {
        let node = *nodes.last().unwrap();
        let lanes = e.nodes[node].2.len();
        let open: Vec<usize> = (1..=lanes)
            .filter(|&m| e.next(node, m) != playproto::export::CANNOT)
            .collect();
        if open.is_empty() {
            return (moves, nodes, false);
        }
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let m = open[(x % open.len() as u64) as usize];
        moves.push(m);
        match e.next(node, m) {
            n if n >= 0 => nodes.push(n as usize),
            _ => return (moves, nodes, true),
        }
    }
}

#[test]
fn every_frame_of_200_random_schedules_of_every_level_is_the_engines() {
    for level in levels() {
        let e = export(level.id);
        assert_eq!(e.level.id, level.id);
        for seed in 1..=SCHEDULES {
            let (moves, nodes, beyond) = walk(&e, seed);
            let (frames, end) = engine::play(level, &moves);
            let ctx = format!("{} {moves:?}", level.id);
            if beyond {
                // The last move leads past the export: the engine plays it; the export stops.
                assert_eq!(nodes.len(), moves.len(), "{ctx}");
            } else {
                assert_eq!(frames.len(), nodes.len(), "{ctx}");
                let want = e
                    .end(*nodes.last().unwrap())
                    .expect("a walk ends at an end");
                assert_eq!(end, want, "{ctx}");
            }
            for (k, &n) in nodes.iter().enumerate() {
                assert_eq!(frames[k], e.frame(n), "{ctx}: frame {k}");
            }
        }
    }
}

#[test]
fn each_kept_schedule_wins_through_the_export_and_a_whole_games_count_is_the_models() {
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
            // A sample may miss a rare win (ch15's needs thousands of random schedules).
            assert!(
                e.often.won > 0 || !e.often.every,
                "{}: {:?}",
                words.id,
                e.often
            );
        } else {
            assert_eq!(e.often.won, 0, "{}: a fix won: {:?}", words.id, e.often);
        }
        // Where the model sees every schedule of a fix, the game's graph counts as many.
        let level = play::level(&words.id).unwrap();
        if e.complete && words.fixed.is_some() {
            let s = play::search::explore(level, 100_000);
            if s.complete {
                assert!(e.often.every, "{}", words.id);
                assert_eq!(e.often.schedules, s.executions as u64, "{}", words.id);
            }
        }
    }
}
