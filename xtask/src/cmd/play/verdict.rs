//! What a fixed level's search found, in words: the lines under a game's end. The engine
//! chooses the search (`play/src/levels/mod.rs`, `plan`) and says what it covered; these words
//! say no more than that: "none breaks it" only of the schedules it ran, all of its stated set.

use playproto::{Found, How, Level, Search};

use crate::ui::screen;

/// The lines that say what `s`, the search of fixed level `level`, found, at `width` (the
/// schedule it found, if any, is drawn after them by the caller), and the level's note.
pub fn lines(level: &Level, s: &Search, width: usize) -> Vec<String> {
    paragraphs(level, s)
        .iter()
        .flat_map(|p| screen::wrap_line(p, width))
        .collect()
}

/// The bound of preemptions a depth-first search kept to (`None`: none, or a random search).
fn preemptions(s: &Search) -> Option<usize> {
    match s.how {
        How::Dfs { preemptions } => preemptions,
        How::Random => None,
    }
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
/// preemptions: 32,686" (where a preemption is said once, beside a list of them).
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
        schedules_covered(preemptions(s), s.executions)
    )
}

/// The schedules a depth-first search set out to run, in words.
fn set(s: &Search) -> String {
    match preemptions(s) {
        None => "of these threads".into(),
        Some(k) => format!(
            "of these threads with at most {k} {} (a preemption: the model switches away from a \
             thread that could go on)",
            if k == 1 { "preemption" } else { "preemptions" }
        ),
    }
}

/// The claim, said of what was run.
fn on_those(s: &Search, claim: &str) -> String {
    match preemptions(s) {
        None => format!("{}.", capital(claim)),
        Some(_) => format!(
            "Schedules with more preemptions were not run, so the claim ({claim}) is shown for \
             these only."
        ),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `32686` as `32,686`.
fn count(n: usize) -> String {
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
                 preemption: the model switches away from a thread that could go on), 32,686 of \
                 them: none reaches the goal. Schedules with more preemptions were not run, so \
                 the claim (no schedule lets a third job in) is shown for these only."
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

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(7), "7");
        assert_eq!(count(546), "546");
        assert_eq!(count(2160), "2,160");
        assert_eq!(count(1_770_276), "1,770,276");
    }
}
