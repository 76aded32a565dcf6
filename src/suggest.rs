//! "Did you mean" suggestions by edit distance.

/// Levenshtein distance between two strings (by bytes), unbounded: the
/// reference the tests compare [`distance_within`] with.
#[cfg(test)]
pub fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The Levenshtein distance between `a` and `b` if it is at most `limit`:
/// stops as soon as every cell of a row exceeds the limit.
pub fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= limit)
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
///
/// The distance is at least the difference of the lengths, so candidates
/// whose length differs from `word`'s by more than the limit (at most 3) are
/// skipped without computing it: each distance computed costs at most
/// `(candidate length + 3)²`, whatever the length of `word`.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.len() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter_map(|c| distance_within(word, c, limit).map(|d| (d, c)))
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_typos() {
        assert_eq!(super::closest("tokn", ["token", "join", "hold"]), Some("token"));
        assert_eq!(super::closest("xyz", ["token"]), None);
    }

    proptest::proptest! {
        /// The bounded distance is the distance whenever that is within the limit.
        #[test]
        fn bounded_distance_agrees(a in "[abc]{0,8}", b in "[abc]{0,8}", limit in 0usize..5) {
            let d = super::distance(&a, &b);
            proptest::prop_assert_eq!(super::distance_within(&a, &b, limit), (d <= limit).then_some(d));
        }
    }

    /// A 10 MB word is compared with no candidate (each comparison would
    /// cost 10 MB × its length; the length filter skips them all).
    #[test]
    fn long_words_are_not_compared() {
        let word = "x".repeat(10_000_000);
        let candidates: Vec<String> = (0..100).map(|i| format!("rule-name-{i}")).collect();
        assert_eq!(super::closest(&word, candidates.iter().map(String::as_str)), None);
        let near = format!("{}y", "x".repeat(29));
        assert_eq!(super::closest(&near, [&*"x".repeat(30)]), Some(&*"x".repeat(30)));
    }
}
