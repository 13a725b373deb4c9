//! What the play engine's searches found, in words: the lines under a game's end, a fixed
//! level's verdict in the book, what `prove`'s searches covered and the schedules that broke a
//! claim, what an exercise's model covered, and how often a level's bug shows. The engine chooses
//! the search (`play/src/levels/mod.rs`, `plan`) and says what it covered; these words say no
//! more than that: "none breaks it" only of the schedules it ran, all of its stated set.

use std::path::Path;

use course::engine::ModelCheck;
use playproto::{End, Found, Game, How, Level, Search, Tally};

use crate::ui::game::schedule_with;

/// The lines that say what `s`, the search of fixed level `level`, found, at `width` (the
/// schedule it found, if any, is drawn after them by the caller), and the level's note.
pub fn lines(level: &Level, s: &Search, width: usize) -> Vec<String> {
    paragraphs(level, s)
        .iter()
        .flat_map(|p| textfit::wrap_line(p, width))
        .collect()
}

/// What `s` found, as [`lines`] says it, a paragraph each: the terminal wraps them, the book
/// shows them as they are.
pub fn paragraphs(level: &Level, s: &Search) -> Vec<String> {
    let claim = level.fixed.clone().unwrap_or_default();
    let mut out = Vec::new();
    let said = match s.found() {
        None if s.how == How::Random => format!(
            "The model ran {} random schedules: none reaches the goal. That is a sample: it \
             shows nothing about the schedules it did not run.",
            count(s.executions)
        ),
        None if s.complete => format!(
            "{} none reaches the goal. {}",
            covered(s),
            on_those(s, &claim)
        ),
        None => format!(
            "The claim is not shown: the model stopped after {} schedules, before it had run \
             every schedule {}, and it shows nothing about the others.",
            count(s.executions),
            set(s)
        ),
        Some((_, found)) => match found {
            Found::Won(words) => {
                format!("The model found a schedule that reaches the goal: {words}")
            }
            Found::Failed(words) => format!(
                "The claim is broken: on a schedule the model found, {words}. A fix must not \
                 fail on any schedule."
            ),
            Found::Cut => format!(
                "The claim is not shown: on a schedule the model found, {}.",
                playproto::CUT
            ),
        },
    };
    out.push(said);
    if let Some(note) = &level.note {
        out.push(format!("Note: {note}"));
    }
    out
}

/// What a search that held covered: "every schedule of these threads, 546 of them", or with
/// its bound of preemptions (and what a preemption is).
pub fn schedules_covered(preemptions: Option<usize>, schedules: usize) -> String {
    let s = Search {
        how: How::Dfs { preemptions },
        executions: schedules,
        complete: true,
        won: None,
        failed: None,
        cut: None,
    };
    format!("every schedule {}, {} of them", set(&s), count(schedules))
}

/// What a search covered, in short: "every schedule: 546", "every schedule with at most 3
/// preemptions: 32,686" (where a preemption is said once, beside a list of them: [`PREEMPTION`]).
pub fn covered_short(preemptions: Option<usize>, schedules: usize) -> String {
    match preemptions {
        None => format!("every schedule: {}", count(schedules)),
        Some(k) => format!(
            "every schedule with at most {k} preemption{}: {}",
            if k == 1 { "" } else { "s" },
            count(schedules)
        ),
    }
}

/// What a complete search ran: "The model ran every schedule ..., N of them:".
fn covered(s: &Search) -> String {
    format!(
        "The model ran {}:",
        schedules_covered(s.preemptions(), s.executions)
    )
}

/// What a preemption is, said beside a bound of them: switching away from a thread that could
/// go on, or letting a thread that has just given way go on (`yield_now` is a hint to the OS,
/// which may run the same thread again at once).
pub const PREEMPTION: &str = "a preemption: the model switches away from a thread that could go \
                              on, or lets a thread that has just given way with `yield_now` go \
                              on while another could run";

/// The schedules a depth-first search set out to run, in words.
fn set(s: &Search) -> String {
    set_of(s.preemptions())
}

/// The schedules of these threads within `bound` preemptions (every one with none), in words.
fn set_of(bound: Option<usize>) -> String {
    match bound {
        None => "of these threads".into(),
        Some(k) => format!(
            "of these threads with at most {k} {} ({PREEMPTION})",
            if k == 1 { "preemption" } else { "preemptions" }
        ),
    }
}

