use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports nodes without `name` when more than one link is configured.
/// ## Why it matters
/// corosync refuses to start: `parse error in config: for a multi-link configuration, all nodes
/// must have a 'name' attribute`.
/// ## Example
/// A node with `ring0_addr` and `ring1_addr` but no `name`.
/// ## Fix
/// Add `name: HOSTNAME` to every node.
pub const MISSING_NODE_NAME: Rule = Rule {
    name: "missing-node-name",
    code: "N305",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "a node has no name in a multi-link configuration",
    check: check_missing_name,
    fix: crate::fix::FixAvailability::None,
};

fn check_missing_name(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    let links = net.configured_links();
    if links.len() < 2 {
        return;
    }
    for node in net.nodes.iter().filter(|n| n.name.is_none() && !n.addrs.is_empty()) {
        let span = node.addrs.first().map_or(node.span, |a| a.span);
        out.push(
            Diagnostic::new(&MISSING_NODE_NAME, span, format!("{} has no name, but {} links are configured", node.label(), links.len()))
                .with_label("node without name")
                .with_help("corosync refuses to start: `for a multi-link configuration, all nodes must have a 'name' attribute`; add `name: HOSTNAME`"),
        );
    }
}
