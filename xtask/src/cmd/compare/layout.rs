//! The layouts of the two paired logs: side by side on a wide terminal, one under the other on
//! a narrow one, and the legend of their markers.

use crate::ui::term::Style;
use crate::ui::term::style::CYAN;
use course::matcher::Line;
use course::pair::Row;

/// Below this many columns the two logs go one under the other.
pub const WIDE: usize = 100;

const LEGEND: &[&str] = &[
    "= the same line",
    "~ the same words at another time",
    "* the lines differ",
    "< only in Rust",
    "> only in Python",
];

/// The legend in lines of at most `width`, its entries joined by ` · ` and never broken.
pub fn legend(width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for entry in LEGEND {
        match lines.last_mut() {
            Some(l) if textfit::width(l) + 3 + textfit::width(entry) <= width => {
                *l += " · ";
                *l += entry;
            }
            _ => lines.push(entry.to_string()),
        }
    }
    lines
}

/// A row's marker, coloured when it marks a difference.
fn painted(row: Row, style: Style) -> String {
    let m = row.marker().to_string();
    if row.marker() == '=' {
        m
    } else {
        style.paint(CYAN, &m)
    }
}

/// The two logs in two columns, the marker between them, each line wrapped in its column.
pub fn side_by_side(
    left: &[Line],
    right: &[Line],
    rows: &[Row],
    width: usize,
    titles: &(String, String),
    style: Style,
) -> Vec<String> {
    let col = (width.saturating_sub(3) / 2).max(20);
    let mut out = Vec::new();
    let mut put = |a: Vec<String>, m: &str, b: Vec<String>| {
        for k in 0..a.len().max(b.len()) {
            let l = a.get(k).map(String::as_str).unwrap_or("");
            let r = b.get(k).map(String::as_str).unwrap_or("");
            let m = if k == 0 { m } else { " " };
            // Padded by hand: the marker may carry colour codes, which take no room.
            let pad = " ".repeat(col.saturating_sub(textfit::width(l)));
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
        put(text(left, l), &painted(row, style), text(right, r));
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
    style: Style,
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
        let m = painted(row, style);
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
    textfit::hang(text, col, "", "  ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::compare::tests::{PYTHON, RUST, log};
    use course::pair::pair;
    use textfit::wrap_line;

    #[test]
    fn a_long_log_line_is_cut_to_its_column() {
        for l in wrap_line(
            "a few words, of which one is unbelievably-long-and-unbroken",
            12,
        ) {
            assert!(l.chars().count() <= 12, "{l}");
        }
    }

    #[test]
    fn the_legend_fits_and_keeps_each_entry_whole() {
        let narrow = legend(80);
        assert_eq!(
            narrow,
            [
                "= the same line · ~ the same words at another time · * the lines differ",
                "< only in Rust · > only in Python",
            ]
        );
        assert_eq!(legend(200).len(), 1);
        assert!(legend(30).iter().all(|l| l.chars().count() <= 32));
    }

    #[test]
    fn wide_the_logs_stand_side_by_side_within_the_width() {
        let (l, r) = (log(RUST), log(PYTHON));
        let titles = (
            "Rust: ch08".to_string(),
            "Python: python/ch08.py".to_string(),
        );
        let lines = side_by_side(&l, &r, &pair(&l, &r), 100, &titles, Style::default());
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
        let lines = one_under_other(&l, &r, &pair(&l, &r), 60, &titles, Style::default());
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
