use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a key whose cmap name has a character outside `A-Z a-z 0-9 . _ - / :`, or is shorter
/// than 3 bytes.
/// ## Why it matters
/// corosync refuses the file with the misleading
/// `Can't store key "..." into icmap, returned error is CS_ERR_NAME_TOO_LONG`. Typical causes:
/// a space in a key, a non-breaking space or a byte-order mark pasted from a web page or editor.
/// ## Example
/// `cluster name: x`, an indentation made of U+00A0, a UTF-8 BOM at the start of the file.
/// ## Fix
/// Retype the key with plain ASCII; indent with spaces or tabs only.
pub const INVALID_KEY_NAME: Rule = Rule {
    name: ErrorKind::InvalidKeyName.name(),
    code: ErrorKind::InvalidKeyName.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::InvalidKeyName.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
