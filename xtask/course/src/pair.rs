//! The pairing of a chapter's log with its twin's: which lines are the same, the same at
//! another time, alike but different, or on one side only; and what the difference means, in the
//! "Side by side" paragraph of the lesson or the twin ([`side_by_side`]).

use crate::align::{self, Change, Step};
use crate::matcher::{Line, Time};

/// A row of the comparison: indices into the Rust lines and the Python lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// The same words at the same time.
    Same(usize, usize),
    /// The same words at another time.
    Later(usize, usize),
    /// A pair of lines that differ.
    Differs(usize, usize),
    /// A line only the Rust chapter printed.
    Left(usize),
    /// A line only the Python twin printed.
    Right(usize),
}

impl Row {
    /// Its marker: `=` the same, `~` at another time, `*` they differ, `<` and `>` one side only.
    pub fn marker(self) -> char {
        match self {
            Row::Same(..) => '=',
            Row::Later(..) => '~',
            Row::Differs(..) => '*',
            Row::Left(_) => '<',
            Row::Right(_) => '>',
        }
    }

    /// The lines it pairs: a Rust line's index, a Python line's, or both.
    pub fn sides(self) -> (Option<usize>, Option<usize>) {
        match self {
            Row::Same(l, r) | Row::Later(l, r) | Row::Differs(l, r) => (Some(l), Some(r)),
            Row::Left(l) => (Some(l), None),
            Row::Right(r) => (None, Some(r)),
        }
    }
}

/// Pair the two logs line by line. Lines of the same second may come in any order on either
/// side (threads interleave), so the Python lines of each second are first put in the order of
/// the Rust lines with the same words; then the longest run of common words pairs the rest, and
/// what lies between is paired in order.
pub fn pair(left: &[Line], right: &[Line]) -> Vec<Row> {
    let order = in_left_order(left, right);
    let lt: Vec<&str> = left.iter().map(|l| l.text.as_str()).collect();
    let rt: Vec<&str> = order.iter().map(|&i| right[i].text.as_str()).collect();
    let mut rows = Vec::new();
    let (mut lefts, mut rights): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let flush = |rows: &mut Vec<Row>, lefts: &mut Vec<usize>, rights: &mut Vec<usize>| {
        rows.extend(pair_alike(left, right, lefts, rights));
        lefts.clear();
        rights.clear();
    };
    let (mut i, mut j) = (0, 0);
    for change in align::changes(&lt, &rt) {
        match change {
            Change::Same(_) => {
                flush(&mut rows, &mut lefts, &mut rights);
                let r = order[j];
                rows.push(if left[i].time == right[r].time {
                    Row::Same(i, r)
                } else {
                    Row::Later(i, r)
                });
                (i, j) = (i + 1, j + 1);
            }
            Change::Gone(_) => {
                lefts.push(i);
                i += 1;
            }
            Change::Added(_) => {
                rights.push(order[j]);
                j += 1;
            }
        }
    }
    flush(&mut rows, &mut lefts, &mut rights);
    rows
}

/// Pair the lines of a stretch where the two logs differ: a pair wherever two lines are alike
/// (a third of their words or more in common, in order), as many as can be; the rest stand
/// alone.
fn pair_alike(left: &[Line], right: &[Line], lefts: &[usize], rights: &[usize]) -> Vec<Row> {
    let alike = |i: usize, j: usize| {
        let ratio = likeness(&left[lefts[i]].text, &right[rights[j]].text);
        (ratio >= 1.0 / 3.0).then_some(ratio)
    };
    align::align(lefts.len(), rights.len(), alike)
        .into_iter()
        .map(|step| match step {
            Step::Both(i, j) => Row::Differs(lefts[i], rights[j]),
            Step::Left(i) => Row::Left(lefts[i]),
            Step::Right(j) => Row::Right(rights[j]),
        })
        .collect()
}

/// How alike two lines are, from 0 to 1: twice the words they share in order, over all their
/// words.
fn likeness(a: &str, b: &str) -> f32 {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let same = align::changes(&a, &b)
        .iter()
        .filter(|c| matches!(c, Change::Same(_)))
        .count();
    2.0 * same as f32 / (a.len() + b.len()).max(1) as f32
}

