use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a `logger_subsys` block without a `subsys` key.
/// ## Why it matters
/// corosync refuses the file: `No subsys key in logger_subsys directive`.
/// ## Example
/// `logger_subsys { debug: on }`
/// ## Fix
/// Add `subsys: NAME`.
pub const MISSING_SUBSYS: Rule = Rule {
    name: ErrorKind::MissingSubsys.name(),
    code: ErrorKind::MissingSubsys.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::MissingSubsys.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
