//! Checks a fixed file before anyone may write it, like `fmt`'s verifier:
//! re-parse it; it has no error the original did not have; every comment is
//! kept (trailing comments that were moved must reappear as comment lines);
//! and its cmap view differs from the original's only in the keys the
//! applied fixes' intents name, each ending as its intent says. Where the
//! original was accepted by corosync, safe fixes may change only
//! `totem.config_version` (what corosync reads to compare copies, not a
//! setting); anything else needs an unsafe fix.

use crate::cmap::{self, CmapView, Entry};
use crate::format::verify::comment_texts;
use crate::lint::Analysis;
use crate::syntax::{self, SyntaxError};

use crate::fix::{Applicability, Expect, Fix};

/// The keys a safe fix may change in a file corosync accepts.
pub const SAFE_KEYS: &[&str] = &["totem.config_version"];

/// Why a fixed file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unverified {
    /// The edits do not fit the file.
    Edits(String),
    /// The fixed file has an error the original did not have.
    NewError(String),
    /// A comment would be lost, changed or duplicated.
    Comments,
    /// A key changed that no applied fix names.
    Unintended(String),
    /// A key did not end as the fix says.
    NotAsIntended(String),
    /// A safe fix would change a setting of a file corosync accepts.
    Unsafe(String),
}

impl std::fmt::Display for Unverified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unverified::Edits(m) => write!(f, "the edits do not apply: {m}"),
            Unverified::NewError(m) => write!(f, "the fixed file would have a new error: {m}"),
            Unverified::Comments => f.write_str("a comment would be lost or changed"),
            Unverified::Unintended(m) => write!(f, "it would also change {m}"),
            Unverified::NotAsIntended(m) => write!(f, "{m}"),
            Unverified::Unsafe(m) => write!(f, "a safe fix would change the setting {m}"),
        }
    }
}

impl std::error::Error for Unverified {}

