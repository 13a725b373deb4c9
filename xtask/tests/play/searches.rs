//! What a level's search says at a game's end, played as a student plays it with no terminal:
//! its set named exactly (a bound of preemptions, and what a preemption is), how often the bug
//! shows on it (failures counted beside wins), a level this runtime cannot break said so, and
//! moves given past a game's end said.

use super::{err, out, play};

/// A fix whose search keeps to a bound of preemptions says so, and what a preemption is (a yield
/// gone on from is one); so does a fix whose thread spins with `yield_now` (chapter 11's flag
/// lock), whose schedules have no end without a bound; a game that ends with both threads inside
/// the load-then-store flag lock is won. How often the bug shows is counted on the same set, with
/// the failures beside the wins. No line over 80 columns.
#[test]
#[ignore = "builds the play runtime (shuttle): run by .ci/run with --ignored"]
fn a_bounded_search_says_its_bound_and_a_spin_lock_is_searched_within_one() {
    let preemption = "(a preemption: the model switches away from a thread that could go on, or \
                      lets a thread that has just given way with `yield_now` go on while another \
                      could run)";
    for (id, moves, code, says) in [
        (
            "ch15-while",
            "1 1 1 1 1 1 1 1 1 1 1 1 2 2 2 2 2 2 3 3 3 3 3 3 1 2 3",
            1,
            format!(
                "The model ran every schedule of these threads with at most 3 preemptions \
                 {preemption}, 32,686 of them: none reaches the goal. Schedules with more \
                 preemptions were not run"
            ),
        ),
        (
            "ch15-while",
            "1 1 1 1 1 1 1 1 1 1 1 1 2 2 2 2 2 2 3 3 3 3 3 3 1 2 3",
            1,
            format!(
                "How often the bug shows: of the 32,686 ways to play it with at most 3 \
                 preemptions {} a game stops at the goal), 0 reach the goal and 32,686 end \
                 without it.",
                preemption.replace(')', ";")
            ),
        ),
        (
            "ch11-flag-exchange",
            "1 1 1 1 1 1 1 2 2 2 2 2 2 2",
            1,
            format!(
                "The model ran every schedule of these threads with at most 8 preemptions \
                 {preemption}, 28,156 of them: none reaches the goal."
            ),
        ),
        (
            "ch11-flag",
            "2 1 2 1 2 1",
            0,
            "Goal reached. Both threads are inside".to_string(),
        ),
        (
            "ch16-parties-2",
            "1 1 1 2 2 2 2 1 1",
            0,
            "420 reach the goal, 264 fail (a thread panics, or the threads deadlock where the \
             level does not expect it) and 3,000 end without it."
                .to_string(),
        ),
        (
            "ch11-stale",
            "1 1 1 2 2 2",
            1,
            "How often the bug shows: no figure here, since this runtime cannot show this bug \
             on any schedule."
                .to_string(),
        ),
        (
            "ch06",
            "1 1 1 2 2 2 1 1",
            1,
            "The game ended after move 6; the moves after it (1 1) were not played.".to_string(),
        ),
    ] {
        let o = play(&[id, "--moves", moves], None);
        assert_eq!(o.status.code(), Some(code), "{id}: {}{}", out(&o), err(&o));
        let text = out(&o);
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.contains(&says), "{id}: {text}");
        for line in text.lines() {
            assert!(
                line.chars().count() <= 80,
                "{id}: over 80 columns: {line:?}"
            );
        }
    }
}
