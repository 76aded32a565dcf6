use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a key other than `memberaddr` inside an interface's `member` section.
/// ## Why it matters
/// corosync refuses the file: `Only memberaddr is allowed in member section`.
/// ## Example
/// `member { addr: 10.0.0.1 }`
/// ## Fix
/// Replace `member` sections with a nodelist.
pub const MEMBER_INVALID_KEY: Rule = Rule {
    name: ErrorKind::MemberInvalidKey.name(),
    code: ErrorKind::MemberInvalidKey.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::MemberInvalidKey.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
