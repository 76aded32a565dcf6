use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// With `corolint check --target-version A --upgrade-to B`, reads the file as corosync A (the
/// release the cluster runs) and as corosync B (the one it moves to) and reports every
/// difference: an error, crash or warning that one release reports and the other does not, and
/// every key whose stored value changes (present in one view only, or with another value).
/// ## Why it matters
/// The releases read a few constructs differently: 3.1.8+ treats byte 0xA0 as whitespace;
/// 3.1.10 refuses empty keys, subsections in `uidgid` and `member` and a bad `ip_dscp`, stops
/// crashing on subsections in `logger_subsys`/`logging_daemon` and on a non-numeric
/// `config_version`, keeps a node's subsection keys apart instead of flattening them into the
/// node, and no longer types the `rrp_*` timers. A node upgraded first (`pve8to9`, a Debian
/// release upgrade) then refuses the file the others still run, or runs it with another meaning.
/// New errors are reported as errors, changed meanings as warnings, problems the upgrade fixes
/// as info.
/// ## Example
/// `corolint check --target-version 3.1.9 --upgrade-to 3.1.10` on a file with `ip_dscp: EF`:
/// 3.1.10 refuses it, 3.1.9 ignores the key.
/// ## Fix
/// Write the spelling both releases read the same way (each finding's help names it) before the
/// first node is upgraded.
pub const UPGRADE_CHANGES_MEANING: Rule = Rule {
    name: "upgrade-changes-meaning",
    code: "C810",
    category: Category::Changes,
    severity: Severity::Warning,
    summary: "What changes meaning or verdict when the cluster moves to another corosync release",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
