//! The `live-not-quorate` rule (fed by the live stage, `crate::live`).

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Reports that this node's partition is not quorate, with the votes it has and needs, and what
/// blocks it: missing members, `wait_for_all` waiting for all nodes to be seen, the expected
/// votes.
/// ## Why it matters
/// Without quorum corosync's users (Pacemaker, pmxcfs) stop or block activity: no resources are
/// started, `/etc/pve` is read-only.
/// ## Example
/// A node cut off from the two others sees 1 member, `Quorate: No`, `Activity blocked`.
/// ## Fix
/// Bring back enough members. Only if you know the other nodes are down for good, lower the
/// expected votes (`corosync-quorumtool -e N`, `pvecm expected N`).
pub const LIVE_NOT_QUORATE: Rule = Rule {
    name: "live-not-quorate",
    code: "R907",
    category: Category::Live,
    severity: Severity::Error,
    summary: "This node's partition has no quorum",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
