//! What `cargo xtask prove` proves: the steps it runs, each a cargo command on the runtime that
//! builds the chapters for it (std, loom or the play runtime, shuttle).

use crate::build::Runtime;

/// Each step: what it proves, cargo's arguments, the runtime it builds the chapters on.
pub const STEPS: [(&str, &[&str], Runtime); 3] = [
    (
        "compile-fail lessons and doc tests: what Rust refuses, and the fixes it accepts",
        &["test", "--quiet", "--workspace", "--doc"],
        Runtime::Std,
    ),
    (
        // Every test target of `proofs`: a new `proofs/tests/loom_*.rs` (`#![cfg(loom)]`) is
        // proved with no change here.
        "loom models: the lessons on the schedules of their threads that loom explores",
        &["test", "--quiet", "--release", "-p", "proofs", "--tests"],
        Runtime::Loom,
    ),
    (
        // The play levels (play/tests/levels.rs, fixes.rs): each breakable one won by a kept
        // schedule; each fixed one's own search runs its set and breaks its broken twin.
        "play levels: the breakable won, each fix held by its search, its twin broken",
        &["test", "--quiet", "-p", "play", "--tests"],
        Runtime::Shuttle,
    ),
];
