//! The play engine's command line, for `cargo xtask play` (which draws what this prints; see
//! `wire.rs`). Not for students to run by hand: `cargo xtask play chNN` is.
//!
//! ```text
//! play levels
//! play game <level> [--last] <move>...     the moves are lane numbers, from 1
//! play check <level>                       the level's own search (`levels::plan`)
//! play explore <level> <cap> [<k>]         every schedule (with at most <k> preemptions),
//!                                          depth first, at most <cap> of them
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    match play::wire::answer(play::levels::LEVELS, &play::levels::plan, &args) {
        Ok(out) => print!("{out}"),
        Err(refused) => {
            eprintln!("{}", refused.words);
            std::process::exit(refused.code);
        }
    }
}
