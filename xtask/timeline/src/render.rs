//! A timeline drawn as text: one lane a thread, on a time axis as wide as the terminal.
//!
//! Every state has its own character, so the picture reads the same without colour (a pipe,
//! `NO_COLOR`); on a terminal the characters are coloured as well, in the caller's [`Palette`].

use crate::axis::Frame;
use crate::marks::{HANG, LEFT, WOKE_ABOVE, WOKE_BELOW};
use crate::model::{Micros, Timeline, Unit};
use crate::notes;
use crate::palette::{Ink, Palette};
use crate::states::{State, segments};

/// The narrowest picture drawn; a narrower terminal gets this width.
pub const MIN_WIDTH: usize = 32;

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

/// Fit `text` in `width` columns, cutting with `.` at the end.
fn fit(text: &str, width: usize) -> String {
    let shown = textfit::width(text);
    if shown <= width {
        format!("{text}{}", " ".repeat(width - shown))
    } else {
        let cut = textfit::cut(text, width.saturating_sub(1));
        let pad = width.saturating_sub(textfit::width(&cut) + 1);
        format!("{cut}.{}", " ".repeat(pad))
    }
}

/// Draw `t` in `width` columns (at least [`MIN_WIDTH`]), under the title `title`, in the
/// colours of `palette`.
pub fn render(t: &Timeline, title: &str, width: usize, palette: &Palette) -> Vec<String> {
    let width = width.max(MIN_WIDTH);
    let labels: Vec<String> = (0..t.lanes.len()).map(|i| t.label(i)).collect();
    let frame = frame(t, &labels, width);
    let mut out = textfit::hang(&head(t, title, frame.end), width, "", HANG);
    out.extend(frame.axis());
    let mut seen = [false; State::ALL.len()];
    out.extend(lanes(t, &labels, &frame, palette, &mut seen));
    out.extend(notes::legend(t, &seen, width, palette));
    for n in notes::notes(t, &labels) {
        let lines = textfit::hang(&n, width, "", HANG);
        out.extend(lines.iter().map(|l| l.replace('\u{a0}', " ")));
    }
    out
}

/// Where the picture of `t`, with its lanes called `labels`, goes in `width` columns.
fn frame(t: &Timeline, labels: &[String], width: usize) -> Frame {
    let label_w = labels
        .iter()
        .map(|l| textfit::width(l))
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
    Frame {
        width,
        label_w,
        plot,
        end,
        moves,
    }
}

/// The title line: how many threads over how long (`end`, in lesson time or moves).
fn head(t: &Timeline, title: &str, end: Micros) -> String {
    let s = if t.lanes.len() == 1 { "" } else { "s" };
    if t.unit == Unit::Moves {
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
    }
}

