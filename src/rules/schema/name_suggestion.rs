//! The closest known name to a misspelled key or section.

use crate::suggest;

pub(super) fn suggestion(word: &str, candidates: &[&'static str]) -> Option<&'static str> {
    candidates
        .iter()
        .find(|c| c.eq_ignore_ascii_case(word))
        .copied()
        .or_else(|| suggest::closest(word, candidates.iter().copied()))
}
