use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a section still open at the end of the file.
/// ## Why it matters
/// corosync refuses the file with `Missing closing brace`, reported at the last line.
/// ## Example
/// A truncated file, or a value `cluster_name: }` that looks like a close but is a value.
/// ## Fix
/// Add the missing `}`.
pub const MISSING_CLOSE_BRACE: Rule = Rule {
    name: ErrorKind::MissingCloseBrace.name(),
    code: ErrorKind::MissingCloseBrace.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::MissingCloseBrace.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
