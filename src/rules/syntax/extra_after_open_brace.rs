use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports text after the `{` that opens a section, including `{` inside a value.
/// ## Why it matters
/// corosync opens a section at any `{` on a line, then refuses anything after it:
/// `Extra characters after opening bracket '{'`. One-line sections and shell commands with braces
/// in `heuristics` break the whole file.
/// ## Example
/// `logging { to_syslog: yes }` or `exec_ping: sh -c '{ ping -c1 gw; }'`
/// ## Fix
/// Put each entry and the closing `}` on lines of their own; keep braces out of values.
pub const EXTRA_AFTER_OPEN_BRACE: Rule = Rule {
    name: ErrorKind::ExtraAfterOpenBrace.name(),
    code: ErrorKind::ExtraAfterOpenBrace.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::ExtraAfterOpenBrace.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
