use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a value of an integer key that is not a base-10 number within the key's range.
/// ## Why it matters
/// corosync refuses the file. `+2` and `02` are accepted; `0x2`, `"2"`, `2;`, `yes` and
/// `2 # comment` are not: a `#` after a value is part of the value.
/// ## Example
/// `version: 2 # required`, `two_node: yes`, `token: 4294967296`
/// ## Fix
/// Write a plain decimal number; move comments to their own line.
pub const INVALID_INTEGER: Rule = Rule {
    name: ErrorKind::InvalidInteger.name(),
    code: ErrorKind::InvalidInteger.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::InvalidInteger.summary(),
    check: no_check,
};
