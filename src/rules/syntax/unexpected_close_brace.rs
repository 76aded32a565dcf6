use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a `}` at the top level that closes nothing.
/// ## Why it matters
/// corosync refuses the file: `Unexpected closing brace`.
/// ## Example
/// An extra `}` after the last section.
/// ## Fix
/// Remove it, or add the section header that is missing.
pub const UNEXPECTED_CLOSE_BRACE: Rule = Rule {
    name: ErrorKind::UnexpectedCloseBrace.name(),
    code: ErrorKind::UnexpectedCloseBrace.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::UnexpectedCloseBrace.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
