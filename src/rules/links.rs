//! Links: `interface` blocks and the links node addresses put nodes on.

use std::collections::BTreeMap;

use super::{Category, Context, Profile, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::{InterfaceBlock, MAX_LINKS, Network};
use crate::source::Span;

/// Where a link is first configured: a node address on it, else its interface settings.
fn link_anchor(net: &Network, link: u32) -> Option<Span> {
    net.members(link)
        .map(|(_, a)| a.span)
        .next()
        .or_else(|| interface_anchor(net, link))
}

/// The `linknumber:` line (or `interface {` line) of the first block that configures `link`.
fn interface_anchor(net: &Network, link: u32) -> Option<Span> {
    let block = net
        .interface_blocks
        .iter()
        .find(|b| b.link == link && b.stores_link_keys)?;
    Some(block.linknumber.as_ref().map_or(block.open, |l| l.span))
}

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
};

fn check_link_mismatch(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
    let configured = net.configured_links();
    if configured.len() < 2 {
        return;
    }
    let help = "corosync refuses to start: `Not all nodes have the same number of links`; give every node an address on every configured link";
    let address_links = net.address_links();
    for node in net.nodes.iter().filter(|n| !n.addrs.is_empty()) {
        let missing: Vec<u32> = address_links
            .iter()
            .copied()
            .filter(|l| node.addr(*l).is_none())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let span = node.addrs.first().map_or(node.span, |a| a.span);
        let list = missing
            .iter()
            .map(|l| format!("ring{l}_addr"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut d = Diagnostic::new(
            &LINK_MISMATCH,
            span,
            format!("{} has no {list}, which other nodes have", node.label()),
        )
        .with_label(format!("missing {list}"))
        .with_help(help);
        if let Some(other) = missing.first().and_then(|l| net.members(*l).next()) {
            d = d.with_secondary(other.1.span, format!("{} has it", other.0.label()));
        }
        out.push(d);
    }
    for link in configured.iter().filter(|l| !address_links.contains(l)) {
        let Some(span) = interface_anchor(net, *link).or_else(|| {
            net.links
                .get(link)
                .and_then(|l| l.keys.values().next().map(|s| s.span))
        }) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &LINK_MISMATCH,
                span,
                format!("interface settings for link {link}, but no node has ring{link}_addr"),
            )
            .with_label(format!("configures link {link}"))
            .with_help(help),
        );
    }
}

/// ## What it does
/// Reports `linknumber` or `ringN_addr` with a link number of 8 or more.
/// ## Why it matters
/// corosync supports links 0 to 7 and refuses to start: `interface ring number N is bigger than
/// allowed maximum 7`.
/// ## Example
/// `ring8_addr: 10.8.0.1`
/// ## Fix
/// Use links 0 to 7.
pub const LINK_NUMBER_OUT_OF_RANGE: Rule = Rule {
    name: "link-number-out-of-range",
    code: "N314",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "a link number is 8 or more",
    check: check_link_range,
};

fn check_link_range(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
    let diag = |span: Span, what: String, n: u32| {
        Diagnostic::new(&LINK_NUMBER_OUT_OF_RANGE, span, what)
            .with_label("links are 0 to 7")
            .with_help(format!(
                "corosync refuses to start: `interface ring number {n} is bigger than allowed maximum 7`; use links 0 to 7"
            ))
    };
    for node in &net.nodes {
        for a in node.addrs.iter().filter(|a| a.link >= MAX_LINKS) {
            out.push(diag(
                a.span,
                format!(
                    "{} of {} is link {}; corosync allows links 0 to 7",
                    a.key,
                    node.label(),
                    a.link
                ),
                a.link,
            ));
        }
    }
    for link in net.links.keys().filter(|l| **l >= MAX_LINKS) {
        let span = interface_anchor(net, *link)
            .or_else(|| {
                net.links
                    .get(link)
                    .and_then(|l| l.keys.values().next().map(|s| s.span))
            })
            .unwrap_or_default();
        out.push(diag(
            span,
            format!("interface linknumber {link} is out of range; corosync allows links 0 to 7"),
            *link,
        ));
    }
}

/// ## What it does
/// Reports `interface` blocks that configure nothing: a block with `linknumber` and no key corosync
/// stores for the link (warning), and a block without `linknumber`, which silently configures
/// link 0 (info).
/// ## Why it matters
/// corosync keeps interface settings only under the link number, and only for the keys it knows
/// (`mcastport`, `knet_*`, `ttl`, `bindnetaddr`, ...). `interface { linknumber: 1 }` alone stores
/// nothing, so it does not create link 1. Without `linknumber` the block merges into link 0.
/// ## Example
/// ```text
/// interface {
///     linknumber: 1
/// }
/// ```
/// ## Fix
/// Delete empty blocks; add `linknumber:` to every interface block.
pub const INTERFACE_WITHOUT_LINK: Rule = Rule {
    name: "interface-without-link",
    code: "N315",
    category: Category::Nodelist,
    severity: Severity::Warning,
    summary: "an interface block stores nothing, or has no linknumber",
    check: check_interface_without_link,
};

