//! Applying the edits of several fixes to a file at once, and choosing which
//! fixes can go together.

use super::{Edit, Fix};

/// Why a set of edits cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// An edit reaches past the end of the file or runs backwards.
    OutOfBounds,
    /// Two edits overlap.
    Overlap,
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::OutOfBounds => f.write_str("an edit lies outside the file"),
            EditError::Overlap => f.write_str("two edits overlap"),
        }
    }
}

/// Applies `edits` (any order, not overlapping) to `src`.
pub fn apply_edits<'a>(src: &[u8], edits: impl IntoIterator<Item = &'a Edit>) -> Result<Vec<u8>, EditError> {
    let mut sorted: Vec<&Edit> = edits.into_iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = Vec::with_capacity(src.len() + 64);
    let mut at = 0usize;
    for edit in sorted {
        let (start, end) = (edit.span.start_usize(), edit.span.end_usize());
        if start > end || end > src.len() {
            return Err(EditError::OutOfBounds);
        }
        if start < at {
            return Err(EditError::Overlap);
        }
        out.extend_from_slice(src.get(at..start).ok_or(EditError::OutOfBounds)?);
        out.extend_from_slice(&edit.replacement);
        at = end;
    }
    out.extend_from_slice(src.get(at..).ok_or(EditError::OutOfBounds)?);
    Ok(out)
}

/// Applies every edit of `fixes` to `src`.
pub fn apply_fixes(src: &[u8], fixes: &[&Fix]) -> Result<Vec<u8>, EditError> {
    apply_edits(src, fixes.iter().flat_map(|f| &f.edits))
}

/// Splits `fixes` (in file order) into those that can be applied together
/// now and those left for a later pass: a fix whose edits overlap, or whose
/// intent names a key of, an earlier chosen fix waits.
pub fn partition<'a>(fixes: &[&'a Fix]) -> (Vec<&'a Fix>, Vec<&'a Fix>) {
    let mut now: Vec<&Fix> = Vec::new();
    let mut later = Vec::new();
    for &fix in fixes {
        if now.iter().any(|f| f.overlaps(fix) || f.intent.conflicts_with(&fix.intent)) {
            later.push(fix);
        } else {
            now.push(fix);
        }
    }
    (now, later)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::{Fix, Intent};
    use crate::source::Span;

    #[test]
    fn applies_sorted_edits() {
        let edits = [Edit::replace(Span::new(4, 5), "X"), Edit::insert(0, "> "), Edit::delete(Span::new(1, 2))];
        assert_eq!(apply_edits(b"abcdef", &edits), Ok(b"> acdXf".to_vec()));
        assert_eq!(apply_edits(b"abc", &[Edit::delete(Span::new(2, 9))]), Err(EditError::OutOfBounds));
        let overlapping = [Edit::delete(Span::new(0, 3)), Edit::delete(Span::new(2, 4))];
        assert_eq!(apply_edits(b"abcdef", &overlapping), Err(EditError::Overlap));
    }

    #[test]
    fn later_overlapping_fixes_wait() {
        let a = Fix::safe("a", vec![Edit::replace(Span::new(0, 3), "x")], Intent::unchanged());
        let b = Fix::safe("b", vec![Edit::replace(Span::new(2, 4), "y")], Intent::unchanged());
        let c = Fix::safe("c", vec![Edit::replace(Span::new(5, 6), "z")], Intent::set("k", "1"));
        let d = Fix::safe("d", vec![Edit::replace(Span::new(8, 9), "w")], Intent::set("k", "2"));
        let (now, later) = partition(&[&a, &b, &c, &d]);
        assert_eq!(now.iter().map(|f| f.message.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(later.iter().map(|f| f.message.as_str()).collect::<Vec<_>>(), ["b", "d"]);
        // Two insertions at one point are ambiguous too.
        let i = Fix::safe("i", vec![Edit::insert(3, "1")], Intent::unchanged());
        let j = Fix::safe("j", vec![Edit::insert(3, "2")], Intent::unchanged());
        assert!(i.overlaps(&j));
    }
}
