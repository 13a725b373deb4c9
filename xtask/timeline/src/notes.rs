//! Under the text drawing: the legend of what it shows, and the notes that say in words what
//! characters cannot (a deadlock's cycle, the threads left behind, the brief locks counted, who
//! woke whom).

use crate::marks::{HANG, LEFT, WOKE_ABOVE, WOKE_BELOW};
use crate::model::{Kind, Micros, Timeline, Unit};
use crate::palette::{Ink, Palette};
use crate::states::{CROWD, State};

/// The most wakes a note names one by one.
const WAKES_NAMED: usize = 6;

/// The legend: only what the picture shows (the states `seen`), its items side by side in
/// `width` columns.
pub fn legend(
    t: &Timeline,
    seen: &[bool; State::ALL.len()],
    width: usize,
    palette: &Palette,
) -> Vec<String> {
    // Each item as its visible text and as drawn: the wrap goes by the visible text.
    let mut items: Vec<(String, String)> = State::ALL[1..]
        .iter()
        .filter(|&&s| seen[s as usize])
        .map(|&s| {
            let mark = s.char().to_string();
            let words = s.meaning_in(t.unit);
            (
                format!("{mark} {words}"),
                format!("{} {words}", palette.paint(s.ink(), &mark)),
            )
        })
        .collect();
    if !t.wakes.is_empty() {
        let (below, above) = (WOKE_BELOW.to_string(), WOKE_ABOVE.to_string());
        items.push((
            format!("{below} woke a waiting thread below it ({above} above it)"),
            format!(
                "{} woke a waiting thread below it ({} above it)",
                palette.paint(Some(Ink::Wake), &below),
                palette.paint(Some(Ink::Wake), &above)
            ),
        ));
    }
    if !t.left_behind().is_empty() || !t.complete {
        let item = format!("{LEFT} still there at the end");
        items.push((item.clone(), item));
    }
    let mut out = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for (text, drawn) in items {
        let visible = textfit::width(&text);
        if len > 0 && len + 3 + visible > width {
            out.push(std::mem::take(&mut line));
            len = 0;
        }
        if visible > width {
            // Only on a very narrow terminal; then without colour.
            out.extend(textfit::hang(&text, width, "", HANG));
            continue;
        }
        if len > 0 {
            line += "   ";
            len += 3;
        }
        line += &drawn;
        len += visible;
    }
    if len > 0 {
        out.push(line);
    }
    out
}

/// What the picture of `t` (its lanes called `labels`) cannot say in characters, a sentence
/// each, to be wrapped.
pub fn notes(t: &Timeline, labels: &[String]) -> Vec<String> {
    let mut notes = Vec::new();
    for cycle in t.cycles() {
        let since = cycle.iter().map(|l| l.since).max().unwrap_or(0);
        let links: Vec<String> = cycle
            .iter()
            .map(|l| {
                format!(
                    "{} holds {} and waits for {}",
                    labels[l.lane],
                    t.lock_name(l.holds),
                    t.lock_name(l.waits_for)
                )
            })
            .collect();
        let when = match t.unit {
            Unit::Moves => format!("after move {since}"),
            Unit::Lesson => format!("from {:.2} s", since as f64 / 1e6),
        };
        notes.push(format!("X deadlock {when}: {}.", links.join("; ")));
    }
    notes.extend(names(t, labels));
    notes.extend(left_behind(t, labels));
    notes.extend(brief_locks(t, labels));
    if !t.wakes.is_empty() {
        notes.push(wake_note(t, labels));
    }
    if !t.complete {
        notes.push(
            "The chapter did not get to the end of main: the picture stops at its last log line."
                .into(),
        );
    }
    notes
}

/// What a lane's name made of its lines' speakers means, where it is not one speaker's name:
/// `Thread 0,2` is one thread whose lines spoke as Thread 0, then as Thread 2 (a pool's worker
/// given one job after another), and `Thread 1 (2)` another thread whose lines also spoke as
/// Thread 1.
fn names(t: &Timeline, labels: &[String]) -> Vec<String> {
    let mut notes = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let named = t.lanes[i].thread_name.is_some();
        let speakers = t.speakers(i);
        if !named && speakers.len() > 1 {
            notes.push(format!(
                "{label} is one thread whose lines spoke as {}: it ran their work one after \
                 the other.",
                speakers.join(", then as ")
            ));
        }
        let base = t.base_label(i);
        if label != &base && (0..i).any(|j| t.base_label(j) == base) {
            let how = match named {
                true => "named",
                false => "whose lines also spoke as",
            };
            notes.push(format!("{label} is another thread {how} {base}."));
        }
    }
    notes
}

