use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a section nested inside `logger_subsys` after its `subsys`, when the target is
/// corosync 3.1.9 or older.
/// ## Why it matters
/// Those releases free the subsys name at the end of the nested section and then use it:
/// corosync crashes with a segmentation fault while parsing (even `corosync -t`). 3.1.10
/// accepts it and stores the nested keys as `logging.logger_subsys.<SUBSYS>.<section>.<key>`.
/// ## Example
/// `logger_subsys { subsys: QUORUM  extra { } }`
/// ## Fix
/// Move the entries into the `logger_subsys` block itself, which every release reads the same way.
pub const LOGGER_SUBSYS_SUBSECTION: Rule = Rule {
    name: ErrorKind::LoggerSubsysSubsection.name(),
    code: ErrorKind::LoggerSubsysSubsection.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::LoggerSubsysSubsection.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
