//! A timeline drawn as text: one lane a thread, on a time axis as wide as the terminal.
//!
//! Every state has its own character, so the picture reads the same without colour (a pipe,
//! `NO_COLOR`); on a terminal the characters are coloured as well.

use super::model::{Kind, Micros, Timeline, Unit};
use super::states::{CROWD, State, segments};

const RESET: &str = "\x1b[0m";
/// The mark after the last cell of a thread still there when the recording stopped.
pub const LEFT: char = '>';

/// The state a cell of `cells` columns over `0..end` shows for one lane. A wait or a deadlock
/// shows however short it is (it is what the lessons are about); otherwise the cell shows what
/// the thread did for most of its time.
fn cells(segs: &[(Micros, Micros, State)], end: Micros, cells: usize) -> Vec<State> {
    let width = end.max(1) as f64 / cells as f64;
    (0..cells)
        .map(|c| {
            let (lo, hi) = (c as f64 * width, (c + 1) as f64 * width);
            let mut cover = [0.0f64; State::ALL.len()];
            let mut touched = [false; State::ALL.len()];
            for &(a, b, s) in segs {
                let (a, b) = (a as f64, b as f64);
                // A stretch of no length still touches the cell it falls in.
                if a < hi && (b > lo || (a == b && a >= lo)) {
                    cover[s as usize] += b.min(hi) - a.max(lo);
                    touched[s as usize] = true;
                }
            }
            if touched[State::Deadlocked as usize] {
                State::Deadlocked
            } else if touched[State::Waiting as usize] {
                State::Waiting
            } else {
                State::ALL
                    .into_iter()
                    .filter(|&s| touched[s as usize])
                    .max_by(|&a, &b| cover[a as usize].total_cmp(&cover[b as usize]))
                    .unwrap_or(State::Absent)
            }
        })
        .collect()
}

/// Seconds as the axis and the notes print them: `2s`, `0.5s`, `50ms`.
pub fn secs(t: Micros, step: Micros) -> String {
    if t.is_multiple_of(1_000_000) {
        format!("{}s", t / 1_000_000)
    } else if step >= 100_000 {
        format!("{:.1}s", t as f64 / 1e6)
    } else {
        format!("{}ms", t / 1000)
    }
}

/// The ticks of an axis of moves over `0..end` in `plot` columns: `(column, label)`, the label a
/// move's number over the first column of the move (every move, or every 2nd, 5th, 10th...
/// where they are narrow), and `end` over the last, where the game stopped.
fn move_ticks(end: Micros, plot: usize) -> Vec<(usize, String)> {
    let per_move = plot as f64 / end as f64;
    let col = |k: Micros| ((k as f64 * per_move) as usize).min(plot - 1);
    let every = [1, 2, 5]
        .into_iter()
        .cycle()
        .zip((0..).map(|e| 10u64.pow(e / 3)))
        .map(|(m, unit)| m * unit)
        .find(|&every| every as f64 * per_move >= (end - 1).to_string().len() as f64 + 1.0)
        .unwrap_or(end);
    let last = col(end - 1);
    let mut ticks: Vec<(usize, String)> = (0..end.saturating_sub(1))
        .filter(|&k| k == 0 || (k + 1) % every == 0)
        .map(|k| (col(k), (k + 1).to_string()))
        // `end` keeps its room: a number just before it gives way.
        .filter(|(c, name)| c + name.len() < last)
        .collect();
    ticks.push((last, "end".into()));
    ticks
}

/// A step between ticks of the axis (1, 2 or 5 of a power of ten, in microseconds) that leaves
/// at least `room` columns between two ticks.
pub fn tick_step(end: Micros, columns: usize, room: usize) -> Micros {
    let per_column = end.max(1) as f64 / columns.max(1) as f64;
    let mut unit = 1_000;
    loop {
        for m in [1, 2, 5] {
            let step = unit * m;
            if step as f64 / per_column >= room as f64 {
                return step;
            }
        }
        unit *= 10;
    }
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color && !code.is_empty() {
        format!("{code}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// Fit `text` in `width` columns, cutting with `.` at the end.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        format!("{text:<width$}")
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}.")
    }
}