/// The threads still there at the end: a game's, with what each still waited for.
fn left_behind(t: &Timeline, labels: &[String]) -> Option<String> {
    let left = t.left_behind();
    if left.is_empty() {
        return None;
    }
    if t.unit == Unit::Lesson {
        let names: Vec<&str> = left.iter().map(|&i| labels[i].as_str()).collect();
        return Some(format!(
            "{LEFT} left behind when the recording stopped: {}.",
            names.join(", ")
        ));
    }
    // A game stops at its goal: who had not finished then, and what each still waited for.
    let names: Vec<String> = left
        .iter()
        .map(|&i| {
            let open = t.lanes[i].spans.iter().find_map(|s| match s.kind {
                Kind::Wait { on, timed_out } if s.to.is_none() => Some((on, timed_out)),
                _ => None,
            });
            match open {
                Some((on, timed_out)) => {
                    format!("{} ({})", labels[i], t.wait_title(on, timed_out, t.end))
                }
                None => labels[i].clone(),
            }
        })
        .collect();
    Some(format!(
        "{LEFT} not finished when the game stopped: {}.",
        names.join(", ")
    ))
}

/// Brief locks, one note for all the lanes that took a crowd of them.
fn brief_locks(t: &Timeline, labels: &[String]) -> Option<String> {
    let (mut counts, mut waited) = (Vec::new(), 0);
    for (i, lane) in t.lanes.iter().enumerate() {
        let (mut count, mut lane_waited) = (0, 0);
        for s in &lane.spans {
            if let Kind::Brief {
                count: c,
                waited: w,
            } = s.kind
            {
                count += c;
                lane_waited += w;
            }
        }
        if count >= CROWD {
            counts.push(format!("{} {count}", labels[i]));
            waited += lane_waited;
        }
    }
    if counts.is_empty() {
        return None;
    }
    // The waits of a millisecond or more are drawn (`?`), with no `#` anywhere beside them
    // when every holder was brief: counted here too, so that the note and the picture add up
    // to the same waiting.
    let long: Micros = t
        .waits_on_brief_holders()
        .iter()
        .map(|&(_, from, to)| to - from)
        .sum();
    let mut note = format!(
        "Locks held under 1 ms, counted, not drawn: {}; {} ms of waiting in those takings",
        counts.join(", "),
        waited / 1000
    );
    if long >= 1000 {
        note += &format!(
            ", and {} ms in waits of 1 ms or more (the ? with nobody drawn holding the \
             lock): others took it briefly, many times, before the waiter got it and a core.",
            long / 1000
        );
    } else {
        note += ".";
    }
    Some(note)
}

/// Who woke whom, in time order: `Job 0 woke Job 1 at 1.00 s (condvar 1)`.
fn wake_note(t: &Timeline, labels: &[String]) -> String {
    let mut wakes = t.wakes.clone();
    wakes.sort_by_key(|w| (w.at, w.by, w.woke));
    let mut named: Vec<String> = wakes
        .iter()
        .take(WAKES_NAMED)
        .map(|w| {
            // A no-break space: the wrap keeps the moment and its unit together.
            let when = match t.unit {
                Unit::Lesson => format!("at {:.2}\u{a0}s", w.at as f64 / 1e6),
                Unit::Moves => format!("in move\u{a0}{}", w.at + 1),
            };
            format!(
                "{} woke {} {when} ({})",
                labels[w.by],
                labels[w.woke],
                t.cause(w.on)
            )
        })
        .collect();
    if wakes.len() > WAKES_NAMED {
        named.push(format!("and {} more", wakes.len() - WAKES_NAMED));
    }
    format!("{WOKE_BELOW}{WOKE_ABOVE} {}.", named.join("; "))
}
