use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a key/value line whose key is empty (`:value`, `:`, `::`) when the target is
/// corosync 3.1.10 or later.
/// ## Why it matters
/// corosync 3.1.10 refuses the file: `Key name can't be empty`. 3.1.9 and older store the value
/// under a junk key (`totem.`), so a file that worked before the upgrade stops loading.
/// (`: value`, with a blank after the colon, is still accepted: its key is `:`.)
/// ## Example
/// `    :5000`
/// ## Fix
/// Write the key name (`token: 5000`) or remove the line; every release reads that the same way.
pub const EMPTY_KEY_NAME: Rule = Rule {
    name: ErrorKind::EmptyKey.name(),
    code: ErrorKind::EmptyKey.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::EmptyKey.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
