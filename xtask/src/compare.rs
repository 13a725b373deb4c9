//! `cargo xtask compare <chapter>`: a chapter and its Python twin, run one after the other on the
//! lesson clock, their logs side by side (one under the other on a narrow terminal), lines
//! paired, differences marked; then what the difference means: the "Side by side" sentences of
//! the chapter's lesson, or of the twin's docstring while the lesson has none.

use std::io::Write as _;
use std::path::Path;

use crate::build;
use crate::check::{run_once, run_program};
use crate::cli::{Cmd, Ctx, Fail, Given};
use crate::course::Chapter;
use crate::diff::{self, Change};
use crate::launch::Run;
use crate::matcher::{Line, Time};
use crate::report::{CYAN, GREEN, RED, paint};
use crate::screen;
use crate::verdict::{self, Verdict, judge};

pub struct Compare {
    chapter: String,
}

impl Cmd for Compare {
    const NAME: &'static str = "compare";
    const ARGS: &'static str = "<chapter>";
    const HELP: &'static str =
        "run a chapter and its Python twin, and show their logs side by side";

    fn parse(given: &mut Given) -> Result<Self, String> {
        Ok(Compare {
            chapter: given.need_chapter()?,
        })
    }

    fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
        let c = ctx.select(Some(&self.chapter))?[0];
        // Everything that can be wrong with the command is found before anything runs.
        let twin = build::twins(ctx, &[c])?.remove(0).map_err(Fail::Usage)?;
        let (twin_log, twin_expected) = verdict::twin_expected(c, &ctx.root)?;
        let expected = verdict::expected(c)?;
        let exe = build::chapters(ctx, &[c])?.remove(0);
        let color = ctx.opts.color;
        let script = format!("python/{}.py", c.name);

        let w = screen::width().unwrap_or(80);
        let head = format!(
            "{}: the chapter and its Python twin, on the lesson clock",
            c.name
        );
        for l in screen::wrap(&head, Some(w)).lines() {
            println!("{}", paint(color, CYAN, l));
        }
        let rust = timed(&format!("Running {} (Rust)", c.name), || {
            run_once(ctx, &exe, false)
        })?;
        let python = timed(&format!("Running python3 {script}"), || {
            run_program(ctx, &twin, ctx.twin_limit(), false)
        })?;
        let rv = judge(&expected, &rust);
        let pv = judge(&twin_expected, &python);
        println!();
        let rel = |p: &Path| p.strip_prefix(&ctx.root).unwrap_or(p).to_path_buf();
        let (chapter_log, twin_log) = (rel(&c.expected_log()), rel(&twin_log));
        status(
            color,
            w,
            "Rust",
            &rv,
            &chapter_log,
            &format!("cargo xtask run {}", c.short()),
        );
        status(
            color,
            w,
            "Python",
            &pv,
            &twin_log,
            &format!("cargo xtask run {} --python", c.short()),
        );

        println!();
        let rows = pair(&rv.actual, &pv.actual);
        let titles = (format!("Rust: {}", c.name), format!("Python: {script}"));
        let lines = if w >= WIDE {
            side_by_side(&rv.actual, &pv.actual, &rows, w, &titles, color)
        } else {
            one_under_other(&rv.actual, &pv.actual, &rows, w, &titles, color)
        };
        for l in screen::wrap(LEGEND, Some(w)).lines() {
            println!("{}", paint(color, CYAN, l));
        }
        for l in lines {
            println!("{l}");
        }

        println!("\n{}", paint(color, CYAN, "What the difference means"));
        let script_path = c.twin_script(&ctx.root);
        for l in meaning(c, &script_path, twin_log != chapter_log, &twin_log, w) {
            println!("{l}");
        }
        Ok(rv.passed() && pv.passed())
    }
}

/// Below this many columns the two logs go one under the other.
pub const WIDE: usize = 100;

const LEGEND: &str = "= the same line · ~ the same words at another time · * the lines differ · < only in Rust · > only in Python";

