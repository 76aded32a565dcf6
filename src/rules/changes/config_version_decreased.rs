use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Compares a new version of a config with the old one and reports a `totem.config_version`
/// that is lower than before (or was removed).
/// ## Why it matters
/// A node with a lower non-zero `config_version` than another member refuses to join and exits.
/// pmxcfs (Proxmox VE) refuses to copy a lower version to `/etc/corosync/corosync.conf`
/// (`local corosync.conf is newer`), so the change never reaches the nodes.
/// ## Example
/// `config_version: 7` becomes `config_version: 6`.
/// ## Fix
/// Set `config_version` to one more than the highest version any node has seen.
///
/// `check --fix --git-base REF` sets `config_version` to one more than at REF (safe).
pub const CONFIG_VERSION_DECREASED: Rule = Rule {
    name: "config-version-decreased",
    code: "C802",
    category: Category::Changes,
    severity: Severity::Error,
    summary: "`totem.config_version` is lower than in the previous version",
    check: no_check,
    fix: crate::fix::FixAvailability::Safe,
};
