use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Compares the copies of corosync.conf collected from the nodes of one cluster and reports
/// copies whose `totem.cluster_name` differs from the newest copies'.
/// ## Why it matters
/// The cluster name is read-only at run time. With udp it also derives the multicast address,
/// and corosync-qdevice and qnetd group nodes by it, so nodes with different names do not form
/// one cluster with one quorum device.
/// ## Example
/// `cluster_name: prod` on two nodes and `cluster_name: Prod` on the third.
/// ## Fix
/// Use one cluster name on every node; changing it needs a restart of the whole cluster.
pub const CLUSTER_NAME_DRIFT: Rule = Rule {
    name: "cluster-name-drift",
    code: "C806",
    category: Category::Changes,
    severity: Severity::Error,
    summary: "Copies of one cluster's config have different `cluster_name`s",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
