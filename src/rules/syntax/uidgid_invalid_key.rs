use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a key other than `uid` or `gid` inside `uidgid`.
/// ## Why it matters
/// corosync refuses the file: `uidgid: Only uid and gid are allowed items`.
/// ## Example
/// `uidgid { user: hacluster }`
/// ## Fix
/// Use `uid:` and `gid:`.
pub const UIDGID_INVALID_KEY: Rule = Rule {
    name: ErrorKind::UidgidInvalidKey.name(),
    code: ErrorKind::UidgidInvalidKey.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::UidgidInvalidKey.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
