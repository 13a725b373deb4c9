//! The play engine's command line, for `cargo xtask play` (which draws what this prints: one
//! answer of `playproto`'s, as JSON; see `wire.rs`). Not for students to run by hand:
//! `cargo xtask play chNN` is.
//!
//! ```text
//! play levels
//! play game <level> [--last] <move>...     the moves are lane numbers, from 1
//! play check <level>                       the level's own search (`levels::plan`)
//! play count <level> [<cap> [<k>]]        the same set (or the one given), each schedule
//!                                          run to its end and counted by how it ended
//! play explore <level> <cap> [<k>]         every schedule (with at most <k> preemptions),
//!                                          depth first, at most <cap> of them
//! play random <level> <seed> <count>
//! play export <level> <positions>          the level's game on the schedules of its search,
//!                                          for the book (at most <positions>, else refused)
//! ```
#![forbid(unsafe_code)]

#[cfg(not(shuttle))]
fn main() {
    eprintln!("the play engine is built by `cargo xtask play` (with --cfg shuttle); run that");
    std::process::exit(2);
}

#[cfg(shuttle)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let table = play::levels::table();
    let words = |id: &str| table.iter().find(|l| l.id == id).cloned();
    let answer = play::wire::answer(play::levels::levels(), &play::levels::plan, &args, &words);
    println!("{}", playproto::to_json(&answer));
    if let playproto::Answer::Refused { code, words } = answer {
        eprintln!("{words}");
        std::process::exit(code);
    }
}
