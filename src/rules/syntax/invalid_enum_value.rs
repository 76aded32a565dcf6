use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a value outside the list corosync's parser accepts for `ip_version`, `crypto_model`,
/// `crypto_cipher`, `crypto_hash`, `knet_compression_model`, `system.qb_ipc_type`,
/// `system.sched_rr`, `system.move_to_root_cgroup` or `system.allow_knet_handle_fallback`.
/// ## Why it matters
/// corosync refuses the file. The lists are case-sensitive, and `knet_compression_model: none`
/// is refused although it is the documented default.
/// ## Example
/// `crypto_cipher: AES256`, `ip_version: ipv5`
/// ## Fix
/// Use one of the listed values, or remove the key to get the default.
pub const INVALID_ENUM_VALUE: Rule = Rule {
    name: ErrorKind::InvalidEnumValue.name(),
    code: ErrorKind::InvalidEnumValue.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::InvalidEnumValue.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
