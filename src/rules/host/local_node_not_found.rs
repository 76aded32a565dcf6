use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Reports a nodelist in which corosync would not find this host.
/// ## Why it matters
/// corosync looks for itself among the nodes' `name` and `ring0_addr` (never `ring1_addr`...): the hostname, the hostname without its domain, the names and IPv4 addresses of the local interfaces, then each value resolved. With no match it refuses to start: `No valid name found for local host`.
/// ## Example
/// On host `node3`, a nodelist with only `node1` and `node2`.
/// ## Fix
/// Add this host's node, or set the node's `name` to this host's hostname.
///
/// Runs only on a cluster node: for files under `/etc/corosync/` or `/etc/pve/`, or with
/// `--host-checks` (off elsewhere: a CI runner is not the node).
pub const LOCAL_NODE_NOT_FOUND: Rule = Rule {
    name: "local-node-not-found",
    code: "H101",
    category: Category::Host,
    severity: Severity::Error,
    summary: "this host is not one of the nodes (corosync refuses to start)",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
