use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a line that is not a section opening, a `key: value`, a `}`, blank or a comment.
/// ## Why it matters
/// corosync refuses the file: `Line is not opening or closing section or key value`.
/// ## Example
/// `version 2`, `key = value`, a backslash continuation line, or prose pasted into the file.
/// ## Fix
/// Use `key: value`; put the `{` on the section's line.
pub const INVALID_LINE: Rule = Rule {
    name: ErrorKind::InvalidLine.name(),
    code: ErrorKind::InvalidLine.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::InvalidLine.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
