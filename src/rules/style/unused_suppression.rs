use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

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
    fix: crate::fix::FixAvailability::None,
};
