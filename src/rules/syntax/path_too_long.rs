use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a section or key whose full dotted cmap path would reach 255 bytes.
/// ## Why it matters
/// corosync refuses the file (`Start of section makes total cmap path too long` / `New key ...`).
/// ## Example
/// Very deeply nested unknown sections.
/// ## Fix
/// Shorten the names or the nesting.
pub const PATH_TOO_LONG: Rule = Rule {
    name: ErrorKind::PathTooLong.name(),
    code: ErrorKind::PathTooLong.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::PathTooLong.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
