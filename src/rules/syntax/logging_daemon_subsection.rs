use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a section nested inside `logging_daemon` after its `name`, when the target is
/// corosync 3.1.9 or older.
/// ## Why it matters
/// Those releases free the daemon name at the end of the nested section and then use it:
/// corosync crashes with a segmentation fault while parsing (even `corosync -t`). 3.1.10 accepts
/// it and keeps the nested keys under their path.
/// ## Example
/// `logging_daemon { name: corosync  subsys: QUORUM  extra { debug: on } }`
/// ## Fix
/// Move the entries into the `logging_daemon` block itself (or use `logger_subsys`).
pub const LOGGING_DAEMON_SUBSECTION: Rule = Rule {
    name: ErrorKind::LoggingDaemonSubsection.name(),
    code: ErrorKind::LoggingDaemonSubsection.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::LoggingDaemonSubsection.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
