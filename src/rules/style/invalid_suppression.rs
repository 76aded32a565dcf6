use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Reports a `# corolint:` comment that is not a valid directive: an unknown
/// rule name, an unknown action (only `disable=` and `disable-file=` exist),
/// an empty rule list, a syntax rule (those cannot be suppressed), or a
/// directive written after a value on the same line.
/// ## Why it matters
/// An invalid directive suppresses nothing, so the finding it was meant to
/// silence still appears, or a typo hides that the directive does nothing. A
/// `#` after a value is not a comment for corosync: it becomes part of the value.
/// ## Example
/// ```text
/// # corolint: disable=duplicate-kye
/// token: 3000
/// ```
/// ## Fix
/// Correct the rule name (`corolint rules` lists them), and put directives on a
/// line of their own. Fix syntax errors instead of suppressing them.
pub const INVALID_SUPPRESSION: Rule = Rule {
    name: "invalid-suppression",
    code: "X902",
    category: Category::Style,
    severity: Severity::Warning,
    summary: "malformed suppression directive or unknown rule name",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
