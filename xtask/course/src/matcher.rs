//! Checks a chapter's output against its expected log.
//!
//! Both are lines of `HH:MM:SS: message` on the lesson clock. The rules:
//! - every message must match; `[..]` in an expected message stands for any text (a value that
//!   honestly varies between correct runs, like a count of checks that saw money in flight);
//! - the time of each line must match to the second: "the three threads finished together" is a
//!   claim the check makes. The lesson clock rounds down, and a sleep never ends early, so a line
//!   that comes after a 2 s sleep reads 00:00:02 unless the machine held it up a whole second;
//! - lines at the same time may come in any order among themselves (threads interleave); lines at
//!   different times keep their order, because their times say it;
//! - `[..]` as the whole time of an expected line stands for the time of work whose length is the
//!   machine's, not the lesson's (CPU-bound work). Such a line still keeps its place: its time lies
//!   between those of its neighbours.
//! - a line with no time must match a line with no time, in the same place.

use std::fmt;

/// The placeholder, in the trycmd/snapbox convention.
pub const ANY: &str = "[..]";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Seconds on the lesson clock; `None` for a line without a time.
    pub time: Time,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Time {
    At(u32),
    /// `[..]`: any time (expected lines only).
    Any,
    /// The line carries no time.
    None,
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time {
            Time::At(s) => write!(f, "{}: {}", hms(s), self.text),
            Time::Any => write!(f, "{ANY}: {}", self.text),
            Time::None => write!(f, "{}", self.text),
        }
    }
}

pub fn hms(s: u32) -> String {
    common::hms(std::time::Duration::from_secs(s.into()))
}

fn parse_hms(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    if b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let p = &s[r];
        p.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| p.parse().ok())?
    };
    let (h, m, sec) = (num(0..2)?, num(3..5)?, num(6..8)?);
    (m < 60 && sec < 60).then_some(h * 3600 + m * 60 + sec)
}

/// Split a line into its time and message. `[..]: ` as the time is kept only when `allow_any`.
pub fn parse_line(raw: &str, allow_any: bool) -> Line {
    if let Some(rest) = raw.strip_prefix("[..]: ")
        && allow_any
    {
        return Line {
            time: Time::Any,
            text: rest.to_string(),
        };
    }
    if raw.len() >= 10
        && raw.is_char_boundary(8)
        && raw.is_char_boundary(10)
        && &raw[8..10] == ": "
        && let Some(t) = parse_hms(&raw[..8])
    {
        return Line {
            time: Time::At(t),
            text: raw[10..].to_string(),
        };
    }
    // A line that is only a time and a colon: an empty message.
    if raw.len() == 9
        && raw.ends_with(':')
        && let Some(t) = parse_hms(&raw[..8])
    {
        return Line {
            time: Time::At(t),
            text: String::new(),
        };
    }
    Line {
        time: Time::None,
        text: raw.to_string(),
    }
}

/// Blank lines carry nothing to check (an editor may leave one at the end of a log); they are
/// left out on both sides.
pub fn parse_output(text: &str) -> Vec<Line> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| parse_line(l, false))
        .collect()
}

/// Parse an expected log. Its timed lines must go forward in time; the error names the line.
pub fn parse_expected(text: &str) -> crate::Result<Vec<Line>> {
    let mut lines = Vec::new();
    let mut last = 0;
    for (n, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line = parse_line(raw, true);
        if let Time::At(t) = line.time {
            if t < last {
                return Err(crate::Error::Line {
                    file: None,
                    line: n + 1,
                    problem: crate::Problem::BackInTime { at: t, after: last },
                });
            }
            last = t;
        }
        lines.push(line);
    }
    Ok(lines)
}

