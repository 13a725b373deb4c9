//! Nothing here: the benchmark is `benches/transfers.rs`, run by `cargo bench -p bench`.
#![forbid(unsafe_code)]
