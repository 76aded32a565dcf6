use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a non-numeric or overflowing value of `totem.config_version` or a `poll_period`.
/// ## Why it matters
/// corosync 3.1.7 (Debian 12, Proxmox VE 8) hits an assertion and aborts with SIGABRT instead of
/// printing an error; 3.1.10+ refuses the file.
/// ## Example
/// `config_version: abc`
/// ## Fix
/// Write a decimal number.
pub const INVALID_UNSIGNED_INTEGER: Rule = Rule {
    name: ErrorKind::InvalidUnsignedInteger.name(),
    code: ErrorKind::InvalidUnsignedInteger.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::InvalidUnsignedInteger.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
