//! "Did you mean …?" for misspelled keys, references and rule ids.

/// The closest candidate within a small edit distance (about one edit per
/// three characters), if any.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Allow about one edit per three characters, at least one, so `lables`
    // finds `labels` but `x` does not find `type`.
    let budget = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|&(d, _)| d <= budget)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// `— did you mean "x"?`, or nothing.
pub(crate) fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map_or_else(String::new, |c| format!(" — did you mean \"{c}\"?"))
}

/// Optimal-string-alignment distance: Levenshtein plus adjacent swaps, which
/// is the typo people actually make (`lables`). Long inputs are cut short:
/// nothing this long is a typo of a key, and the cost stays bounded.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_swaps_and_single_edits() {
        assert_eq!(closest("lables", ["labels", "help"]), Some("labels"));
        assert_eq!(closest("hlep", ["labels", "help"]), Some("help"));
        assert_eq!(closest("buckt", ["buckets", "name"]), None);
        assert_eq!(closest("bucket", ["buckets", "name"]), Some("buckets"));
        assert_eq!(closest("zzz", ["labels"]), None);
    }
}
