//! The `live-members-disagree` rule (fed by the live stage, `crate::live`).

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Reports members whose `runtime.members.<nodeid>.config_version` differs from the others'.
/// ## Why it matters
/// Each node re-reads its own file on a reload. A node with a different version did not get the
/// new file, or has a different copy, and runs different settings; after a restart, a node with a
/// lower version refuses to join (`Received config version ... is different`).
/// ## Example
/// node3 runs `config_version` 4 while node1 and node2 run 5.
/// ## Fix
/// Copy the newest file to every node and run `corosync-cfgtool -R`.
pub const LIVE_MEMBERS_DISAGREE: Rule = Rule {
    name: "live-members-disagree",
    code: "R904",
    category: Category::Live,
    severity: Severity::Warning,
    summary: "Members of the cluster run different `config_version`s",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