/// The indices of `right`, with each second's lines in the order of the `left` lines of that
/// second that have the same words; a line with no such twin stays right after the line before.
fn in_left_order(left: &[Line], right: &[Line]) -> Vec<usize> {
    let mut order = Vec::with_capacity(right.len());
    let mut start = 0;
    while start < right.len() {
        let t = right[start].time;
        let end = start + right[start..].iter().take_while(|l| l.time == t).count();
        let mut used = vec![false; left.len()];
        let mut prev = (0, 0);
        let mut keyed: Vec<((usize, usize), usize)> = Vec::new();
        for (i, line) in right.iter().enumerate().take(end).skip(start) {
            let twin = (t != Time::None)
                .then(|| {
                    (0..left.len())
                        .find(|&k| !used[k] && left[k].time == t && left[k].text == line.text)
                })
                .flatten();
            let key = match twin {
                Some(k) => {
                    used[k] = true;
                    (k, 0)
                }
                None => (prev.0, prev.1 + 1),
            };
            prev = key;
            keyed.push((key, i));
        }
        keyed.sort_by_key(|&(key, _)| key);
        order.extend(keyed.into_iter().map(|(_, i)| i));
        start = end;
    }
    order
}

/// The paragraph that begins "Side by side" in the chapter's lesson, or else in its twin's
/// docstring (`twin`, the script: one or two sentences, the same in both homes), as one line.
pub fn side_by_side(c: &crate::Chapter, twin: &std::path::Path) -> Option<String> {
    let lesson = std::iter::once(c.lesson.summary.as_str())
        .chain(c.lesson.sections.iter().map(|(_, t)| t.as_str()));
    let docstring = std::fs::read_to_string(twin).unwrap_or_default();
    lesson
        .filter_map(side_by_side_paragraph)
        .next()
        .or_else(|| side_by_side_paragraph(docstring.split("\"\"\"").nth(1).unwrap_or("")))
}

/// The paragraph of `text` that begins with "Side by side", as one line.
fn side_by_side_paragraph(text: &str) -> Option<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|p| p.starts_with("Side by side"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::parse_output as log;

    /// A bank chapter's log and its twin's.
    const RUST: &str = "00:00:00: Bank: 6 accounts\n\
                        00:00:00: Bank: the check forgot the lock\n\
                        00:00:00: Bank: transfers complete (0.31 sec)\n\
                        00:00:00: Bank: bug caught: yes, a check without the lock saw money in flight\n\
                        00:00:00: Bank: final total 44500\n";
    const PYTHON: &str = "00:00:00: Bank: 6 accounts\n\
                          00:00:00: Bank: the check forgot the lock\n\
                          00:00:00: Bank: the GIL runs one thread at a time\n\
                          00:00:06: Bank: transfers complete (6.02 sec)\n\
                          00:00:06: Bank: bug caught: no, every check happened to agree\n\
                          00:00:06: Bank: final total 44500\n";

    #[test]
    fn lines_pair_by_their_words_and_differences_are_marked() {
        let (l, r) = (log(RUST), log(PYTHON));
        let rows = pair(&l, &r);
        let markers: String = rows.iter().map(|r| r.marker()).collect();
        assert_eq!(markers, "==>**~", "{rows:?}");
        assert_eq!(rows[5], Row::Later(4, 5));
    }

    #[test]
    fn lines_of_one_second_pair_in_any_order() {
        let l = log("00:00:02: Thread 0: finishing\n00:00:02: Main    : thread 0 done\n");
        let r = log("00:00:02: Main    : thread 0 done\n00:00:02: Thread 0: finishing\n");
        assert_eq!(pair(&l, &r), vec![Row::Same(0, 1), Row::Same(1, 0)]);
        // At different times they do not move.
        let r = log("00:00:01: Main    : thread 0 done\n00:00:02: Thread 0: finishing\n");
        let markers: String = pair(&l, &r).iter().map(|r| r.marker()).collect();
        assert!(markers.contains('<') || markers.contains('>'), "{markers}");
    }

    #[test]
    fn the_side_by_side_paragraph_is_found_whole() {
        let doc = "Title.\n\nSide by side: one\nand two.\n\nMore.";
        assert_eq!(
            side_by_side_paragraph(doc).as_deref(),
            Some("Side by side: one and two.")
        );
        assert_eq!(side_by_side_paragraph("Title.\n\nMore."), None);
    }
}
