use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::MAX_NODES;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a nodelist with more than 384 nodes.
/// ## Why it matters
/// corosync keeps members in fixed arrays of `PROCESSOR_COUNT_MAX` (384) entries per link; more
/// nodes overflow them. (knet clusters are tested to far fewer nodes.)
/// ## Example
/// A generated nodelist with 400 `node` blocks.
/// ## Fix
/// Split the cluster; corosync is not designed for hundreds of nodes.
pub const TOO_MANY_NODES: Rule = Rule {
    name: "too-many-nodes",
    code: "N306",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "more than 384 nodes",
    check: check_too_many_nodes,
    fix: crate::fix::FixAvailability::None,
};

fn check_too_many_nodes(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    if let Some(node) = net.nodes.get(MAX_NODES) {
        out.push(
            Diagnostic::new(
                &TOO_MANY_NODES,
                node.span,
                format!("the nodelist has {} nodes; corosync supports at most {MAX_NODES}", net.nodes.len()),
            )
            .with_label(format!("node {} of {}", MAX_NODES + 1, net.nodes.len()))
            .with_help("corosync's member arrays hold 384 entries per link; more nodes overflow them"),
        );
    }
}
