use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a section nested inside `logger_subsys`.
/// ## Why it matters
/// corosync 3.1.7 crashes with a segmentation fault while parsing (even `corosync -t`).
/// ## Example
/// `logger_subsys { subsys: QUORUM  extra { } }`
/// ## Fix
/// Remove the nested section.
pub const LOGGER_SUBSYS_SUBSECTION: Rule = Rule {
    name: ErrorKind::LoggerSubsysSubsection.name(),
    code: ErrorKind::LoggerSubsysSubsection.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::LoggerSubsysSubsection.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