/// How often the bug shows, in words: of the ways to play the level that its search counted
/// (each schedule of its set, which a game stops at the goal), how many reach the goal, fail
/// (a panic, a deadlock the level does not expect), are cut at the move limit, or end without
/// it. A level this runtime cannot break has no figure: its note says why.
pub fn often(level: &Level, t: &Tally) -> String {
    if level.unbreakable_here() {
        return format!(
            "How often the bug shows: no figure here, since this runtime cannot show this bug \
             on any schedule. {}",
            level.note.clone().unwrap_or_default()
        );
    }
    let ways = t.schedules();
    let mut parts = vec![format!(
        "{} {}",
        count(t.won as usize),
        if t.won == 1 {
            "reaches the goal"
        } else {
            "reach the goal"
        }
    )];
    if t.failed > 0 {
        parts.push(format!(
            "{} {} (a thread panics, or the threads deadlock where the level does not expect it)",
            count(t.failed as usize),
            if t.failed == 1 { "fails" } else { "fail" }
        ));
    }
    if t.cut > 0 {
        parts.push(format!(
            "{} {} cut at 100 moves (a thread spins)",
            count(t.cut as usize),
            if t.cut == 1 { "is" } else { "are" }
        ));
    }
    if t.ended > 0 {
        parts.push(format!(
            "{} {} without it",
            count(t.ended as usize),
            if t.ended == 1 { "ends" } else { "end" }
        ));
    }
    let last = parts.pop().unwrap_or_default();
    let listed = match parts.is_empty() {
        true => last,
        false => format!("{} and {last}", parts.join(", ")),
    };
    let ways = format!(
        "{} {} to play it",
        count(ways as usize),
        if ways == 1 { "way" } else { "ways" }
    );
    let (within, set) = match t.preemptions {
        None => (String::new(), "every schedule of these threads".to_string()),
        Some(k) => (
            format!(
                " with at most {k} {}",
                if k == 1 { "preemption" } else { "preemptions" }
            ),
            PREEMPTION.to_string(),
        ),
    };
    let of = match t.complete {
        true => format!("of the {ways}{within} ({set}; a game stops at the goal)"),
        false => format!(
            "of the first {ways}{within} that the model counted before it stopped, short of \
             the end ({set}; a game stops at the goal)"
        ),
    };
    format!("How often the bug shows: {of}, {listed}.")
}

/// The claim, said of what was run.
fn on_those(s: &Search, claim: &str) -> String {
    match s.preemptions() {
        None => format!("{}.", capital(claim)),
        Some(_) => format!(
            "Schedules with more preemptions were not run, so the claim ({claim}) is shown for \
             these only."
        ),
    }
}

/// What a fixed level's model found, at `width`: what its search covered and found, then the
/// schedule that breaks the claim, with the command that plays it again, drawn.
pub fn model_lines(level: &Level, check: &ModelCheck, width: usize) -> Vec<String> {
    let mut lines = self::lines(level, &check.search, width);
    if let Some(found) = &check.found {
        let play = match &found.kept {
            Some(file) => format!("Play it: cargo xtask play --replay {}", file.display()),
            None => format!(
                "Play it: cargo xtask play {} --moves \"{}\"",
                level.id,
                course::play::moves_text(&found.moves)
            ),
        };
        lines.extend(textfit::wrap_line(&play, width));
        lines.extend(schedule_with(&found.game, &found.moves, true, width));
    }
    lines
}

/// A schedule kept by `prove` that breaks fixed level `level`'s claim, played as `game`: what
/// happened, the command that plays it again (`file`, from the course's root), and the schedule
/// drawn, at `width`.
pub fn counterexample(
    level: &Level,
    game: &Game,
    moves: &[usize],
    file: &Path,
    width: usize,
) -> Vec<String> {
    let claim = level.fixed.clone().unwrap_or_default();
    // A win says it in the goal's words; a panic, a deadlock or a spin in the engine's.
    let what = match &game.end {
        End::Won(words) => words.clone(),
        other => format!("On it, {}.", end_words(other)),
    };
    let mut out = textfit::wrap_line(
        &format!(
            "{} ({}): this schedule breaks the claim that {claim}. {what}",
            level.id, level.title
        ),
        width,
    );
    // Wrapped, not cut: the command must be whole to be copied.
    out.extend(textfit::wrap_line(
        &format!("Play it: cargo xtask play --replay {}", file.display()),
        width,
    ));
    out.extend(schedule_with(game, moves, true, width));
    out
}

