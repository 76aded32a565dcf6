use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a section inside `totem.interface.member` when the target is corosync 3.1.10 or later.
/// ## Why it matters
/// corosync 3.1.10 refuses the file: `Subsections are not allowed within totem.interface.member
/// section`. 3.1.9 and older accept it.
/// ## Example
/// `member { memberaddr: 10.0.0.1  extra { } }`
/// ## Fix
/// Remove the subsection; better, replace `member` sections with a nodelist.
pub const MEMBER_SUBSECTION: Rule = Rule {
    name: ErrorKind::MemberSubsection.name(),
    code: ErrorKind::MemberSubsection.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::MemberSubsection.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
