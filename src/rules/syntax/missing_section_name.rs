use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a `{` with no section name before it on the same line.
/// ## Why it matters
/// corosync refuses the file: `Missing section name before opening bracket '{'`. It never joins
/// `totem` on one line with `{` on the next.
/// ## Example
/// ```text
/// totem
/// {
/// ```
/// ## Fix
/// Write `totem {` on one line.
pub const MISSING_SECTION_NAME: Rule = Rule {
    name: ErrorKind::MissingSectionName.name(),
    code: ErrorKind::MissingSectionName.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::MissingSectionName.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