/// Run `f`, saying what runs before and how long it took after: the Python bank twins take
/// seconds.
fn timed(what: &str, f: impl FnOnce() -> Result<Run, Fail>) -> Result<Run, Fail> {
    print!("{what} ... ");
    let _ = std::io::stdout().flush();
    let r = f()?;
    println!("{:.2}s", r.took.as_secs_f64());
    Ok(r)
}

/// One line on whether a side showed its lesson, and where to see why not.
fn status(color: bool, width: usize, side: &str, v: &Verdict, log: &Path, how: &str) {
    let (word, code, after) = if v.passed() {
        ("matches", GREEN, String::new())
    } else {
        ("does not match", RED, format!(" (`{how}` says how)"))
    };
    let text = format!("{side} {word} {}{after}", log.display());
    // Wrapped as plain text, then the verdict word painted: colour codes take no room.
    for (k, l) in screen::wrap(&text, Some(width)).lines().enumerate() {
        if k == 0 {
            println!("{}", l.replacen(word, &paint(color, code, word), 1));
        } else {
            println!("{l}");
        }
    }
}

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
    /// Its marker, coloured when it marks a difference.
    fn painted(self, color: bool) -> String {
        let m = self.marker().to_string();
        if self.marker() == '=' {
            m
        } else {
            paint(color, CYAN, &m)
        }
    }

    fn marker(self) -> char {
        match self {
            Row::Same(..) => '=',
            Row::Later(..) => '~',
            Row::Differs(..) => '*',
            Row::Left(_) => '<',
            Row::Right(_) => '>',
        }
    }

    fn sides(self) -> (Option<usize>, Option<usize>) {
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
    for change in diff::changes(&lt, &rt) {
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
    let (n, m) = (lefts.len(), rights.len());
    // best[i][j]: the most likeness that pairs can gather from lefts[i..] and rights[j..].
    let mut best = vec![vec![0.0_f32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let paired = alike(i, j).map_or(0.0, |r| r + best[i + 1][j + 1]);
            best[i][j] = paired.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let (mut i, mut j, mut rows) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && alike(i, j).is_some_and(|r| best[i][j] == r + best[i + 1][j + 1]) {
            rows.push(Row::Differs(lefts[i], rights[j]));
            (i, j) = (i + 1, j + 1);
        } else if i < n && (j == m || best[i][j] == best[i + 1][j]) {
            rows.push(Row::Left(lefts[i]));
            i += 1;
        } else {
            rows.push(Row::Right(rights[j]));
            j += 1;
        }
    }
    rows
}

/// How alike two lines are, from 0 to 1: twice the words they share in order, over all their
/// words.
fn likeness(a: &str, b: &str) -> f32 {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let same = diff::changes(&a, &b)
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

/// The two logs in two columns, the marker between them, each line wrapped in its column.
pub fn side_by_side(
    left: &[Line],
    right: &[Line],
    rows: &[Row],
    width: usize,
    titles: &(String, String),
    color: bool,
) -> Vec<String> {
    let col = (width.saturating_sub(3) / 2).max(20);
    let mut out = Vec::new();
    let mut put = |a: Vec<String>, m: &str, b: Vec<String>| {
        for k in 0..a.len().max(b.len()) {
            let l = a.get(k).map(String::as_str).unwrap_or("");
            let r = b.get(k).map(String::as_str).unwrap_or("");
            let m = if k == 0 { m } else { " " };
            // Padded by hand: the marker may carry colour codes, which take no room.
            let pad = " ".repeat(col.saturating_sub(l.chars().count()));
            out.push(format!("{l}{pad} {m} {r}").trim_end().to_string());
        }
    };
    put(cell(&titles.0, col), " ", cell(&titles.1, col));
    put(vec!["-".repeat(col)], " ", vec!["-".repeat(col)]);
    for &row in rows {
        let (l, r) = row.sides();
        let text = |lines: &[Line], i: Option<usize>| {
            i.map(|i| cell(&lines[i].to_string(), col))
                .unwrap_or_default()
        };
        put(text(left, l), &row.painted(color), text(right, r));
    }
    out
}

/// The two logs in one column, for a narrow terminal: a line both printed comes once, marked
/// `=`; a pair that differs comes as its Rust line over its Python line.
pub fn one_under_other(
    left: &[Line],
    right: &[Line],
    rows: &[Row],
    width: usize,
    titles: &(String, String),
    color: bool,
) -> Vec<String> {
    const LABEL: usize = 10; // "* Python  "
    let room = width.saturating_sub(LABEL).max(20);
    let mut out = vec![titles.0.clone(), titles.1.clone()];
    let mut put = |m: &str, side: &str, line: &Line| {
        for (k, part) in cell(&line.to_string(), room).into_iter().enumerate() {
            let head = if k == 0 {
                format!("{m} {side:<7} ")
            } else {
                " ".repeat(LABEL)
            };
            out.push(format!("{head}{part}"));
        }
    };
    for &row in rows {
        let m = row.painted(color);
        match row {
            Row::Same(l, _) => put(&m, "both", &left[l]),
            Row::Later(l, r) | Row::Differs(l, r) => {
                put(&m, "Rust", &left[l]);
                put(" ", "Python", &right[r]);
            }
            Row::Left(l) => put(&m, "Rust", &left[l]),
            Row::Right(r) => put(&m, "Python", &right[r]),
        }
    }
    out
}

/// A log line wrapped to `col`, its continuation lines indented by two.
fn cell(text: &str, col: usize) -> Vec<String> {
    let first = wrap_line(text, col);
    let Some((head, rest)) = first.split_first() else {
        return Vec::new();
    };
    let rest = rest.join(" ");
    let mut lines = vec![head.clone()];
    if rest.is_empty() {
        return lines;
    }
    lines.extend(
        wrap_line(&rest, col.saturating_sub(2).max(1))
            .into_iter()
            .map(|l| format!("  {l}")),
    );
    lines
}

/// What the difference means: the paragraph that begins "Side by side" in the chapter's lesson,
/// or else in the twin's docstring (one or two sentences, the same in both homes); then which
/// log the twin is held to.
fn meaning(c: &Chapter, twin: &Path, own_log: bool, twin_log: &Path, width: usize) -> Vec<String> {
    let lesson = std::iter::once(c.lesson.summary.as_str())
        .chain(c.lesson.sections.iter().map(|(_, t)| t.as_str()));
    let docstring = std::fs::read_to_string(twin).unwrap_or_default();
    let said = lesson
        .filter_map(side_by_side_paragraph)
        .next()
        .or_else(|| side_by_side_paragraph(docstring.split("\"\"\"").nth(1).unwrap_or("")))
        .unwrap_or_else(|| "The twin tells the chapter's story in Python.".to_string());
    let mut out: Vec<String> = screen::wrap(&said, Some(width))
        .lines()
        .map(String::from)
        .collect();
    out.push(String::new());
    let note = if own_log {
        format!(
            "The twin is held to a log of its own, {}, since here the lesson is that Python \
             differs.",
            twin_log.display()
        )
    } else {
        "The twin is held to the chapter's own expected log: the same story, line for line."
            .to_string()
    };
    out.extend(screen::wrap(&note, Some(width)).lines().map(String::from));
    out
}

/// The paragraph of `text` that begins with "Side by side", as one line.
pub fn side_by_side_paragraph(text: &str) -> Option<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|p| p.starts_with("Side by side"))
}

/// `text` in lines of at most `width` characters, broken between words (a word longer than a
/// line is cut). The spaces inside a line are kept as they are (`Main    : ...`).
pub fn wrap_line(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    // Each word with the spaces before it.
    let mut rest = text.trim();
    while !rest.is_empty() {
        let gap_len = rest.len() - rest.trim_start().len();
        let (gap, after) = rest.split_at(gap_len);
        let word_len = after.find(char::is_whitespace).unwrap_or(after.len());
        let (word, after) = after.split_at(word_len);
        rest = after;
        let mut word = word.to_string();
        let mut gap = gap.to_string();
        loop {
            let used = line.chars().count();
            let need = if line.is_empty() {
                0
            } else {
                gap.chars().count()
            };
            if used + need + word.chars().count() <= width {
                if !line.is_empty() {
                    line += &gap;
                }
                line += &word;
                break;
            }
            if line.is_empty() {
                // A word longer than the line: cut it.
                lines.push(word.chars().take(width).collect());
                word = word.chars().skip(width).collect();
            } else {
                lines.push(std::mem::take(&mut line));
                gap.clear();
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::parse_output;

    fn log(text: &str) -> Vec<Line> {
        parse_output(text)
    }

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
    fn a_log_line_wraps_between_words_keeping_its_spaces() {
        assert_eq!(wrap_line("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap_line("one two three", 100), vec!["one two three"]);
        assert_eq!(wrap_line("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap_line("", 10), vec![""]);
        assert_eq!(
            wrap_line("Main    : thread 0 done", 12),
            vec!["Main    :", "thread 0", "done"]
        );
        for l in wrap_line(
            "a few words, of which one is unbelievably-long-and-unbroken",
            12,
        ) {
            assert!(l.chars().count() <= 12, "{l}");
        }
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
    fn wide_the_logs_stand_side_by_side_within_the_width() {
        let (l, r) = (log(RUST), log(PYTHON));
        let titles = (
            "Rust: ch08".to_string(),
            "Python: python/ch08.py".to_string(),
        );
        let lines = side_by_side(&l, &r, &pair(&l, &r), 100, &titles, false);
        assert!(lines.iter().all(|x| x.chars().count() <= 100), "{lines:#?}");
        assert!(lines[0].starts_with("Rust: ch08") && lines[0].contains("Python: python/ch08.py"));
        // The right column starts at the same place on every row.
        let col = (100 - 3) / 2;
        let caught = lines
            .iter()
            .find(|x| x.contains("bug caught: yes"))
            .unwrap();
        assert_eq!(&caught[col..col + 3], " * ", "{caught}");
        assert!(caught[col + 3..].starts_with("00:00:06: Bank: bug caught: no"));
        // A long line wraps in its column, its continuation indented.
        let at = lines
            .iter()
            .position(|x| x.contains("bug caught: yes"))
            .unwrap();
        assert!(lines[at + 1].starts_with("  "), "{:?}", lines[at + 1]);
        // A line only Python printed has nothing on the left.
        let gil = lines.iter().find(|x| x.contains("the GIL")).unwrap();
        assert!(gil.starts_with(&format!("{} > ", " ".repeat(col))), "{gil}");
    }

    #[test]
    fn narrow_the_logs_go_one_under_the_other_within_the_width() {
        let (l, r) = (log(RUST), log(PYTHON));
        let titles = (
            "Rust: ch08".to_string(),
            "Python: python/ch08.py".to_string(),
        );
        let lines = one_under_other(&l, &r, &pair(&l, &r), 60, &titles, false);
        assert!(lines.iter().all(|x| x.chars().count() <= 60), "{lines:#?}");
        assert_eq!(lines[2], "= both    00:00:00: Bank: 6 accounts");
        let rust = lines
            .iter()
            .position(|x| x.starts_with("* Rust ") && x.contains("bug caught: yes"))
            .unwrap();
        // The Python line of the pair comes right under the Rust one and its continuation.
        let python = rust
            + lines[rust..]
                .iter()
                .position(|x| x.starts_with("  Python "))
                .unwrap();
        assert!(lines[python].contains("bug caught: no"), "{lines:#?}");
        assert!(
            lines[rust + 1..python]
                .iter()
                .all(|x| x.starts_with("          "))
        );
        assert!(
            lines
                .iter()
                .any(|x| x.starts_with("> Python  00:00:00: Bank: the GIL"))
        );
        assert!(
            lines
                .iter()
                .any(|x| x.starts_with("~ Rust    00:00:00: Bank: final total"))
        );
    }
}
