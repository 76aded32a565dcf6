use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a section inside `uidgid` when the target is corosync 3.1.10 or later.
/// ## Why it matters
/// corosync 3.1.10 refuses the file: `Subsections are not allowed within uidgid section`.
/// 3.1.9 and older accept it and flatten the subsection's `uid`/`gid` into the block.
/// ## Example
/// `uidgid { extra { uid: root } }`
/// ## Fix
/// Move the `uid:`/`gid:` lines into the `uidgid` block itself and remove the subsection.
pub const UIDGID_SUBSECTION: Rule = Rule {
    name: ErrorKind::UidgidSubsection.name(),
    code: ErrorKind::UidgidSubsection.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::UidgidSubsection.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
