//! The time axis of the text and of the SVG: where its ticks go and what they say, in lesson
//! time or in a game's moves.

use crate::model::Micros;

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

/// The ticks of an axis of lesson time over `0..end` in `plot` columns.
fn time_ticks(end: Micros, plot: usize) -> Vec<(usize, String)> {
    let step = tick_step(end, plot, 7);
    let col = |time: Micros| ((time as f64 / end as f64) * plot as f64).round() as usize;
    (0..=end / step)
        .map(|k| (col(k * step).min(plot - 1), secs(k * step, step)))
        .collect()
}

/// Where the text drawing puts things: the width of the labels, the columns of the plot, and
/// what the axis counts.
pub struct Frame {
    pub width: usize,
    pub label_w: usize,
    pub plot: usize,
    pub end: Micros,
    /// The axis counts a game's moves, not lesson time.
    pub moves: bool,
}

impl Frame {
    /// The axis's two lines: tick labels over `+` marks.
    pub fn axis(&self) -> [String; 2] {
        let (ticks, lead) = if self.moves {
            (move_ticks(self.end, self.plot), "move")
        } else {
            (time_ticks(self.end, self.plot), "")
        };
        let mut marks = vec!['-'; self.plot];
        // A label may run a column past the plot (over the end marks); a game's `end`, three
        // where the width has them.
        let room = if self.moves {
            (self.plot + 3).min(self.width - self.label_w - 1)
        } else {
            self.plot + 1
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
        [
            format!(
                "{lead:<w$}{}",
                names.iter().collect::<String>().trim_end(),
                w = self.label_w + 1
            ),
            format!(
                "{}{}",
                " ".repeat(self.label_w + 1),
                marks.iter().collect::<String>()
            ),
        ]
    }

    /// The cell of the plot a moment falls in.
    pub fn cell(&self, time: Micros) -> usize {
        (((time as f64 / self.end as f64) * self.plot as f64) as usize).min(self.plot - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_runs_get_finer_ticks() {
        assert_eq!(tick_step(2_000_000, 70, 7), 200_000);
        assert_eq!(tick_step(40_000, 70, 7), 5_000);
        assert_eq!(secs(500_000, 500_000), "0.5s");
        assert_eq!(secs(5_000, 5_000), "5ms");
    }
}
