//! Claims of order under schedule noise, against a chapter broken on purpose
//! (`xtask/fixtures/fx_sleep_for_join`: a sleep where the joins were). Its log has the lesson's
//! whole seconds, so only its claim of order can catch it, and the noisy runs must, every time.

use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> (bool, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--course-dir")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
        .args(["--no-build", "--color", "never"])
        .args(args)
        .output()
        .expect("the runner starts");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.success(), text)
}

#[test]
fn a_sleep_in_place_of_a_join_fails_its_claim_of_order_every_time() {
    let (ok, text) = run(&["run", "fx_sleep_for_join", "--speed", "4", "--repeat", "3"]);
    assert!(!ok, "{text}");
    assert!(text.contains("0/3 passed"), "{text}");
    assert!(
        text.contains("it waited for a time, not for the threads"),
        "the claim's own words: {text}"
    );
}

#[test]
fn a_failure_under_noise_names_its_seed_and_the_seed_replays_it() {
    let (ok, text) = run(&["run", "fx_sleep_for_join", "--speed", "4", "--seed", "7"]);
    assert!(!ok, "{text}");
    // The plain run may already show it (the order of two lines of one instant); if it is a
    // noisy run, the failure says which, and how to see it again.
    if text.contains("under schedule noise") {
        assert!(text.contains("seed 7, run "), "{text}");
        assert!(
            text.contains("cargo xtask run fx_sleep_for_join --seed 7"),
            "{text}"
        );
    }
}

#[test]
fn a_seed_that_is_not_a_number_is_refused_in_one_line() {
    let (ok, text) = run(&["run", "fx_pass", "--seed", "x"]);
    assert!(!ok);
    assert!(text.contains("--seed takes a whole number"), "{text}");
}
