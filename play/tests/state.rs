//! The screen never contradicts itself: on every frame of 200 random games of every level and of
//! every fixed level's broken twin (whose games may end in a panic, on a lock the panic
//! poisoned), a lock shown free has no thread blocked waiting for it, a lock shown held is held
//! by a thread that has not finished and is not asleep in a wait on it, a value behind a lock is
//! shown the same way whoever holds the lock, and no look at a value fails.
//! Built under `--cfg shuttle` only: `cargo xtask prove` runs these.
#![cfg(shuttle)]

use std::collections::BTreeMap;

use play::engine::{self, End, Frame, Held as Holder, Status};
use play::levels::{levels, twins};

/// The games played of each level.
const GAMES: u64 = 200;

/// What a probe reads while its lock is held (`book::refresh`), and how a look that panicked
/// otherwise begins.
const LOCKED: &str = "(locked: cannot look)";
const FAILED: &str = "(the look failed";

/// A game of `level` played to its end by random moves from `seed`, each chosen among the
/// threads the screen shows can run: its frames and its moves.
fn random_game(level: &engine::Level, seed: u64) -> (Vec<Frame>, Vec<usize>) {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut moves = Vec::new();
    loop {
        let (frames, end) = engine::play(level, &moves);
        if end != End::OutOfMoves {
            assert!(
                !matches!(end, End::Bad(_)),
                "{}: {end:?} ({moves:?})",
                level.id
            );
            return (frames, moves);
        }
        let last = frames.last().expect("a frame before each move");
        let can_run: Vec<usize> = (1..=last.lanes.len())
            .filter(|&k| {
                matches!(
                    last.lanes[k - 1].status,
                    Status::CanRun | Status::NotStarted
                )
            })
            .collect();
        assert!(
            !can_run.is_empty(),
            "{}: out of moves, none can run",
            level.id
        );
        // xorshift
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        moves.push(can_run[(x % can_run.len() as u64) as usize]);
    }
}

/// What contradicts itself on `frame`, if anything.
fn contradiction(frame: &Frame) -> Option<String> {
    for l in &frame.locks {
        let lock = &l.name;
        match &l.held {
            Holder::Free => {
                let blocked = frame.lanes.iter().find(|l| {
                    matches!(&l.status, Status::Blocked { why, .. }
                        if why == &format!("waits for {lock}")
                            || why.starts_with(&format!("waits for {lock},")))
                });
                if let Some(l) = blocked {
                    return Some(format!(
                        "{lock} is shown free, and {} {:?}",
                        l.name, l.status
                    ));
                }
            }
            held => {
                for name in held.names() {
                    match frame.lanes.iter().find(|l| &l.name == name) {
                        None => return Some(format!("{lock} is held by {name:?}, no thread")),
                        Some(l) if l.status == Status::Finished => {
                            return Some(format!("{lock} is held by {name}, who has finished"));
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
    // A thread asleep in a condvar's wait has let go of the lock it waits with (its next step
    // names it: it takes it back once woken).
    for l in &frame.lanes {
        let asleep =
            matches!(&l.status, Status::Blocked { why, .. } if why.starts_with("asleep in wait"));
        let holds = |lock: &&engine::Lock| {
            lock.held.holder().as_deref() == Some(l.name.as_str())
                && l.next.contains(lock.name.as_str())
        };
        if let Some(lock) = frame.locks.iter().find(holds).filter(|_| asleep) {
            return Some(format!(
                "{} is asleep in wait and shown holding {}",
                l.name, lock.name
            ));
        }
    }
    let any_held = frame.locks.iter().any(|l| l.held != Holder::Free);
    if let Some((label, value)) = frame.state.iter().find(|(_, v)| v.starts_with(FAILED)) {
        return Some(format!("the look at {label} failed: {value}"));
    }
    frame
        .state
        .iter()
        .find(|(_, value)| value == LOCKED && !any_held)
        .map(|(label, _)| format!("{label} is shown locked, and no lock is held"))
}

/// Which locks are held, and whether to read, whoever holds them: what decides how a value is
/// shown.
type Held = Vec<(String, bool)>;

fn held(frame: &Frame) -> Held {
    frame
        .locks
        .iter()
        .filter(|l| l.held != Holder::Free)
        .map(|l| (l.name.clone(), matches!(l.held, Holder::Reading(_))))
        .collect()
}

#[test]
fn no_frame_of_a_random_game_contradicts_itself() {
    let twins = levels()
        .iter()
        .flat_map(|l| twins(l.id))
        .map(|(twin, _)| twin);
    for level in levels().iter().chain(twins) {
        // For each value shown and each set of held locks: whether it was shown locked, and a
        // game that showed it so (the first of each way), to say where it differed.
        let mut seen: BTreeMap<(String, Held), BTreeMap<bool, String>> = BTreeMap::new();
        for seed in 1..=GAMES {
            let (frames, moves) = random_game(level, seed);
            let replay = |k: usize| {
                let m: Vec<String> = moves[..k].iter().map(|m| m.to_string()).collect();
                format!("cargo xtask play {} --moves \"{}\"", level.id, m.join(" "))
            };
            for (k, frame) in frames.iter().enumerate() {
                if let Some(why) = contradiction(frame) {
                    panic!("{}, move {k}: {why}: {}", level.id, replay(k));
                }
                for (label, value) in &frame.state {
                    let ways = seen.entry((label.clone(), held(frame))).or_default();
                    ways.entry(value == LOCKED).or_insert_with(|| replay(k));
                    if let (Some(locked), Some(shown)) = (ways.get(&true), ways.get(&false)) {
                        panic!(
                            "{}: {label} is shown locked ({locked}) and read ({shown}) with the \
                             same locks held ({:?})",
                            level.id,
                            held(frame)
                        );
                    }
                }
            }
        }
    }
}

/// ch15's count of free permits, as its state shows it, says what is true in words: when the
/// woken job goes in with no permit to take, the count has gone below 0 and wrapped round, and
/// the state says that three jobs hold the semaphore's two permits (it said "-1", the wrapped
/// count read as a signed number). Every frame of the kept win: a count or those words.
#[test]
fn ch15s_count_of_free_permits_says_when_a_third_job_got_in() {
    let table = play::levels::table();
    let moves = table
        .iter()
        .find(|l| l.id == "ch15")
        .and_then(|l| l.kept.clone());
    let ch15 = levels().iter().find(|l| l.id == "ch15").unwrap();
    let (frames, end) = engine::play(ch15, &moves.expect("ch15 keeps its winning schedule"));
    assert!(matches!(end, End::Won(_)), "{end:?}");
    let free: Vec<String> = frames
        .iter()
        .filter_map(|f| f.state.iter().find(|(label, _)| label == "free permits"))
        .map(|(_, value)| value.clone())
        .collect();
    assert_eq!(free.len(), frames.len(), "every frame shows the count");
    let third = "none: 3 jobs hold its 2 permits (the count went below 0 and wrapped round)";
    assert!(free.iter().any(|v| v == third), "{free:?}");
    for v in &free {
        assert!(
            v == third || v == "(locked: cannot look)" || v.parse::<usize>().is_ok_and(|n| n <= 2),
            "free permits: {v}"
        );
    }
}
