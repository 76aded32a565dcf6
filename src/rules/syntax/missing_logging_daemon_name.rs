use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a legacy `logging_daemon` block without a `name` key.
/// ## Why it matters
/// corosync refuses the file: `No name key in logging_daemon directive`.
/// ## Example
/// `logging_daemon { subsys: QUORUM }`
/// ## Fix
/// Use `logger_subsys` instead.
pub const MISSING_LOGGING_DAEMON_NAME: Rule = Rule {
    name: ErrorKind::MissingLoggingDaemonName.name(),
    code: ErrorKind::MissingLoggingDaemonName.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::MissingLoggingDaemonName.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
