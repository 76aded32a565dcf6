use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Compares the copies of corosync.conf collected from the nodes of one cluster and reports
/// each copy whose `config_version` is lower than the newest copy's.
/// ## Why it matters
/// A node with a lower non-zero version refuses to join the others and exits. On Proxmox VE
/// pmxcfs refuses to copy a lower version over a newer local file.
/// ## Example
/// `pve3` still has `config_version: 4` while `pve1` and `pve2` have `5`.
/// ## Fix
/// Copy the newest file to the stale node (on Proxmox VE: make sure pmxcfs is running and
/// quorate, and check the pve-cluster log).
pub const STALE_CONFIG: Rule = Rule {
    name: "stale-config",
    code: "C805",
    category: Category::Changes,
    severity: Severity::Error,
    summary: "A copy has a lower `config_version` than the newest copy",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
