use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Compares a new version of a config with the old one (`corolint diff OLD NEW`, or
/// `corolint check --git-base REF`) and reports when keys changed meaning but
/// `totem.config_version` stayed the same. Files where neither version sets `config_version`
/// are not versioned and are skipped.
/// ## Why it matters
/// When a node joins a multi-node membership for the first time, corosync compares its
/// `config_version` with the other members' and a node with a lower non-zero value exits
/// (`Received config version (N) is different than my config version (M)! Exiting`). With an
/// unchanged version, nodes that still run the old text join silently with a different config.
/// On Proxmox VE the documentation asks for a bump on every change.
/// ## Example
/// `token: 3000` becomes `token: 5000` and `config_version: 4` stays `4`.
/// ## Fix
/// Increase `config_version` by one with every change, then copy the file to every node.
///
/// `check --fix --git-base REF` (and the `corolint-fix` pre-commit hook) sets `config_version` to one
/// more than at REF. This fix is safe: `config_version` is what corosync compares between copies, not a setting.
pub const CONFIG_VERSION_NOT_BUMPED: Rule = Rule {
    name: "config-version-not-bumped",
    code: "C801",
    category: Category::Changes,
    severity: Severity::Error,
    summary: "The configuration changed but `totem.config_version` was not increased",
    check: no_check,
    fix: crate::fix::FixAvailability::Safe,
};
