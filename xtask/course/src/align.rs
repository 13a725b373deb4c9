//! The one alignment table: two lists set side by side, pairing items where a score says they
//! belong together, as much score as can be gathered, the rest standing alone, in order. The
//! diff of two logs pairs equal lines (each worth 1: the longest common subsequence); the
//! comparison of a chapter with its twin pairs lines that are alike. The lists are tens of lines,
//! so the plain table is quick, and it spares the build a diff library.

/// One step of an alignment: a pair, or an item of one side alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Item `i` of the left list with item `j` of the right.
    Both(usize, usize),
    /// Item `i` of the left list alone.
    Left(usize),
    /// Item `j` of the right list alone.
    Right(usize),
}

/// Align `n` left items with `m` right items: `score(i, j)` is what pairing them is worth, or
/// `None` when they may not pair. The steps gather the most score; where two ways gather as much,
/// a pair comes before an item alone, and a left item alone before a right one (a diff's lines
/// gone before those added).
pub fn align(n: usize, m: usize, score: impl Fn(usize, usize) -> Option<f32>) -> Vec<Step> {
    // best[i][j]: the most score that pairs can gather from left[i..] and right[j..].
    let mut best = vec![vec![0.0_f32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let paired = score(i, j).map_or(0.0, |s| s + best[i + 1][j + 1]);
            best[i][j] = paired.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let (mut i, mut j, mut steps) = (0, 0, Vec::with_capacity(n + m));
    while i < n || j < m {
        if i < n && j < m && score(i, j).is_some_and(|s| best[i][j] == s + best[i + 1][j + 1]) {
            steps.push(Step::Both(i, j));
            (i, j) = (i + 1, j + 1);
        } else if i < n && (j == m || best[i][j] == best[i + 1][j]) {
            steps.push(Step::Left(i));
            i += 1;
        } else {
            steps.push(Step::Right(j));
            j += 1;
        }
    }
    steps
}

/// One line of a diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change<'a> {
    Same(&'a str),
    Gone(&'a str),
    Added(&'a str),
}

/// A hunk: its `@@ -a,b +c,d @@` header and its lines.
pub struct Hunk<'a> {
    pub header: String,
    pub lines: Vec<Change<'a>>,
}

/// The changes that turn `old` into `new`: as many lines kept as can be, and where lines are
/// replaced, the old ones first.
pub fn changes<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<Change<'a>> {
    align(old.len(), new.len(), |i, j| {
        (old[i] == new[j]).then_some(1.0)
    })
    .into_iter()
    .map(|step| match step {
        Step::Both(i, _) => Change::Same(old[i]),
        Step::Left(i) => Change::Gone(old[i]),
        Step::Right(j) => Change::Added(new[j]),
    })
    .collect()
}

/// The changes in hunks, each with `context` unchanged lines around its changes.
pub fn hunks<'a>(old: &[&'a str], new: &[&'a str], context: usize) -> Vec<Hunk<'a>> {
    let all = changes(old, new);
    let changed: Vec<usize> = (0..all.len())
        .filter(|&k| !matches!(all[k], Change::Same(_)))
        .collect();
    let mut hunks = Vec::new();
    let mut k = 0;
    while k < changed.len() {
        // Changes closer than twice the context share a hunk.
        let mut last = k;
        while last + 1 < changed.len() && changed[last + 1] - changed[last] <= 2 * context + 1 {
            last += 1;
        }
        let from = changed[k].saturating_sub(context);
        let to = (changed[last] + context + 1).min(all.len());
        // Where the hunk starts in each text: the lines of that text before it.
        let before = |keep: fn(&Change) -> bool| all[..from].iter().filter(|c| keep(c)).count();
        let count = |keep: fn(&Change) -> bool| all[from..to].iter().filter(|c| keep(c)).count();
        let in_old: fn(&Change) -> bool = |c| !matches!(c, Change::Added(_));
        let in_new: fn(&Change) -> bool = |c| !matches!(c, Change::Gone(_));
        hunks.push(Hunk {
            header: format!(
                "@@ -{},{} +{},{} @@",
                before(in_old) + 1,
                count(in_old),
                before(in_new) + 1,
                count(in_new)
            ),
            lines: all[from..to].to_vec(),
        });
        k = last + 1;
    }
    hunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_is_gone_then_added_with_context_around() {
        let old = ["a", "b", "c", "d", "e", "f", "g"];
        let new = ["a", "b", "c", "X", "e", "f", "g"];
        let h = hunks(&old, &new, 2);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].header, "@@ -2,5 +2,5 @@");
        use Change::*;
        assert_eq!(
            h[0].lines,
            [
                Same("b"),
                Same("c"),
                Gone("d"),
                Added("X"),
                Same("e"),
                Same("f")
            ]
        );
    }

    #[test]
    fn far_apart_changes_make_two_hunks_and_near_ones_one() {
        let old: Vec<String> = (0..20).map(|i| i.to_string()).collect();
        let old: Vec<&str> = old.iter().map(String::as_str).collect();
        let mut new = old.clone();
        new[2] = "x";
        new[15] = "y";
        assert_eq!(hunks(&old, &new, 2).len(), 2);
        new[15] = "15";
        new[6] = "y";
        assert_eq!(hunks(&old, &new, 2).len(), 1);
    }

    #[test]
    fn equal_texts_have_no_hunks_and_added_lines_are_found() {
        assert!(hunks(&["a", "b"], &["a", "b"], 2).is_empty());
        let c = changes(&["a", "c"], &["a", "b", "c"]);
        assert_eq!(c[1], Change::Added("b"));
        assert_eq!(c.len(), 3);
    }

    /// The diff and the comparison of a chapter with its twin were two tables that broke ties
    /// each its own way; as one, a diff still takes the longest run of equal lines, the old
    /// lines first where lines are replaced, and a weighted pairing takes the most weight.
    #[test]
    fn one_table_serves_equal_lines_and_weighted_pairs() {
        let (old, new) = (["a", "b", "c"], ["x", "b", "y"]);
        use Change::*;
        assert_eq!(
            changes(&old, &new),
            [Gone("a"), Added("x"), Same("b"), Gone("c"), Added("y")]
        );
        // Left 0 fits right 1 a little, left 1 fits right 1 well: the better pair wins, and
        // what cannot pair stands alone, in order.
        let score = |i: usize, j: usize| match (i, j) {
            (0, 1) => Some(0.4),
            (1, 1) => Some(0.9),
            _ => None,
        };
        assert_eq!(
            align(2, 2, score),
            [Step::Left(0), Step::Right(0), Step::Both(1, 1)]
        );
    }
}
