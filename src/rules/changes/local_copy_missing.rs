use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// On a Proxmox VE node, when `corolint` checks `/etc/pve/corosync.conf` (the cluster-wide copy)
/// and `/etc/corosync/corosync.conf` (the file corosync reads) does not exist, it says so.
/// ## Why it matters
/// corosync reads only `/etc/corosync/corosync.conf`. Without it, nothing in the cluster-wide
/// file is in effect on this node: corosync does not start, or runs from a file elsewhere.
/// ## Example
/// A node whose local copy was removed by hand, or a node that never finished joining.
/// ## Fix
/// Check `journalctl -u pve-cluster` and `pvecm status` on the node. pmxcfs writes the local
/// copy from the cluster-wide file when that file's `config_version` is a number above 0.
pub const LOCAL_COPY_MISSING: Rule = Rule {
    name: "local-copy-missing",
    code: "C809",
    category: Category::Changes,
    severity: Severity::Info,
    summary: "`/etc/corosync/corosync.conf` does not exist beside `/etc/pve/corosync.conf`",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
