//! The `live-quorum-loss` rule (fed by the live stage, `crate::live`).

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// With `corolint status --down NODE[,NODE…]`: takes the live membership and votes (nodes already
/// down stay down), removes those nodes and reports when what is left would not be quorate, and
/// what would keep it.
/// ## Why it matters
/// Rebooting a node while another is already down is how a healthy-looking cluster loses quorum
/// during maintenance.
/// ## Example
/// 3 nodes, node3 already down, `--down node2`: node1 keeps 1 of 3 votes, quorum 2.
/// ## Fix
/// Bring the missing nodes back first, stop fewer nodes at a time, or plan the loss of quorum.
pub const LIVE_QUORUM_LOSS: Rule = Rule {
    name: "live-quorum-loss",
    code: "R908",
    category: Category::Live,
    severity: Severity::Error,
    summary: "Stopping the nodes given to `--down` now would cost this partition its quorum",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
