use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a NUL byte inside a line.
/// ## Why it matters
/// corosync stops reading the line at the NUL and refuses the file with `Line too long`.
/// ## Example
/// A file damaged by a bad copy, with `\0` bytes in it.
/// ## Fix
/// Remove the NUL bytes.
pub const NUL_BYTE: Rule = Rule {
    name: ErrorKind::NulByte.name(),
    code: ErrorKind::NulByte.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::NulByte.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