/// The lanes, each cell a state's character, or a wake's mark where a thread let another go
/// on: `v` when the thread it woke is drawn below, `^` above. Notes in `seen` the states drawn.
fn lanes(
    t: &Timeline,
    labels: &[String],
    frame: &Frame,
    palette: &Palette,
    seen: &mut [bool; State::ALL.len()],
) -> Vec<String> {
    let left = t.left_behind();
    let mut marks: Vec<Vec<Option<char>>> = vec![vec![None; frame.plot]; t.lanes.len()];
    for w in &t.wakes {
        let mark = if w.woke > w.by {
            WOKE_BELOW
        } else {
            WOKE_ABOVE
        };
        marks[w.by][frame.cell(w.at)] = Some(mark);
    }
    let mut out = Vec::new();
    for (i, segs) in segments(t).iter().enumerate() {
        let mut row = fit(&labels[i], frame.label_w);
        row.push(' ');
        let cs = cells(segs, frame.end, frame.plot);
        let mut k = 0;
        while k < cs.len() {
            if let Some(mark) = marks[i][k] {
                row += &palette.paint(Some(Ink::Wake), &mark.to_string());
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
            row += &palette.paint(cs[k].ink(), &text);
            k += run;
        }
        if left.contains(&i) || !t.complete {
            row += &palette.paint(Some(Ink::Deadlocked), &LEFT.to_string());
        }
        out.push(row.trim_end().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let lines = render(&ch01_like(), "ch01", 80, &Palette::plain());
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
        let lines = render(&t, "ch04", 80, &Palette::plain());
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
        let lines = render(&t, "ch08", 80, &Palette::plain());
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
            let lines = render(&t, "ch01", width, &Palette::plain());
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
        let lines = render(&t, "pool", 80, &Palette::plain());
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
        let t = Timeline::parse(crate::fixtures::CROSSED).unwrap();
        let lines = render(&t, "ch07", 80, &Palette::plain());
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
        let t = Timeline::parse(crate::fixtures::CROSSED).unwrap();
        for width in [10, MIN_WIDTH, 45] {
            let lines = render(&t, "ch07_deadlock", width, &Palette::plain());
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

    /// A lock's name wider than the picture was a note's line past the terminal's edge: the
    /// notes are wrapped by `textfit`, which breaks a word wider than a line at the width.
    #[test]
    fn a_name_wider_than_the_picture_is_broken_to_fit() {
        let long = "the_lock_of_the_account_whose_name_is_longer_than_a_line";
        let file = crate::fixtures::CROSSED.replace("lock\tlock 2", &format!("lock\t{long}"));
        let t = Timeline::parse(&file).unwrap();
        let lines = render(&t, "ch07", MIN_WIDTH, &Palette::plain());
        for l in &lines {
            assert!(l.chars().count() <= MIN_WIDTH, "{l:?} in {lines:#?}");
        }
        assert!(
            lines.join("").contains(&long[..MIN_WIDTH - 2]),
            "{lines:#?}"
        );
    }

    /// A lane's label is padded and cut by the columns it takes, not its characters: a wide
    /// character (two columns) had put the lane's first cell one column off.
    #[test]
    fn a_label_of_wide_characters_takes_its_columns() {
        assert_eq!(fit("日本", 6), "日本  ");
        assert_eq!(textfit::width(&fit("日本語の糸", 6)), 6);
        assert_eq!(fit("日本語の糸", 6), "日本. ");
        assert_eq!(fit("Thread 1", 6), "Threa.");
    }

    #[test]
    fn colour_adds_the_palettes_marks_but_the_same_characters() {
        use crate::palette::tests::{named, unnamed};
        let t = Timeline::parse(crate::fixtures::CROSSED).unwrap();
        let plain = render(&t, "ch07", 80, &Palette::plain());
        let colored = render(&t, "ch07", 80, &named());
        assert!(
            colored.iter().any(|l| l.contains("<Deadlocked>X")),
            "{colored:?}"
        );
        assert!(
            colored.iter().any(|l| l.contains("<Deadlocked>></>")),
            "{colored:?}"
        );
        assert!(!plain.iter().any(|l| l.contains("</>")));
        let stripped: Vec<String> = colored.iter().map(|l| unnamed(l)).collect();
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
        let lines = render(&t, "mix", 72, &Palette::plain());
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
        let lines = render(&t, "wait", 80, &Palette::plain());
        let text = lines.join("\n").replace("\n  ", " ");
        assert!(
            text.contains(
                "? blocked until another thread lets it go on (a lock released, a notify, a \
                 message or a job sent, its end...); a wait shorter than 1 ms is left out, \
                 except at a barrier"
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
        let lines = render(&t, "bank", 200, &Palette::plain());
        let text = lines.join("\n");
        assert!(
            text.contains("counted, not drawn: Main 25000; 3 ms of waiting"),
            "{text}"
        );
        assert!(row(&lines, "Main").trim().starts_with("++++"), "{text}");
    }

    #[test]
    fn a_wake_is_marked_in_the_wakers_lane_and_named_in_a_note() {
        let t = Timeline::parse(crate::fixtures::HANDED_OVER).unwrap();
        let lines = render(&t, "ch05", 80, &Palette::plain());
        let a = row(&lines, "Thread A").trim_start();
        let b = row(&lines, "Thread B").trim_start();
        // Half-way along, A's release: the mark, pointing down to B, whose wait ends there.
        let at = a.find(WOKE_BELOW).unwrap_or_else(|| panic!("{a}"));
        assert!(at.abs_diff(a.chars().count() / 2) <= 1, "{a}");
        assert_eq!(a.matches(WOKE_BELOW).count(), 1, "{a}");
        assert!(b[..at].chars().all(|c| c == '?'), "{b}");
        assert_eq!(b.chars().nth(at + 1), Some('#'), "{b}");
        let text = lines.join("\n").replace("\n  ", " ");
        assert!(
            text.contains("v woke a waiting thread below it (^ above it)"),
            "{text}"
        );
        assert!(
            text.contains("v^ Thread A woke Thread B at 1.00 s (lock 1)."),
            "{text}"
        );
    }

    /// Chapter 3's second pool drew lanes `Thread 0,2` and `Thread 1 (2)`, unexplained: a note
    /// says what each name means.
    #[test]
    fn a_lane_named_by_several_speakers_or_twice_is_explained() {
        let t = Timeline::parse(
            "timeline 2\nlane\t1\t0\t-\t-\nlane\t2\t0\t-\t-\nlane\t3\t0\t-\t-\n\
             log\t1\t0\tThread 1: starting\nlog\t2\t0\tThread 0: starting\n\
             log\t2\t10\tThread 2: starting\nlog\t3\t0\tThread 1: starting\n\
             end\t1000000\ncomplete\n",
        )
        .unwrap();
        let lines = render(&t, "ch03", 80, &Palette::plain());
        let text = lines.join("\n").replace("\n  ", " ");
        assert!(
            text.contains(
                "Thread 0,2 is one thread whose lines spoke as Thread 0, then as Thread 2: it \
                 ran their work one after the other."
            ),
            "{text}"
        );
        assert!(
            text.contains("Thread 1 (2) is another thread whose lines also spoke as Thread 1."),
            "{text}"
        );
    }
}