/// Does `text` match `pattern`, where `[..]` in the pattern stands for any text?
pub fn text_matches(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split(ANY);
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    // With only "match anything" wildcards, taking each middle piece at its first place is
    // always right: it leaves the most text for what follows.
    for piece in middle {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// How an expected line and an output line were found to match, or not.
#[derive(Debug, Default)]
pub struct Matching {
    /// For each expected line, the index of the output line it matched.
    pub pairs: Vec<Option<usize>>,
    /// Expected lines whose message came, but at another time: (expected, output).
    pub wrong_time: Vec<(usize, usize)>,
    /// Expected lines that never came.
    pub missing: Vec<usize>,
    /// Output lines that were not expected.
    pub extra: Vec<usize>,
    /// Output lines whose time goes back (the chapter printed out of order).
    pub backwards: Vec<usize>,
}

impl Matching {
    pub fn passed(&self) -> bool {
        self.wrong_time.is_empty()
            && self.missing.is_empty()
            && self.extra.is_empty()
            && self.backwards.is_empty()
    }
}

/// Match output lines against expected lines under the rules at the top of this file.
pub fn check(expected: &[Line], actual: &[Line]) -> Matching {
    let mut out = Matching {
        pairs: vec![None; expected.len()],
        ..Matching::default()
    };
    // The output's own times must go forward.
    let mut last = 0;
    for (j, a) in actual.iter().enumerate() {
        if let Time::At(t) = a.time {
            if t < last {
                out.backwards.push(j);
            }
            last = last.max(t);
        }
    }
    let exp_slots = slots(expected.iter().map(|e| e.time));
    let act_slots = slots(actual.iter().map(|a| a.time));
    let fits = |i: usize, j: usize| {
        exp_slots[i] == act_slots[j] && text_matches(&expected[i].text, &actual[j].text)
    };

    // First the lines with a time or a place: a bipartite matching within each slot, since
    // placeholders can make more than one expected line fit an output line.
    let mut taken: Vec<Option<usize>> = vec![None; actual.len()];
    for i in (0..expected.len()).filter(|&i| exp_slots[i] != Slot::Open) {
        augment(i, &fits, &mut taken, &mut vec![false; actual.len()]);
    }
    for (j, owner) in taken.iter().enumerate() {
        if let Some(i) = owner {
            out.pairs[*i] = Some(j);
        }
    }
    // Then each `[..]` time: the first free output line with its message, between the times of
    // the lines around it.
    for i in (0..expected.len()).filter(|&i| exp_slots[i] == Slot::Open) {
        let time_of = |k: usize| match expected[k].time {
            Time::At(s) => Some(s),
            Time::Any => out.pairs[k].and_then(|j| actual[j].time.seconds()),
            Time::None => None,
        };
        let lo = (0..i).rev().find_map(time_of).unwrap_or(0);
        let hi = (i + 1..expected.len())
            .find_map(|k| expected[k].time.seconds())
            .unwrap_or(u32::MAX);
        let hit = (0..actual.len()).find(|&j| {
            taken[j].is_none()
                && matches!(actual[j].time, Time::At(t) if lo <= t && t <= hi)
                && text_matches(&expected[i].text, &actual[j].text)
        });
        if let Some(j) = hit {
            taken[j] = Some(i);
            out.pairs[i] = Some(j);
        }
    }
    // What is left: a message that came at another time or place, or lines missing and extra.
    let mut free: Vec<usize> = (0..actual.len()).filter(|&j| taken[j].is_none()).collect();
    for i in (0..expected.len()).filter(|&i| out.pairs[i].is_none()) {
        let hit = free.iter().position(|&j| {
            expected[i].time.is_timed() == actual[j].time.is_timed()
                && text_matches(&expected[i].text, &actual[j].text)
        });
        match hit {
            Some(k) => out.wrong_time.push((i, free.remove(k))),
            None => out.missing.push(i),
        }
    }
    out.extra = free;
    out
}

impl Time {
    fn is_timed(self) -> bool {
        !matches!(self, Time::None)
    }

    fn seconds(self) -> Option<u32> {
        match self {
            Time::At(s) => Some(s),
            _ => None,
        }
    }
}

/// Where a line has to be to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// At this second.
    At(u32),
    /// An untimed line: the second it falls in, how many timed lines of that second came before
    /// it, and its rank among the untimed lines there. So it must keep its place.
    Untimed(u32, usize, usize),
    /// `[..]`: wherever its message comes between its neighbours.
    Open,
}

fn slots(times: impl Iterator<Item = Time>) -> Vec<Slot> {
    let (mut second, mut timed, mut rank) = (0, 0, 0);
    times
        .map(|t| {
            match t {
                Time::At(s) if s != second => (second, timed, rank) = (s, 1, 0),
                Time::At(_) | Time::Any => (timed, rank) = (timed + 1, 0),
                Time::None => rank += 1,
            }
            match t {
                Time::At(s) => Slot::At(s),
                Time::Any => Slot::Open,
                Time::None => Slot::Untimed(second, timed, rank),
            }
        })
        .collect()
}

/// Kuhn's augmenting path: try to give expected line `i` an output line, moving earlier
/// pairings if that frees one.
fn augment(
    i: usize,
    fits: &dyn Fn(usize, usize) -> bool,
    taken: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for j in 0..taken.len() {
        if seen[j] || !fits(i, j) {
            continue;
        }
        seen[j] = true;
        let free = match taken[j] {
            None => true,
            Some(k) => augment(k, fits, taken, seen),
        };
        if free {
            taken[j] = Some(i);
            return true;
        }
    }
    false
}

/// The output lines put in the expected order, matched lines written as their expected line
/// (so a placeholder that matched shows no difference), unmatched output lines in their place by
/// time. A unified diff of the expected log against this shows only what is really wrong.
pub fn aligned(expected: &[Line], actual: &[Line], outcome: &Matching) -> Vec<String> {
    let mut rows: Vec<(u32, usize, String)> = Vec::new();
    // The second each output line falls in (an untimed line: that of the line before).
    let mut last = 0;
    let seconds: Vec<u32> = actual
        .iter()
        .map(|a| {
            last = a.time.seconds().unwrap_or(last);
            last
        })
        .collect();
    // Matched lines keep the expected order; sort keys: expected index for matched lines.
    for (i, p) in outcome.pairs.iter().enumerate() {
        if let Some(j) = p {
            rows.push((seconds[*j], i * 2 + 1, expected[i].to_string()));
        }
    }
    // An unmatched output line goes just before the first matched line that comes after it in
    // the output, or at the end.
    let mut next_key = vec![usize::MAX; actual.len() + 1];
    let mut owner = vec![None; actual.len()];
    for (i, p) in outcome.pairs.iter().enumerate() {
        if let Some(j) = p {
            owner[*j] = Some(i);
        }
    }
    for j in (0..actual.len()).rev() {
        next_key[j] = match owner[j] {
            Some(i) => i * 2,
            None => next_key[j + 1],
        };
    }
    for j in 0..actual.len() {
        if owner[j].is_none() {
            rows.push((seconds[j], next_key[j], actual[j].to_string()));
        }
    }
    rows.sort_by_key(|r| (r.0, r.1));
    rows.into_iter().map(|r| r.2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exp(s: &str) -> Vec<Line> {
        parse_expected(s).unwrap()
    }

    fn run(e: &str, a: &str) -> Matching {
        check(&exp(e), &parse_output(a))
    }

    const CH01: &str = "\
00:00:00: Main    : create and start thread 0.
00:00:00: Thread 0: starting
00:00:00: Main    : create and start thread 1.
00:00:00: Thread 1: starting
00:00:02: Thread 0: finishing
00:00:02: Thread 1: finishing
00:00:02: Main    : thread 1 done
";

    #[test]
    fn placeholders_match_any_text() {
        assert!(text_matches("a [..] c", "a b c"));
        assert!(text_matches("a [..] c", "a  c"));
        assert!(text_matches("[..]", ""));
        assert!(text_matches("x[..]y[..]z", "x1y2y3z"));
        assert!(text_matches("ends [..]", "ends here"));
        assert!(!text_matches("a [..] c", "a b d"));
        assert!(!text_matches("abc", "abcd"));
        assert!(!text_matches("x[..]yy", "xy"));
        assert!(!text_matches("ab[..]ba", "aba"));
    }

    #[test]
    fn times_and_lines_parse() {
        let l = parse_line("00:01:02: hello: world", false);
        assert_eq!(l.time, Time::At(62));
        assert_eq!(l.text, "hello: world");
        assert_eq!(parse_line("[..]: x", true).time, Time::Any);
        assert_eq!(parse_line("[..]: x", false).time, Time::None);
        assert_eq!(parse_line("00:99:00: x", false).time, Time::None);
        assert_eq!(parse_line("no time here", false).time, Time::None);
        assert!(
            parse_expected("00:00:02: a\n00:00:01: b\n")
                .unwrap_err()
                .to_string()
                .contains("line 2")
        );
    }

    #[test]
    fn the_same_output_passes() {
        assert!(run(CH01, CH01).passed());
    }

    #[test]
    fn lines_at_one_time_may_come_in_any_order() {
        let shuffled = "\
00:00:00: Main    : create and start thread 0.
00:00:00: Main    : create and start thread 1.
00:00:00: Thread 1: starting
00:00:00: Thread 0: starting
00:00:02: Thread 1: finishing
00:00:02: Main    : thread 1 done
00:00:02: Thread 0: finishing
";
        assert!(run(CH01, shuffled).passed());
    }

    #[test]
    fn honest_placeholder_values_pass() {
        let e = "00:00:00: Bank: [..] checks saw a wrong total\n00:00:00: Bank: total 44500\n";
        assert!(
            run(
                e,
                "00:00:00: Bank: 17 checks saw a wrong total\n00:00:00: Bank: total 44500\n"
            )
            .passed()
        );
        assert!(
            run(
                e,
                "00:00:00: Bank: 3 checks saw a wrong total\n00:00:00: Bank: total 44500\n"
            )
            .passed()
        );
    }

    #[test]
    fn overlapping_placeholders_find_the_pairing_that_works() {
        // Greedy pairing would give "Thread 1: starting" to the placeholder line and fail.
        let e = "00:00:00: Thread [..]: starting\n00:00:00: Thread 1: starting\n";
        let a = "00:00:00: Thread 1: starting\n00:00:00: Thread 0: starting\n";
        assert!(run(e, a).passed());
    }

    #[test]
    fn a_changed_value_fails() {
        let o = run(
            "00:00:00: Testing update. Ending value is 1.\n",
            "00:00:00: Testing update. Ending value is 2.\n",
        );
        assert!(!o.passed());
        assert_eq!(o.missing, vec![0]);
        assert_eq!(o.extra, vec![0]);
    }

    #[test]
    fn a_missing_line_fails() {
        let o = run(CH01, &CH01.replace("00:00:02: Thread 0: finishing\n", ""));
        assert_eq!(o.missing, vec![4]);
        assert!(o.extra.is_empty());
    }

    #[test]
    fn an_extra_line_fails() {
        let o = run(CH01, &format!("{CH01}00:00:02: Thread 2: finishing\n"));
        assert!(o.missing.is_empty());
        assert_eq!(o.extra, vec![7]);
    }

    #[test]
    fn a_line_at_the_wrong_time_fails() {
        // The threads ran one after another: the second finished at 4, not 2.
        let serial = CH01
            .replace(
                "00:00:02: Thread 1: finishing",
                "00:00:04: Thread 1: finishing",
            )
            .replace(
                "00:00:02: Main    : thread 1 done",
                "00:00:04: Main    : thread 1 done",
            );
        let o = run(CH01, &serial);
        assert!(!o.passed());
        assert_eq!(o.wrong_time, vec![(5, 5), (6, 6)]);
        assert!(o.missing.is_empty() && o.extra.is_empty());
    }

    #[test]
    fn a_wrong_order_across_times_fails() {
        let e = "00:00:00: a\n00:00:01: b\n";
        // b before a, at the same times: the output goes back in time.
        let o = run(e, "00:00:01: b\n00:00:00: a\n");
        assert!(!o.passed());
        assert_eq!(o.backwards, vec![1]);
        // The same two lines, swapped, with their times swapped too.
        assert!(!run(e, "00:00:00: b\n00:00:01: a\n").passed());
    }

    #[test]
    fn untimed_lines_match_only_untimed_lines() {
        assert!(run("00:00:00: a\ntable\n", "00:00:00: a\ntable\n").passed());
        assert!(!run("00:00:00: a\ntable\n", "00:00:00: a\n00:00:00: table\n").passed());
    }

    #[test]
    fn any_time_stands_for_cpu_bound_work_but_keeps_its_place() {
        let e = "00:00:00: start\n[..]: done [..] transfers\n[..]: total 44500\n";
        assert!(
            run(
                e,
                "00:00:00: start\n00:00:00: done 10 transfers\n00:00:00: total 44500\n"
            )
            .passed()
        );
        assert!(
            run(
                e,
                "00:00:00: start\n00:00:03: done 10 transfers\n00:00:03: total 44500\n"
            )
            .passed()
        );
        assert!(
            run(
                e,
                "00:00:00: start\n00:00:01: done 10 transfers\n00:00:02: total 44500\n"
            )
            .passed()
        );
        // Its neighbours still bound it: a line before it in the expected log at 2 s...
        let e2 = "00:00:00: start\n[..]: done\n00:00:02: end\n";
        assert!(run(e2, "00:00:00: start\n00:00:01: done\n00:00:02: end\n").passed());
        assert!(!run(e2, "00:00:00: start\n00:00:02: end\n00:00:03: done\n").passed());
        assert!(!run(e2, "00:00:00: start\n00:00:02: end\n").passed());
    }

    #[test]
    fn a_placeholder_time_does_not_take_the_line_of_a_timed_neighbour() {
        let e = "00:00:01: done 1\n[..]: done [..]\n00:00:05: end\n";
        assert!(run(e, "00:00:01: done 1\n00:00:03: done 2\n00:00:05: end\n").passed());
    }

    #[test]
    fn untimed_lines_keep_their_place() {
        let e = "00:00:00: a\nX\nY\n";
        assert!(run(e, "00:00:00: a\nX\nY\n").passed());
        assert!(!run(e, "00:00:00: a\nY\nX\n").passed());
        assert!(!run("header\n00:00:00: a\n", "00:00:00: a\nheader\n").passed());
        // Timed lines around them may still interleave.
        let e = "00:00:00: a\n00:00:00: b\nX\n";
        assert!(run(e, "00:00:00: b\n00:00:00: a\nX\n").passed());
    }

    #[test]
    fn blank_lines_are_left_out() {
        assert!(run("00:00:00: a\n\n", "00:00:00: a\n").passed());
        assert!(run("00:00:00: a\n", "\n00:00:00: a\n\n").passed());
        assert!(
            parse_expected("00:00:02: a\n\n00:00:01: b\n")
                .unwrap_err()
                .to_string()
                .contains("line 3")
        );
    }

    #[test]
    fn an_extra_line_is_shown_at_its_own_time() {
        let e = exp("00:00:00: a\n00:00:03: b\n00:00:03: c\n");
        let a = parse_output("00:00:00: a\n00:00:01: X\n00:00:03: c\n00:00:03: b\n");
        let o = check(&e, &a);
        assert_eq!(
            aligned(&e, &a, &o),
            vec!["00:00:00: a", "00:00:01: X", "00:00:03: b", "00:00:03: c"]
        );
    }

    #[test]
    fn aligned_output_shows_only_the_real_differences() {
        let e = exp("00:00:00: a [..]\n00:00:00: b\n00:00:01: c\n");
        let a = parse_output("00:00:00: b\n00:00:00: a 5\n00:00:01: x\n");
        let o = check(&e, &a);
        assert_eq!(
            aligned(&e, &a, &o),
            vec!["00:00:00: a [..]", "00:00:00: b", "00:00:01: x"]
        );
    }
}