fn check_interface_without_link(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
    for block in &net.interface_blocks {
        if !block.stores_link_keys {
            let others: Vec<String> = block
                .keys
                .iter()
                .map(|(k, _)| format!("`{}`", crate::source::display_bytes(k)))
                .collect();
            let has_nodes = net.members(block.link).next().is_some();
            if has_nodes && others.is_empty() && ctx.profile == Profile::Pve {
                continue; // pvecm writes `interface { linknumber: N }` for every link
            }
            let mut help = if has_nodes {
                format!(
                    "corosync stores nothing for this block; link {} exists only because nodes have ring{}_addr. Delete the block or add the link's settings",
                    block.link, block.link
                )
            } else {
                format!(
                    "corosync stores nothing for this block, so it does not create link {}; add ring{}_addr to the nodes and the link's settings, or delete the block",
                    block.link, block.link
                )
            };
            if !others.is_empty() {
                help = format!(
                    "{} {} not a link setting and {} stored outside the link; {help}",
                    others.join(", "),
                    if others.len() == 1 { "is" } else { "are" },
                    if others.len() == 1 { "is" } else { "are" }
                );
            }
            let mut d = Diagnostic::new(
                &INTERFACE_WITHOUT_LINK,
                block.open,
                format!(
                    "interface block for link {} sets nothing corosync keeps",
                    block.link
                ),
            )
            .with_label("no link settings")
            .with_help(help);
            if has_nodes && others.is_empty() {
                d.severity = Severity::Info;
            }
            out.push(d);
        } else if block.linknumber.is_none() {
            let mut d = Diagnostic::new(&INTERFACE_WITHOUT_LINK, block.open, "interface block without linknumber configures link 0")
                .with_label("link 0 by default")
                .with_help("corosync defaults linknumber to 0 and merges the block with any other link-0 block; write `linknumber: 0` explicitly");
            d.severity = Severity::Info;
            out.push(d);
        }
    }
}

/// ## What it does
/// Reports two `interface` blocks for the same link.
/// ## Why it matters
/// corosync merges them key by key, the later block winning, so the link gets a mix of both
/// blocks' settings. This usually means a `linknumber` was forgotten or copied.
/// ## Example
/// Two `interface` blocks without `linknumber`, meant for links 0 and 1.
/// ## Fix
/// Give each block its own `linknumber`, or merge them.
pub const DUPLICATE_INTERFACE: Rule = Rule {
    name: "duplicate-interface",
    code: "N316",
    category: Category::Nodelist,
    severity: Severity::Warning,
    summary: "two interface blocks configure the same link",
    check: check_duplicate_interface,
};

fn check_duplicate_interface(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
    let mut first: BTreeMap<u32, &InterfaceBlock> = BTreeMap::new();
    for block in net.interface_blocks.iter().filter(|b| b.stores_link_keys) {
        if let Some(f) = first.get(&block.link) {
            let ringnumber = [block, *f]
                .iter()
                .any(|b| b.keys.iter().any(|(k, _)| k == b"ringnumber"));
            let mut help = "corosync merges both blocks into one link, later keys winning; give each block its own linknumber or merge them".to_string();
            if ringnumber {
                help.push_str(" (`ringnumber` is the corosync 2 name: corosync 3 ignores it, so both blocks configure link 0)");
            }
            out.push(
                Diagnostic::new(
                    &DUPLICATE_INTERFACE,
                    block.open,
                    format!("second interface block for link {}", block.link),
                )
                .with_label(format!("link {} again", block.link))
                .with_secondary(f.open, "first block for this link")
                .with_help(help),
            );
        } else {
            first.insert(block.link, block);
        }
    }
}

/// ## What it does
/// Reports more than one configured link with transport `udp` or `udpu`.
/// ## Why it matters
/// Only knet supports several links (redundant rings were dropped in corosync 3). corosync refuses
/// to start: `N is too many configured interfaces for non-Knet transport.`
/// ## Example
/// `transport: udpu` with nodes that have `ring0_addr` and `ring1_addr`.
/// ## Fix
/// Use transport knet for redundant links, or remove the extra links.
pub const TOO_MANY_LINKS: Rule = Rule {
    name: "too-many-links",
    code: "N317",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "udp/udpu with more than one link",
    check: check_too_many_links,
};

fn check_too_many_links(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
    if !net.transport.is_udp_family() {
        return;
    }
    let configured = net.configured_links();
    if configured.len() < 2 {
        return;
    }
    let n = configured.len();
    for link in configured.iter().skip(1) {
        let Some(span) = link_anchor(net, *link) else {
            continue;
        };
        let mut d = Diagnostic::new(
            &TOO_MANY_LINKS,
            span,
            format!("link {link} is configured, but transport {} supports one link", net.transport.as_str()),
        )
        .with_label(format!("link {link}"))
        .with_help(format!(
            "corosync refuses to start: `{n} is too many configured interfaces for non-Knet transport.`; use transport knet or remove the link"
        ));
        if let Some(t) = net.transport_span {
            d = d.with_secondary(t, "transport set here");
        }
        out.push(d);
    }
}
