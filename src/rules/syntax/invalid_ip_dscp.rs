use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};
use crate::syntax::ErrorKind;

/// ## What it does
/// Reports a `totem.ip_dscp` that is neither a number 0..63 nor a DSCP name, when the target is
/// corosync 3.1.10 or later.
/// ## Why it matters
/// corosync 3.1.10 reads `ip_dscp` at parse time and refuses the file: `Value of key
/// "totem.ip_dscp" is expected to be number (0..63) or symbolical dscp value`. Older releases
/// ignore the key, so a value that never mattered stops the upgrade.
/// ## Example
/// `ip_dscp: EF` (the names are lower case), `ip_dscp: 64`
/// ## Fix
/// Write a number 0..63 (decimal, `0x` hex or `0` octal) or a lower-case name: `cs0`..`cs7`,
/// `af11`..`af43`, `ef`.
pub const INVALID_IP_DSCP: Rule = Rule {
    name: ErrorKind::InvalidIpDscp.name(),
    code: ErrorKind::InvalidIpDscp.code(),
    category: Category::Syntax,
    severity: Severity::Error,
    summary: ErrorKind::InvalidIpDscp.summary(),
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
