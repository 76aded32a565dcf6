use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a `node` block with no `ringN_addr`, including an empty `node {}`.
/// ## Why it matters
/// corosync accepts it, but the node can never be a member. An empty `node {}` is worse: when it is
/// the first node, the real daemon aborts at startup (`Assertion 'memb_join->header.nodeid' failed`)
/// although `corosync -t` passes.
/// ## Example
/// ```text
/// nodelist {
///     node {
///     }
/// }
/// ```
/// ## Fix
/// Give the node `ring0_addr` (and a `nodeid` and `name`), or delete the block.
pub const NODE_WITHOUT_ADDRESS: Rule = Rule {
    name: "node-without-address",
    code: "N307",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "a node has no ringN_addr (or the node block is empty)",
    check: check_node_without_address,
    fix: crate::fix::FixAvailability::None,
};

fn check_node_without_address(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    let mut reported = BTreeSet::new();
    for block in &net.node_blocks {
        // `net.nodes` is ordered by index.
        let node = net.nodes.binary_search_by_key(&block.index, |n| n.index).ok().and_then(|i| net.nodes.get(i));
        if node.is_some_and(|n| !n.addrs.is_empty()) || !reported.insert(block.index) {
            continue;
        }
        let d = if block.key_count == 0 && node.is_none() {
            let first = block.index == 0;
            Diagnostic::new(&NODE_WITHOUT_ADDRESS, block.open, "empty `node {}` block")
                .with_label("no keys")
                .with_help(if first {
                    "corosync -t accepts it, but as the first node it makes the daemon abort at startup (`Assertion 'memb_join->header.nodeid' failed`); delete the block or fill in ring0_addr, nodeid and name"
                } else {
                    "the node can never join; delete the block or fill in ring0_addr, nodeid and name (as the first node it makes the daemon abort)"
                })
        } else {
            let label = node.map_or_else(|| format!("node #{}", block.index.saturating_add(1)), |n| n.label());
            Diagnostic::new(&NODE_WITHOUT_ADDRESS, block.open, format!("{label} has no ringN_addr"))
                .with_label("no address")
                .with_help(if ctx.startup().is_empty() {
                    "corosync starts, but this node can never be a member; add `ring0_addr: ADDRESS` (and the other links' addresses)"
                } else {
                    "this node can never be a member; add `ring0_addr: ADDRESS` (and the other links' addresses)"
                })
        };
        out.push(d);
    }
}
