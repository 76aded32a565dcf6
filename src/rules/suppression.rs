//! Rules about `# corolint: disable=…` directives. Their diagnostics come
//! from the suppression stage of the engine ([`crate::suppress`]), not from a check.

use super::{Category, Rule, no_check};
use crate::diagnostic::Severity;

/// ## What it does
/// Reports a rule named in a `# corolint: disable=…` or `# corolint: disable-file=…`
/// directive that suppressed nothing: the rule does not fire on the entry or section
/// the directive covers (or anywhere in the file, for `disable-file`), or no entry
/// or section follows the directive at all.
/// ## Why it matters
/// A stale suppression hides the next real problem of that kind without anyone
/// noticing. Directives should only stay while they are needed.
/// ## Example
/// ```text
/// totem {
///   # corolint: disable=invalid-suppression
///   cluster_name: prod
/// }
/// ```
/// ## Fix
/// Remove the rule from the directive, or the whole comment line.
pub const UNUSED_SUPPRESSION: Rule = Rule {
    name: "unused-suppression",
    code: "X901",
    category: Category::Style,
    severity: Severity::Warning,
    summary: "suppression directive that suppresses nothing",
    check: no_check,
};

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
};
