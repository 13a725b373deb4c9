//! Which of some names a mistyped one meant.

/// The candidate nearest to `word`, if one is near enough to be a slip of the keyboard: at most
/// a third of its letters (and at least one) inserted, dropped, changed or swapped with the next
/// (`rnu` is `run`).
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let word: Vec<char> = word.chars().collect();
    let distance = |to: &str| {
        // The edit distance with swaps of neighbours (optimal string alignment), on a table.
        let to: Vec<char> = to.chars().collect();
        let (n, m) = (word.len(), to.len());
        let mut d = vec![vec![0usize; m + 1]; n + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=n {
            for j in 1..=m {
                let change = usize::from(word[i - 1] != to[j - 1]);
                let mut best = (d[i - 1][j - 1] + change)
                    .min(d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1);
                if i > 1 && j > 1 && word[i - 1] == to[j - 2] && word[i - 2] == to[j - 1] {
                    best = best.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        d[n][m]
    };
    candidates
        .map(|c| (distance(c), c))
        .filter(|&(d, _)| d <= (word.len() / 3).max(1))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}
