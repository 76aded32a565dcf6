use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Compares the copies of corosync.conf collected from the nodes of one cluster
/// (`corolint drift`) and reports copies that have the same `config_version` as other copies
/// but a different meaning.
/// ## Why it matters
/// corosync checks only the version number when a node joins. Nodes with the same version and
/// different settings join each other silently and run different configurations: different
/// timeouts, links or quorum settings on different nodes.
/// ## Example
/// `pve1` and `pve2` both have `config_version: 5`, but `pve2` has `token: 10000`.
/// ## Fix
/// Decide which copy is right, bump its `config_version` and distribute it to every node.
///
/// The JSON and SARIF output of `corolint drift` carry an unsafe fix for the copy: `config_version` set
/// to one more than the highest copy's (`--fix` does not apply it: deciding which copy is right is yours).
pub const NODE_DRIFT: Rule = Rule {
    name: "node-drift",
    code: "C804",
    category: Category::Changes,
    severity: Severity::Error,
    summary: "Copies with the same `config_version` have different meanings",
    check: no_check,
    fix: crate::fix::FixAvailability::Unsafe,
};
