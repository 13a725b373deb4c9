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

/// `run-all` said "its order under noise" with no word of what that was: a chapter whose
/// claims of order held says "its order held", and the run says once, after the lines, what
/// that means.
#[test]
fn a_chapter_whose_order_held_says_what_that_means() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let course = std::env::temp_dir().join(format!("xtask-order-{}", std::process::id()));
    let chapter = course.join("fx_pass");
    std::fs::create_dir_all(&chapter).unwrap();
    for f in ["main.rs", "expected.log"] {
        std::fs::copy(fixtures.join("fx_pass").join(f), chapter.join(f)).unwrap();
    }
    // The order its join makes certain.
    std::fs::write(
        chapter.join("expected.order"),
        "`Thread 0: finishing` before `Main    : value is [..]`: main went on before the thread\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--course-dir")
        .arg(&course)
        .args(["--no-build", "--color", "never", "run-all", "--speed", "4"])
        .env("COLUMNS", "80")
        .output()
        .expect("the runner starts");
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let _ = std::fs::remove_dir_all(&course);
    assert!(o.status.success(), "{text}");
    assert!(
        text.contains("the lesson showed, and its order held\n"),
        "{text}"
    );
    assert!(!text.contains("under noise"), "{text}");
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains(
            "\"its order held\": the lines its expected.order puts in order (a thread's last \
             line before the join that waits for it, say) came in that order in its run and in 4 \
             more runs beside it, each holding one thread back at its first sleep by 0.1 to 0.2 \
             lesson seconds (seconds of the lesson's clock, which its log's times count: at the \
             default speed each is a real second)."
        ),
        "{text}"
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
}
