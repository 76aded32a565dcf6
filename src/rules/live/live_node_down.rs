//! The `live-node-down` rule (fed by the live stage, `crate::live`).

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Reports each node of the running nodelist that is not in this node's membership.
/// ## Why it matters
/// A node that is down or cut off takes its votes with it: the cluster survives one fewer
/// failure than it was built for.
/// ## Example
/// `corosync-quorumtool -s` lists 2 of 3 nodes.
/// ## Fix
/// Start corosync on the node, or check its network (`corosync-cfgtool -s` on both sides).
pub const LIVE_NODE_DOWN: Rule = Rule {
    name: "live-node-down",
    code: "R905",
    category: Category::Live,
    severity: Severity::Warning,
    summary: "A node of the nodelist is not a member now",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