/// Words wrapped at `width`, the lines after the first indented by `indent`.
fn wrap(text: &str, width: usize, indent: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("never empty");
        let len = line.chars().count();
        if len > indent && len + 1 + word.chars().count() > width {
            lines.push(format!("{}{word}", " ".repeat(indent)));
        } else {
            if len > 0 {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// The narrowest picture drawn; a narrower terminal gets this width.
pub const MIN_WIDTH: usize = 32;

/// Draw `t` in `width` columns (at least [`MIN_WIDTH`]), under the title `title`.
pub fn render(t: &Timeline, title: &str, width: usize, color: bool) -> Vec<String> {
    let width = width.max(MIN_WIDTH);
    let labels: Vec<String> = (0..t.lanes.len()).map(|i| t.label(i)).collect();
    let label_w = labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, (width / 4).max(6));
    // The label, a space, the cells, the mark of a thread left behind.
    let mut plot = width - label_w - 2;
    let end = t.end.max(1);
    let moves = t.unit == Unit::Moves;
    if moves && end as usize <= plot {
        // A whole number of columns a move, as many as the schedule's table gives one (3).
        plot = end as usize * (plot / end as usize).min(3);
    }
    let mut out = Vec::new();

    let s = if t.lanes.len() == 1 { "" } else { "s" };
    let head = if moves {
        // The last column is where the game stopped, after the last move.
        let n = end - 1;
        format!(
            "{title}: {} thread{s} over {n} move{}; a move is one scheduling point, not a \
             length of time",
            t.lanes.len(),
            if n == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{title}: {} thread{s} over {:.2} s of lesson time",
            t.lanes.len(),
            // To the hundredth, as the notes below give their moments: a run drawn to 140ms
            // whose thread woke another at 0.12 s lasted 0.14 s, not "0.1 s".
            end as f64 / 1e6
        )
    };
    out.extend(wrap(&head, width, 2));

    // The axis: tick labels over `+` marks.
    let (ticks, lead) = if moves {
        (move_ticks(end, plot), "move")
    } else {
        let step = tick_step(end, plot, 7);
        let col = |time: Micros| ((time as f64 / end as f64) * plot as f64).round() as usize;
        let ticks = (0..=end / step)
            .map(|k| (col(k * step).min(plot - 1), secs(k * step, step)))
            .collect();
        (ticks, "")
    };
    let mut marks = vec!['-'; plot];
    // A label may run a column past the plot (over the end marks); a game's `end`, three
    // where the width has them.
    let room = if moves {
        (plot + 3).min(width - label_w - 1)
    } else {
        plot + 1
    };
    let mut names = vec![' '; room];
    let mut free = 0;
    for (c, name) in ticks {
        marks[c] = '+';
        if c >= free && c + name.len() <= room {
            for (k, ch) in name.chars().enumerate() {
                names[c + k] = ch;
            }
            free = c + name.len() + 1;
        }
    }
    let pad = " ".repeat(label_w + 1);
    out.push(format!(
        "{lead:<w$}{}",
        names.iter().collect::<String>().trim_end(),
        w = label_w + 1
    ));
    out.push(format!("{pad}{}", marks.iter().collect::<String>()));

    // The lanes, each cell a state's character, or a wake's mark where a thread let another
    // go on: `v` when the thread it woke is drawn below, `^` above.
    let left = t.left_behind();
    let mut seen = [false; State::ALL.len()];
    let cell_of = |time: Micros| ((time as f64 / end as f64) * plot as f64) as usize;
    let mut marks: Vec<Vec<Option<char>>> = vec![vec![None; plot]; t.lanes.len()];
    for w in &t.wakes {
        let mark = if w.woke > w.by {
            WOKE_BELOW
        } else {
            WOKE_ABOVE
        };
        marks[w.by][cell_of(w.at).min(plot - 1)] = Some(mark);
    }
    for (i, segs) in segments(t).iter().enumerate() {
        let mut row = fit(&labels[i], label_w);
        row.push(' ');
        let cs = cells(segs, end, plot);
        let mut k = 0;
        while k < cs.len() {
            if let Some(mark) = marks[i][k] {
                row += &paint(color, WAKE_COLOR, &mark.to_string());
                k += 1;
                continue;
            }
            // Runs of one state get one colour code.
            let run = cs[k..]
                .iter()
                .zip(&marks[i][k..])
                .take_while(|(c, m)| **c == cs[k] && m.is_none())
                .count();
            seen[cs[k] as usize] = true;
            let text: String = std::iter::repeat_n(cs[k].char(), run).collect();
            row += &paint(color, cs[k].color(), &text);
            k += run;
        }
        if left.contains(&i) || !t.complete {
            row += &paint(color, State::Deadlocked.color(), &LEFT.to_string());
        }
        out.push(row.trim_end().to_string());
    }

    // The legend: only what the picture shows.
    let mut legend: Vec<String> = State::ALL[1..]
        .iter()
        .filter(|&&s| seen[s as usize])
        .map(|&s| {
            format!(
                "{} {}",
                paint(color, s.color(), &s.char().to_string()),
                s.meaning_in(t.unit)
            )
        })
        .collect();
    if !t.wakes.is_empty() {
        legend.push(format!(
            "{} woke the thread below ({} above)",
            paint(color, WAKE_COLOR, &WOKE_BELOW.to_string()),
            paint(color, WAKE_COLOR, &WOKE_ABOVE.to_string())
        ));
    }
    if !left.is_empty() || !t.complete {
        legend.push(format!("{LEFT} still there at the end"));
    }
    // Wrap by the visible text, whatever the colour codes add.
    let mut line = String::new();
    let mut len = 0;
    for item in legend {
        let visible = strip(&item).chars().count();
        if len > 0 && len + 3 + visible > width {
            out.push(std::mem::take(&mut line));
            len = 0;
        }
        if visible > width {
            // Only on a very narrow terminal; then without colour.
            out.extend(wrap(&strip(&item), width, 2));
            continue;
        }
        if len > 0 {
            line += "   ";
            len += 3;
        }
        line += &item;
        len += visible;
    }
    if len > 0 {
        out.push(line);
    }

    // What the picture cannot say in characters.
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
        let when = if moves {
            format!("after move {since}")
        } else {
            format!("from {:.2} s", since as f64 / 1e6)
        };
        notes.push(format!("X deadlock {when}: {}.", links.join("; ")));
    }
    if !left.is_empty() && moves {
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
        notes.push(format!(
            "{LEFT} not finished when the game stopped: {}.",
            names.join(", ")
        ));
    } else if !left.is_empty() {
        let names: Vec<&str> = left.iter().map(|&i| labels[i].as_str()).collect();
        notes.push(format!(
            "{LEFT} left behind when the recording stopped: {}.",
            names.join(", ")
        ));
    }
    // Brief locks, one note for all the lanes that took them.
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
    if !counts.is_empty() {
        // The waits of a millisecond or more are drawn (`?`), with no `#` anywhere beside them
        // when every holder was brief: counted here too, so that the note and the picture add
        // up to the same waiting.
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
        notes.push(note);
    }
    if !t.wakes.is_empty() {
        notes.push(wake_note(t, &labels));
    }
    if !t.complete {
        notes.push(
            "The chapter did not get to the end of main: the picture stops at its last log line."
                .into(),
        );
    }
    for n in notes {
        out.extend(wrap(&n, width, 2).iter().map(|l| l.replace('\u{a0}', " ")));
    }
    out
}

/// The marks of a wake, in the lane of the thread that woke another.
pub const WOKE_BELOW: char = 'v';
pub const WOKE_ABOVE: char = '^';
const WAKE_COLOR: &str = "\x1b[1;35m";
/// The most wakes a note names one by one.
const WAKES_NAMED: usize = 6;

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

/// The text of a line without its colour codes.
pub fn strip(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::Timeline;

    /// Chapter 1 in events: main, and three threads that sleep two seconds side by side.
    fn ch01_like() -> Timeline {
        let mut f = String::from("timeline 2\nlane\t0\t0\t-\tmain\n");
        for i in 1..=3 {
            f += &format!("lane\t{i}\t100\t2000500\t-\n");
            f += &format!("log\t{i}\t100\tThread {}: starting\n", i - 1);
            f += &format!("sleep\t{i}\t150\t2000400\n");
        }
        f += "end\t2001000\ncomplete\n";
        Timeline::parse(&f).unwrap()
    }

    /// The row of the lane called `label`, without its label.
    fn row<'a>(lines: &'a [String], label: &str) -> &'a str {
        let l = lines
            .iter()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no lane {label} in\n{}", lines.join("\n")));
        &l[label.len()..]
    }

    #[test]
    fn one_lane_per_thread_and_sleeps_side_by_side() {
        let lines = render(&ch01_like(), "ch01", 80, false);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.chars().count() <= 80, "line {i} is too wide: {l:?}");
        }
        assert!(lines[0].starts_with("ch01: 4 threads over 2.00 s"));
        let main = row(&lines, "Main");
        assert!(main.trim().chars().all(|c| c == '='), "{main}");
        for name in ["Thread 0", "Thread 1", "Thread 2"] {
            let cells = row(&lines, name).trim();
            // 80 columns less the label and the end mark: about 70 cells of sleep.
            assert!(cells.len() >= 68, "{cells:?}");
            assert!(cells.chars().all(|c| c == '~'), "{cells:?}");
        }
        assert!(lines.iter().any(|l| l.contains("~ sleeping")));
        // The recorder cannot tell running from ready: the legend claims no more.
        assert!(
            lines.iter().any(|l| l.contains("= running or ready")),
            "{lines:?}"
        );
        assert!(
            !lines.iter().any(|l| l.contains("? waiting")),
            "no wait shown"
        );
    }

    #[test]
    fn the_header_gives_the_length_drawn_as_the_notes_give_moments() {
        // Chapter 4's shape: the axis runs to 140 ms, a wake at 0.12 s; "0.1 s" would say the
        // run ended before the wake it lists.
        let t = Timeline::parse(
            "timeline 2\nlane\t0\t0\t140000\tmain\nlane\t1\t0\t120000\t-\n\
             sleep\t1\t0\t120000\nend\t140000\ncomplete\n",
        )
        .unwrap();
        let lines = render(&t, "ch04", 80, false);
        assert!(
            lines[0].starts_with("ch04: 2 threads over 0.14 s"),
            "{lines:?}"
        );
    }

    #[test]
    fn a_wait_for_a_lock_only_held_briefly_is_counted_with_the_brief_locks() {
        // Chapter 8's shape: thread 1 takes the lock thousands of times, each too briefly to
        // draw; thread 2 waits 45 ms for it, drawn `?` with no `#` anywhere. The note must
        // count that wait, not say "1 ms of waiting" beside 45 ms of `?`.
        let t = Timeline::parse(
            "timeline 2\nobject\t1\tlock\tlock 1\nlane\t0\t0\t100000\tmain\n\
             lane\t1\t0\t100000\t-\nlane\t2\t0\t100000\t-\n\
             brief\t1\t0\t100000\t5000\t1200\n\
             wait\t2\t20000\t65000\t1\t-\nhold\t2\t65000\t65500\t1\n\
             end\t100000\ncomplete\n",
        )
        .unwrap();
        assert_eq!(t.waits_on_brief_holders(), vec![(2, 20_000, 65_000)]);
        let lines = render(&t, "ch08", 80, false);
        let text = lines
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains("1 ms of waiting in those takings, and 45 ms in waits of 1 ms or more"),
            "{text}"
        );
        // A wait beside a drawn holder is not counted there: the `#` explains it.
        let held = Timeline::parse(HELD_THROUGH).unwrap();
        assert!(held.waits_on_brief_holders().is_empty());
    }

    /// A waits 45 ms while B is drawn holding the lock.
    const HELD_THROUGH: &str = "timeline 2\nobject\t1\tlock\tlock 1\n\
        lane\t1\t0\t100000\tA\nlane\t2\t0\t100000\tB\n\
        hold\t2\t10000\t65000\t1\nwait\t1\t20000\t65000\t1\t-\n\
        end\t100000\ncomplete\n";

    #[test]
    fn the_axis_is_scaled_to_the_width() {
        let t = ch01_like();
        for width in [40, 80, 200] {
            let lines = render(&t, "ch01", width, false);
            let at = lines
                .iter()
                .position(|l| l.trim_start().starts_with("+-"))
                .unwrap();
            let axis = &lines[at];
            assert_eq!(axis.chars().count(), width - 1, "{axis:?}");
            let labels = &lines[at - 1];
            assert!(labels.contains("0s") && labels.contains("1s"), "{labels:?}");
            // The 1 s tick sits half-way along the plot.
            let plot_start = axis.find(['-', '+']).unwrap();
            let plot = width - plot_start - 1;
            let one = labels.find(" 1s").unwrap() + 1 - plot_start;
            assert!(one.abs_diff(plot / 2) <= 1, "1s at {one} of {plot}");
            assert_eq!(axis.as_bytes()[plot_start + one], b'+');
        }
        // Short runs get finer ticks.
        assert_eq!(tick_step(2_000_000, 70, 7), 200_000);
        assert_eq!(tick_step(40_000, 70, 7), 5_000);
        assert_eq!(secs(500_000, 500_000), "0.5s");
        assert_eq!(secs(5_000, 5_000), "5ms");
    }

    #[test]
    fn a_thread_that_starts_late_starts_late_on_the_axis() {
        // Chapter 3's pool of two: the third job starts when a worker is free, at 2 s.
        let t = Timeline::parse(
            "timeline 2\nlane\t0\t0\t4000000\tmain\nlane\t1\t0\t4000000\t-\n\
             sleep\t1\t0\t2000000\nsleep\t1\t2000000\t4000000\n\
             lane\t2\t0\t4000000\t-\nsleep\t2\t0\t2000000\nend\t4000000\ncomplete\n",
        )
        .unwrap();
        let lines = render(&t, "pool", 80, false);
        let two = row(&lines, "thread 2");
        let first_sleep = two.find('~').unwrap();
        let last_sleep = two.rfind('~').unwrap();
        let cells = 80 - 8 - 2;
        assert!(first_sleep <= 2, "{two:?}");
        assert!(last_sleep.abs_diff(cells / 2 + 1) <= 2, "{two:?}");
        assert_eq!(two[last_sleep + 1..].trim().chars().next(), Some('='));
    }

    #[test]
    fn a_deadlock_is_marked_and_explained() {
        let t = Timeline::parse(crate::timeline::model::tests::CROSSED).unwrap();
        let lines = render(&t, "ch07", 80, false);
        for name in ["Thread A", "Thread B"] {
            let r = row(&lines, name).trim();
            assert!(r.ends_with("X>"), "{r:?}");
            assert!(r.chars().filter(|&c| c == 'X').count() > 60, "{r:?}");
        }
        // The notes wrap at 80 columns, continued two spaces in.
        let text = lines.join("\n").replace("\n  ", " ");
        assert!(
            text.contains(
                "X deadlock from 0.00 s: Thread A holds lock 1 and waits for lock 2; Thread B \
                 holds lock 2 and waits for lock 1."
            ),
            "{text}"
        );
        // Everything else still there, no lane is a deadlocked one.
        assert!(!row(&lines, "Main").contains('X'));
        assert!(!row(&lines, "Thread 9").contains('X'));
        assert!(text.contains("left behind when the recording stopped: Thread A, Thread B"));
        assert!(text.contains("X blocked in a deadlock cycle"));
        assert!(text.contains("> still there at the end"));
        // The thread that came and went is not left behind.
        assert!(!row(&lines, "Thread 9").contains('>'));
    }

    #[test]
    fn a_narrow_terminal_still_fits() {
        let t = Timeline::parse(crate::timeline::model::tests::CROSSED).unwrap();
        for width in [10, MIN_WIDTH, 45] {
            let lines = render(&t, "ch07_deadlock", width, false);
            let w = width.max(MIN_WIDTH);
            for l in &lines {
                assert!(l.chars().count() <= w, "{l:?} is wider than {w}");
            }
            assert!(
                lines
                    .iter()
                    .any(|l| l.starts_with("Thread") && l.contains('X'))
            );
        }
    }

    #[test]
    fn colour_adds_codes_but_the_same_characters() {
        let t = Timeline::parse(crate::timeline::model::tests::CROSSED).unwrap();
        let plain = render(&t, "ch07", 80, false);
        let colored = render(&t, "ch07", 80, true);
        assert!(colored.iter().any(|l| l.contains("\x1b[1;31mX")));
        assert!(!plain.iter().any(|l| l.contains('\x1b')));
        let stripped: Vec<String> = colored.iter().map(|l| strip(l)).collect();
        assert_eq!(stripped, plain);
    }

    #[test]
    fn a_short_wait_still_shows_and_overlaps_go_to_the_telling_state() {
        // Holds a lock for a second, sleeping for half of it; waits 1 ms for another.
        let t = Timeline::parse(
            "timeline 2\nlane\t0\t0\t-\tmain\nhold\t0\t0\t1000000\t1\n\
             sleep\t0\t500000\t1000000\nwait\t0\t1500000\t1501000\t2\t-\nend\t2000000\ncomplete\n",
        )
        .unwrap();
        let lines = render(&t, "mix", 72, false);
        let r = row(&lines, "Main").trim_start();
        let cells = 72 - 4 - 2;
        assert_eq!(r.chars().count(), cells);
        assert_eq!(r.matches('?').count(), 1, "{r}");
        assert!(r.starts_with("####"), "{r}");
        assert_eq!(r.chars().nth(cells / 2 - 3), Some('~'), "{r}");
        assert_eq!(r.chars().nth(cells - 1), Some('='), "{r}");
    }

    /// The legend said "? waiting for a lock, a notify, a join... (under 1 ms: only at a
    /// barrier)": a `?` that read as "unknown", and a rule in shorthand. It says what the mark
    /// is in words, and the rule as a sentence.
    #[test]
    fn the_legend_says_in_words_what_a_wait_is_and_which_are_left_out() {
        let t = Timeline::parse(
            "timeline 2\nlane\t0\t0\t-\tmain\nwait\t0\t0\t1000000\t2\t-\nend\t2000000\ncomplete\n",
        )
        .unwrap();
        let lines = render(&t, "wait", 80, false);
        let text = lines.join("\n").replace("\n  ", " ");
        assert!(
            text.contains(
                "? blocked, waiting for another thread (for its lock, its notify, its end...); \
                 a wait shorter than 1 ms is left out, except at a barrier"
            ),
            "{text}"
        );
        assert!(!text.contains("(under 1 ms"), "{text}");
        assert!(lines.iter().all(|l| l.chars().count() <= 80), "{text}");
    }

    #[test]
    fn many_brief_locks_are_counted_not_drawn() {
        let t = Timeline::parse(
            "timeline 2\nlane\t0\t0\t-\tmain\nbrief\t0\t0\t900000\t25000\t3000\nend\t1000000\ncomplete\n",
        )
        .unwrap();
        let lines = render(&t, "bank", 200, false);
        let text = lines.join("\n");
        assert!(
            text.contains("counted, not drawn: Main 25000; 3 ms of waiting"),
            "{text}"
        );
        assert!(row(&lines, "Main").trim().starts_with("++++"), "{text}");
    }

    #[test]
    fn a_wake_is_marked_in_the_wakers_lane_and_named_in_a_note() {
        let t = Timeline::parse(crate::timeline::model::tests::HANDED_OVER).unwrap();
        let lines = render(&t, "ch05", 80, false);
        let a = row(&lines, "Thread A").trim_start();
        let b = row(&lines, "Thread B").trim_start();
        // Half-way along, A's release: the mark, pointing down to B, whose wait ends there.
        let at = a.find(WOKE_BELOW).unwrap_or_else(|| panic!("{a}"));
        assert!(at.abs_diff(a.chars().count() / 2) <= 1, "{a}");
        assert_eq!(a.matches(WOKE_BELOW).count(), 1, "{a}");
        assert!(b[..at].chars().all(|c| c == '?'), "{b}");
        assert_eq!(b.chars().nth(at + 1), Some('#'), "{b}");
        let text = lines.join("\n").replace("\n  ", " ");
        assert!(text.contains("v woke the thread below (^ above)"), "{text}");
        assert!(
            text.contains("v^ Thread A woke Thread B at 1.00 s (lock 1)."),
            "{text}"
        );
    }
}
