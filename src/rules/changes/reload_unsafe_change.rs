use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Compares a new version of a config with the old one and reports every change that
/// `corosync-cfgtool -R` does not apply: keys that a reload stores but ignores until corosync
/// restarts (`cluster_name`, `transport`, `ip_version`, `netmtu`, `quorum.provider`, `system.*`,
/// `wait_for_all`, `last_man_standing`, `auto_tie_breaker`, a link's `mcastport` …), and changes
/// that make the reload fail (an existing node's address on an existing link, a link's
/// `knet_transport`).
/// ## Why it matters
/// A reload that cannot apply a key logs `Modified entry '<key>' in corosync.conf cannot be
/// changed at run-time` and keeps the old value; a per-link `mcastport` is even stored without a
/// word. The running cluster then differs from the file until the next restart, when the change
/// lands all at once. Changing the address of an existing node makes the whole reload fail with
/// `Cannot configure new interface definitions`.
/// ## Example
/// `cluster_name: prod` becomes `cluster_name: production`, or node 2's `ring0_addr` changes
/// from `10.0.0.2` to `10.0.0.12`.
/// ## Fix
/// Plan a restart of corosync on every node for the keys that need it. To move a node to a new
/// address, remove the node (reload), then add it back with the new address (reload), or
/// restart the whole cluster.
pub const RELOAD_UNSAFE_CHANGE: Rule = Rule {
    name: "reload-unsafe-change",
    code: "C803",
    category: Category::Changes,
    severity: Severity::Warning,
    summary: "A change that `corosync-cfgtool -R` ignores until restart, or that makes the reload fail",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