/// What a fixed level's search in the play step of prove covered, a line: "ch15-while: every
/// schedule with at most 3 preemptions: 32,686, none breaks it (1.45 s)".
pub fn searched(s: &course::play::Searched) -> String {
    format!(
        "{}: {}, none breaks it ({:.2} s)",
        s.level,
        covered_short(s.search.preemptions(), s.search.executions),
        s.millis as f64 / 1000.0
    )
}

/// What a run of the chapter shows beside the game's count `t`: one schedule, the machine's
/// pick. Where some schedules reach the goal and others do not, which one a run gets decides it
/// (and the counts are of schedules, not odds). Where none of those counted does, a run whose
/// schedule is one of them cannot show the bug, and the words say which schedules those are: a
/// machine may preempt more often than a bound, or take one the model did not reach. And where
/// the level names it (`run` in the table), the line of the chapter's expected log that gives
/// the run's own figure.
pub fn real_run(root: &Path, level: &Level, t: &Tally) -> String {
    let mut out = "A run of the chapter is one schedule, and the machine picks it".to_string();
    if level.unbreakable_here() {
        out += ".";
    } else if t.won == 0 && t.failed == 0 && t.cut == 0 {
        out += ". Here none of the schedules counted reaches the goal: a run whose schedule is \
                one of them cannot show the bug.";
        if let Some(k) = t.preemptions {
            out += &format!(
                " The model counted only schedules with at most {k} {}; a machine may preempt \
                 a thread more often.",
                if k == 1 { "preemption" } else { "preemptions" }
            );
        }
        if !t.complete {
            out += " The model stopped before it had counted them all.";
        }
    } else {
        out += ": whether the bug shows depends on which one. The counts are of schedules, not \
                odds: a machine does not pick them all equally often.";
    }
    if let Some(line) = course::levels::run_line(root, level) {
        out += &format!(" The chapter's own run prints `{line}`");
        out += match line.contains("[..]") {
            true => " (its expected log; `[..]` is what varies from run to run).",
            false => " (its expected log).",
        };
    }
    out
}

/// How a game ended, in words.
pub fn end_words(end: &End) -> &str {
    match end {
        End::Won(w) | End::Ended(w) | End::Failed(w) | End::Bad(w) => w,
        End::OutOfMoves => "the moves ran out before the goal",
    }
}