/// The errors of a file as a sorted multiset of (kind, message).
fn error_set<'a>(errors: impl Iterator<Item = &'a SyntaxError>) -> Vec<(&'static str, &'a str)> {
    let mut out: Vec<(&'static str, &str)> = errors.map(|e| (e.kind.name(), e.message.as_str())).collect();
    out.sort_unstable();
    out
}

/// Whether every element of sorted `small` is in sorted `big`, as multisets.
fn is_submultiset<T: Ord>(small: &[T], big: &[T]) -> bool {
    let mut it = big.iter();
    small.iter().all(|x| it.by_ref().any(|y| y == x))
}

fn show(entry: Option<Entry<'_>>) -> String {
    match entry {
        Some(e) => format!("`{}`", e.value.to_string().escape_debug()),
        None => "(unset)".into(),
    }
}

/// Checks `fixed` (the original's bytes with `fixes` applied) against the original.
pub fn verify(original: &Analysis, fixed: &[u8], fixes: &[&Fix]) -> Result<(), Unverified> {
    let parsed = syntax::parse(fixed);
    let view = cmap::build(&parsed.tree, fixed);
    let before = error_set(original.parsed.errors.iter().chain(&original.cmap.errors));
    let after = error_set(parsed.errors.iter().chain(&view.errors));
    if !is_submultiset(&after, &before) {
        let new = after.iter().find(|e| !before.contains(e)).map_or("", |e| e.1);
        return Err(Unverified::NewError(new.to_string()));
    }
    let mut expected: Vec<&[u8]> = comment_texts(&original.parsed.tree, &original.source.bytes);
    expected.extend(fixes.iter().flat_map(|f| f.intent.moved_comments.iter().map(Vec::as_slice)));
    expected.sort_unstable();
    if comment_texts(&parsed.tree, fixed) != expected {
        return Err(Unverified::Comments);
    }
    check_view(&original.cmap, &view, fixes, original.is_valid())
}

/// The cmap part of [`verify`].
fn check_view(before: &CmapView, after: &CmapView, fixes: &[&Fix], accepted: bool) -> Result<(), Unverified> {
    let mut keys: Vec<&str> = before.keys().chain(after.keys()).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let (old, new) = (before.get(key), after.get(key));
        if old.map(|e| e.value) == new.map(|e| e.value) {
            continue;
        }
        let covering: Vec<&&Fix> = fixes.iter().filter(|f| f.intent.keys.iter().any(|c| c.key.matches(key))).collect();
        let change = format!("{key}: {} would become {}", show(old), show(new));
        if covering.is_empty() {
            return Err(Unverified::Unintended(change));
        }
        if accepted && !SAFE_KEYS.contains(&key) && covering.iter().all(|f| f.applicability == Applicability::Safe) {
            return Err(Unverified::Unsafe(change));
        }
    }
    for change in fixes.iter().flat_map(|f| &f.intent.keys) {
        let crate::fix::KeyPattern::Exact(key) = &change.key else { continue };
        let now = after.get(key);
        let ok = match &change.after {
            Expect::Value(v) => now.is_some_and(|e| e.value.to_bytes() == *v),
            Expect::Absent => now.is_none(),
            Expect::Any => true,
        };
        if !ok {
            let wanted = match &change.after {
                Expect::Value(v) => format!("`{}`", crate::source::display_bytes(v).escape_debug()),
                _ => "(unset)".into(),
            };
            return Err(Unverified::NotAsIntended(format!("{key} would be {} instead of {wanted}", show(now))));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::{Edit, Intent};
    use crate::source::{SourceFile, Span};

    fn analysis(src: &str) -> Analysis {
        Analysis::new(SourceFile::new("t", src.as_bytes().to_vec()))
    }

    fn span_of(src: &str, needle: &str) -> Span {
        let at = src.find(needle).unwrap_or(0);
        Span::new(at, at + needle.len())
    }

    const SRC: &str = "# top\ntotem {\n  config_version: 3\n  cluster_name: a\n}\n";

    #[test]
    fn a_version_bump_is_safe() {
        let a = analysis(SRC);
        let fix =
            Fix::safe("bump", vec![Edit::replace(span_of(SRC, "3"), "4")], Intent::set("totem.config_version", "4"));
        let out = crate::fix::apply::apply_fixes(SRC.as_bytes(), &[&fix]).unwrap_or_default();
        assert_eq!(verify(&a, &out, &[&fix]), Ok(()));
    }

    #[test]
    fn unintended_unsafe_and_wrong_changes_are_refused() {
        let a = analysis(SRC);
        let edit = || vec![Edit::replace(span_of(SRC, "a\n"), "b\n")];
        let apply = |f: &Fix| crate::fix::apply::apply_fixes(SRC.as_bytes(), &[f]).unwrap_or_default();
        let silent = Fix::unsafe_("x", edit(), Intent::unchanged());
        assert!(matches!(verify(&a, &apply(&silent), &[&silent]), Err(Unverified::Unintended(_))));
        let safe = Fix::safe("x", edit(), Intent::set("totem.cluster_name", "b"));
        assert!(matches!(verify(&a, &apply(&safe), &[&safe]), Err(Unverified::Unsafe(_))));
        let wrong = Fix::unsafe_("x", edit(), Intent::set("totem.cluster_name", "c"));
        assert!(matches!(verify(&a, &apply(&wrong), &[&wrong]), Err(Unverified::NotAsIntended(_))));
        let right = Fix::unsafe_("x", edit(), Intent::set("totem.cluster_name", "b"));
        assert_eq!(verify(&a, &apply(&right), &[&right]), Ok(()));
    }

    #[test]
    fn comments_must_be_kept_and_moved_ones_must_appear() {
        let a = analysis(SRC);
        let drop = Fix::safe("x", vec![Edit::delete(span_of(SRC, "# top\n"))], Intent::unchanged());
        let out = crate::fix::apply::apply_fixes(SRC.as_bytes(), &[&drop]).unwrap_or_default();
        assert_eq!(verify(&a, &out, &[&drop]), Err(Unverified::Comments));
        let claims = Fix::safe("x", vec![], Intent::unchanged().and_moved_comment("# gone"));
        assert_eq!(verify(&a, SRC.as_bytes(), &[&claims]), Err(Unverified::Comments));
    }

    #[test]
    fn a_new_error_is_refused_and_a_repair_accepted() {
        let a = analysis(SRC);
        let broken = Fix::safe("x", vec![Edit::delete(span_of(SRC, "}\n"))], Intent::unchanged());
        let out = crate::fix::apply::apply_fixes(SRC.as_bytes(), &[&broken]).unwrap_or_default();
        assert!(matches!(verify(&a, &out, &[&broken]), Err(Unverified::NewError(_))));
        let bad = "totem {\n  token: 3000 # ms\n}\n";
        let a = analysis(bad);
        assert!(!a.is_valid());
        let fix = Fix::safe(
            "move",
            vec![Edit::insert(8, "  # ms\n"), Edit::delete(span_of(bad, " # ms"))],
            Intent::set("totem.token", "3000").and_moved_comment("# ms"),
        );
        let out = crate::fix::apply::apply_fixes(bad.as_bytes(), &[&fix]).unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&out), "totem {\n  # ms\n  token: 3000\n}\n");
        assert_eq!(verify(&a, &out, &[&fix]), Ok(()));
    }
}
