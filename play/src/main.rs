//! The play engine's command line, for `cargo xtask play` (which draws what this prints; see
//! `wire.rs`). Not for students to run by hand: `cargo xtask play chNN` is.
//!
//! ```text
//! play levels
//! play game <level> [--last] <move>...     the moves are lane numbers, from 1
//! play explore <level> <cap>               every schedule, depth first, at most <cap>
//! play random <level> <seed> <count>
//! ```
#![forbid(unsafe_code)]

#[cfg(not(shuttle))]
fn main() {
    eprintln!("the play engine is built by `cargo xtask play` (with --cfg shuttle); run that");
    std::process::exit(2);
}

#[cfg(shuttle)]
fn main() {
    use play::{engine, wire};
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        eprintln!(
            "usage: play levels | game <level> [--last] <move>... | explore <level> <cap> | random <level> <seed> <count>"
        );
        std::process::exit(2)
    };
    let number = |s: &String| s.parse::<usize>().unwrap_or_else(|_| usage());
    let mut out = String::new();
    match args.first().map(String::as_str) {
        Some("levels") => {
            for l in play::levels::LEVELS {
                wire::level(&mut out, l);
            }
        }
        Some(cmd @ ("game" | "explore" | "random")) => {
            let Some(level) = args.get(1).and_then(|id| play::level(id)) else {
                eprintln!("no level {:?}", args.get(1));
                std::process::exit(3);
            };
            wire::level(&mut out, level);
            match cmd {
                "game" => {
                    let last = args.iter().any(|a| a == "--last");
                    let moves: Vec<usize> = args[2..]
                        .iter()
                        .filter(|a| *a != "--last")
                        .map(number)
                        .collect();
                    let (frames, end) = engine::play(level, &moves);
                    let shown = if last {
                        frames.len().saturating_sub(1)
                    } else {
                        0
                    };
                    for f in &frames[shown..] {
                        wire::frame(&mut out, f);
                    }
                    wire::end(&mut out, &end);
                }
                "explore" => {
                    let cap = args.get(2).map_or_else(|| usage(), number);
                    wire::search(&mut out, "dfs", &engine::explore(level, cap));
                }
                _ => {
                    let (Some(seed), Some(count)) = (args.get(2), args.get(3)) else {
                        usage()
                    };
                    let s = engine::random(level, number(seed) as u64, number(count));
                    wire::search(&mut out, "random", &s);
                }
            }
        }
        _ => usage(),
    }
    print!("{out}");
}
