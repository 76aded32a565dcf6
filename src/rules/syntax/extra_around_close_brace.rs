use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a `}` line with anything else on it.
/// ## Why it matters
/// corosync refuses the file: `Extra characters before or after closing bracket '}'`.
/// There are no trailing comments in corosync.conf.
/// ## Example
/// `} # end of totem`, `};`, `}}`
/// ## Fix
/// Put `}` alone on its line, and comments on lines of their own.
pub const EXTRA_AROUND_CLOSE_BRACE: Rule = Rule {
    name: ErrorKind::ExtraAroundCloseBrace.name(),
    code: ErrorKind::ExtraAroundCloseBrace.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::ExtraAroundCloseBrace.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
