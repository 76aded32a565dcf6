//! The `live-link-down` rule (fed by the live stage, `crate::live`).

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Reports each enabled knet link to a member that is not connected while that node is still a
/// member over another link.
/// ## Why it matters
/// Redundant links exist for the failure that has not happened yet. With one link down the
/// cluster works, shows nothing in `corosync-quorumtool`, and one more failure splits it.
/// ## Example
/// `corosync-cfgtool -s` shows `nodeid: 3: disconnected` under `LINK ID 1`.
/// ## Fix
/// Check the interface, cabling, switch or firewall of that link on both nodes.
pub const LIVE_LINK_DOWN: Rule = Rule {
    name: "live-link-down",
    code: "R906",
    category: Category::Live,
    severity: Severity::Warning,
    summary: "A configured knet link to a member is down while the node is reachable over another link",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
