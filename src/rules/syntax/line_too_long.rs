use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a line of 511 bytes or more before its newline (510 or more with CRLF).
/// ## Why it matters
/// corosync reads lines into a 512-byte buffer and refuses the whole file: `Line too long`.
/// ## Example
/// A `heuristics { exec_check: ... }` command line of 600 characters.
/// ## Fix
/// Shorten the value, e.g. move a long command into a script and call the script.
pub const LINE_TOO_LONG: Rule = Rule {
    name: ErrorKind::LineTooLong.name(),
    code: ErrorKind::LineTooLong.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::LineTooLong.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