/// `s` with a capital first letter.
pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `32686` as `32,686`.
fn count(n: impl ToString) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, d) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level() -> Level {
        Level {
            id: "ch15-while".into(),
            fixed: Some("no schedule lets a third job in".into()),
            ..Level::default()
        }
    }

    fn search(preemptions: Option<usize>, complete: bool, found: Option<Found>) -> Search {
        let moves = vec![1, 2, 1];
        let (mut won, mut failed, mut cut) = (None, None, None);
        match found {
            Some(Found::Won(w)) => won = Some((moves, w)),
            Some(Found::Failed(w)) => failed = Some((moves, w)),
            Some(Found::Cut) => cut = Some(moves),
            None => {}
        }
        Search {
            how: How::Dfs { preemptions },
            executions: 32686,
            complete,
            won,
            failed,
            cut,
        }
    }

    fn said(s: &Search) -> String {
        lines(&level(), s, 1000).join("\n")
    }

    #[test]
    fn a_search_that_ran_its_whole_set_says_which_set() {
        assert_eq!(
            said(&search(None, true, None)),
            "The model ran every schedule of these threads, 32,686 of them: none reaches the \
             goal. No schedule lets a third job in."
        );
        let bounded = said(&search(Some(3), true, None));
        assert!(
            bounded.starts_with(
                "The model ran every schedule of these threads with at most 3 preemptions (a \
                 preemption: the model switches away from a thread that could go on, or lets a \
                 thread that has just given way with `yield_now` go on while another could \
                 run), 32,686 of them: none reaches the goal. Schedules with more preemptions \
                 were not run, so the claim (no schedule lets a third job in) is shown for these \
                 only."
            ),
            "{bounded}"
        );
    }

    #[test]
    fn a_panic_a_cut_or_a_cap_never_reads_as_a_pass() {
        let failed = Found::Failed("a thread panicked: attempt to subtract with overflow".into());
        let text = said(&search(Some(3), false, Some(failed)));
        assert!(
            text.starts_with(
                "The claim is broken: on a schedule the model found, a thread panicked: attempt \
                 to subtract with overflow."
            ),
            "{text}"
        );
        let cut = Found::Cut;
        assert!(said(&search(None, false, Some(cut))).starts_with("The claim is not shown"));
        let capped = said(&search(None, false, None));
        assert!(capped.starts_with("The claim is not shown: the model stopped after 32,686"));
        let mut sample = search(None, false, None);
        sample.how = How::Random;
        let sample = said(&sample);
        assert!(sample.contains("That is a sample"), "{sample}");
        assert!(!sample.contains("every schedule"), "{sample}");
        for text in [text, capped] {
            assert!(!text.contains("none reaches the goal"), "{text}");
        }
    }

    /// How often counts every way a game ends, on the set the search ran, and says the set; a
    /// panic or a deadlock is counted, never dropped; a level this runtime cannot break has its
    /// note, not a figure.
    /// Beside the counts: where schedules differ, a run's pick decides (and counts are not
    /// odds); where none reaches the goal, the code rules the bug out, which a fixed level's
    /// end said as "a property of the schedules, not of the code alone"; a level the runtime
    /// cannot break gets neither.
    #[test]
    fn what_a_real_run_is_follows_the_counts() {
        let tally = |preemptions, won, failed, ended, complete| Tally {
            preemptions,
            won,
            failed,
            cut: 0,
            ended,
            complete,
        };
        let nowhere = Path::new("/nonexistent-course");
        let breakable = Level {
            kept: Some(vec![1]),
            ..Level::default()
        };
        let some = real_run(nowhere, &breakable, &tally(None, 12, 0, 8, true));
        assert!(
            some.contains("depends on which one") && some.contains("not odds"),
            "{some}"
        );
        let none = real_run(nowhere, &level(), &tally(None, 0, 0, 12, true));
        assert!(
            none.contains("a run whose schedule is one of them cannot show the bug"),
            "{none}"
        );
        assert!(
            !none.contains("depends on which") && !none.contains("preempt"),
            "{none}"
        );
        let bounded = real_run(nowhere, &level(), &tally(Some(3), 0, 0, 900, true));
        assert!(
            bounded.contains("at most 3 preemptions; a machine may preempt a thread more often"),
            "{bounded}"
        );
        let stopped = real_run(nowhere, &level(), &tally(None, 0, 0, 900, false));
        assert!(
            stopped.contains("stopped before it had counted them all"),
            "{stopped}"
        );
        let broken_fix = real_run(nowhere, &level(), &tally(None, 0, 3, 9, true));
        assert!(broken_fix.contains("depends on which one"), "{broken_fix}");
        let stale = real_run(nowhere, &Level::default(), &tally(Some(6), 0, 0, 12, true));
        assert!(
            !stale.contains("cannot show the bug") && !stale.contains("depends on"),
            "{stale}"
        );
    }

    #[test]
    fn how_often_counts_every_end_and_names_the_set() {
        let tally = |preemptions, won, failed, cut, ended| Tally {
            preemptions,
            won,
            failed,
            cut,
            ended,
            complete: true,
        };
        let breakable = Level {
            kept: Some(vec![1]),
            ..Level::default()
        };
        assert_eq!(
            often(&breakable, &tally(None, 12, 0, 0, 8)),
            "How often the bug shows: of the 20 ways to play it (every schedule of these \
             threads; a game stops at the goal), 12 reach the goal and 8 end without it."
        );
        let with_failures = often(&breakable, &tally(Some(2), 420, 264, 0, 3000));
        assert!(
            with_failures.starts_with(
                "How often the bug shows: of the 3,684 ways to play it with at most 2 \
                 preemptions (a preemption: the model switches away"
            ) && with_failures.ends_with(
                "420 reach the goal, 264 fail (a thread panics, or the threads deadlock where \
                 the level does not expect it) and 3,000 end without it."
            ),
            "{with_failures}"
        );
        let fix = often(&level(), &tally(None, 0, 4, 1, 195));
        assert!(fix.contains("0 reach the goal, 4 fail"), "{fix}");
        assert!(fix.contains("1 is cut at 100 moves"), "{fix}");
        let unbreakable = Level {
            note: Some("shuttle runs every atomic as sequentially consistent.".into()),
            ..Level::default()
        };
        let said = often(&unbreakable, &tally(Some(6), 0, 0, 0, 301));
        assert!(
            !said.contains("301") && said.contains("sequentially consistent"),
            "{said}"
        );
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(7), "7");
        assert_eq!(count(546), "546");
        assert_eq!(count(2160), "2,160");
        assert_eq!(count(1_770_276), "1,770,276");
    }
}
