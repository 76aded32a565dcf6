use super::link_anchors::interface_anchor;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// When more than one link is configured, reports nodes that lack an address on a link other nodes
/// have, and `interface` blocks with settings for a link on which no node has an address.
/// ## Why it matters
/// corosync refuses to start: `parse error in config: Not all nodes have the same number of links`.
/// An `interface { linknumber: 1 ... }` block counts as a configured link even when no node has
/// `ring1_addr`.
/// ## Example
/// Node 1 has `ring0_addr` and `ring1_addr`, node 2 only `ring0_addr`.
/// ## Fix
/// Give every node an address on every link, or remove the extra addresses and interface blocks.
pub const LINK_MISMATCH: Rule = Rule {
    name: "link-mismatch",
    code: "N313",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "nodes do not all have addresses on the same links",
    check: check_link_mismatch,
    fix: crate::fix::FixAvailability::None,
};

fn check_link_mismatch(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    let configured = net.configured_links();
    if configured.len() < 2 {
        return;
    }
    let address_links = net.address_links();
    for node in net.nodes.iter().filter(|n| !n.addrs.is_empty()) {
        let missing: Vec<u32> = address_links.iter().copied().filter(|l| node.addr(*l).is_none()).collect();
        if missing.is_empty() {
            continue;
        }
        let link = missing.first().copied().unwrap_or_default();
        let help = format!(
            "corosync refuses to start: `Not all nodes have the same number of links` (on this node's own host corosync 3.1.7 says `No multicast port specified for interface {link}` instead); give every node an address on every configured link"
        );
        let span = node.addrs.first().map_or(node.span, |a| a.span);
        let list = missing.iter().map(|l| format!("ring{l}_addr")).collect::<Vec<_>>().join(", ");
        let mut d =
            Diagnostic::new(&LINK_MISMATCH, span, format!("{} has no {list}, which other nodes have", node.label()))
                .with_label(format!("missing {list}"))
                .with_help(help);
        if let Some(other) = missing.first().and_then(|l| net.members(*l).next()) {
            d = d.with_secondary(other.1.span, format!("{} has it", other.0.label()));
        }
        out.push(d);
    }
    for link in configured.iter().filter(|l| !address_links.contains(l)) {
        let Some(span) = interface_anchor(net, *link)
            .or_else(|| net.links.get(link).and_then(|l| l.keys.values().next().map(|s| s.span)))
        else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &LINK_MISMATCH,
                span,
                format!("interface settings for link {link}, but no node has ring{link}_addr"),
            )
            .with_label(format!("configures link {link}"))
            .with_help(format!(
                "corosync refuses to start: `Not all nodes have the same number of links`; add ring{link}_addr to every node, or delete the interface block"
            )),
        );
    }
}
