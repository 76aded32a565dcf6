//! The `live-pve-members-disagree` rule (fed by the live stage, `crate::live`).

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// On Proxmox VE, compares `/etc/pve/.members` (pmxcfs's view: which nodes are online, whether it
/// is quorate) with corosync's membership and quorum.
/// ## Why it matters
/// pmxcfs gets its view from corosync (cpg and quorum). When they disagree, pmxcfs is stuck or
/// lagging: `/etc/pve` may be read-only or stale although corosync is fine.
/// ## Example
/// corosync has 3 members and is quorate, `.members` shows node3 offline.
/// ## Fix
/// Check `systemctl status pve-cluster` and `journalctl -u pve-cluster`; restart pve-cluster on the node.
pub const LIVE_PVE_MEMBERS_DISAGREE: Rule = Rule {
    name: "live-pve-members-disagree",
    code: "R909",
    category: Category::Live,
    severity: Severity::Warning,
    summary: "pmxcfs's `/etc/pve/.members` disagrees with corosync's membership or quorum",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
