use crate::diagnostic::Severity;
use crate::fix::{Fix, Intent, edits};
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a value of an integer key that is not a base-10 number within the key's range.
/// ## Why it matters
/// corosync refuses the file. `+2` and `02` are accepted; `0x2`, `"2"`, `2;`, `yes` and
/// `2 # comment` are not: a `#` after a value is part of the value.
/// ## Example
/// `version: 2 # required`, `two_node: yes`, `token: 4294967296`
/// ## Fix
/// Write a plain decimal number; move comments to their own line.
///
/// When the cause is a trailing comment (`token: 3000 # ms`), `check --fix` moves the comment to its own
/// line above and leaves the number (safe: the file corosync refused is accepted).
pub const INVALID_INTEGER: Rule = Rule {
    name: ErrorKind::InvalidInteger.name(),
    code: ErrorKind::InvalidInteger.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::InvalidInteger.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::Safe,
};

/// The safe fix of an `invalid-integer` error caused by a trailing comment
/// (`token: 3000 # ms`): the comment moves to its own line above and the
/// number is left, which corosync accepts. `None` for other causes.
pub fn trailing_comment_fix(
    tree: &crate::syntax::SyntaxTree,
    src: &[u8],
    error: &crate::syntax::SyntaxError,
) -> Option<Fix> {
    if error.kind != ErrorKind::InvalidInteger {
        return None;
    }
    let line = edits::line_at(tree, error.span.start)?;
    let (kept, comment) = edits::value_without_comment(src, line)?;
    let digits = kept.strip_prefix(b"-").unwrap_or(kept);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let (edits, text) = edits::move_trailing_comment(src, line, comment)?;
    let mut path: Option<Vec<&[u8]>> = None;
    tree.walk(src, &mut |sections, node| {
        if let crate::syntax::Node::Pair(l) = node
            && l.span == line.span
        {
            path = Some(sections.to_vec());
        }
    });
    let path = path?.iter().map(|s| crate::source::display_bytes(s)).collect::<Vec<_>>().join(".");
    let crate::syntax::LineKind::Pair { key, .. } = line.kind else { return None };
    let key = crate::source::display_bytes(src.get(key.range())?);
    // Keys of nodes and links are numbered by position: any key of the block may be the one.
    let intent = if path.starts_with("nodelist") || path.contains("interface") {
        Intent::unchanged().and_any_under(format!("{path}."))
    } else {
        Intent::set(format!("{path}.{key}"), kept)
    };
    Some(Fix::safe(
        format!(
            "Move `{}` to its own line above, leaving `{key}: {}`",
            crate::source::display_bytes(&text),
            crate::source::display_bytes(kept)
        ),
        edits,
        intent.and_moved_comment(text),
    ))
}
