use std::net::IpAddr;

use crate::addr::AddrKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::NodeAddr;
use crate::rules::fast_hash::FastMap;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports the same address used by two nodes, comparing addresses as corosync resolves them:
/// `10.0.0.010` equals `10.0.0.8`, `fd00::1` equals `fd00:0::1`; hostnames compare case-insensitively.
/// ## Why it matters
/// corosync accepts it (`-t` passes), but two nodes cannot share an address: knet sends both nodes'
/// traffic to one host, and local-node detection picks whichever comes first.
/// ## Example
/// Node 1 `ring0_addr: 10.0.0.1` and node 2 `ring0_addr: 10.0.0.1` (a copy-paste mistake).
/// ## Fix
/// Give every node its own address on every link.
pub const DUPLICATE_ADDRESS: Rule = Rule {
    name: "duplicate-address",
    code: "N308",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "two nodes share an address",
    check: check_duplicate_address,
    fix: crate::fix::FixAvailability::None,
};

fn check_duplicate_address(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    // The first node's label is only formatted when a duplicate is found.
    let count = net.nodes.iter().map(|n| n.addrs.len()).sum();
    let mut seen: FastMap<AddrKey, (u32, &NodeAddr, &crate::nodes::Node)> =
        FastMap::with_capacity_and_hasher(count, Default::default());
    for node in &net.nodes {
        for a in &node.addrs {
            let key = addr_key(a);
            match seen.get(&key) {
                Some((index, first, first_node)) if *index != node.index => {
                    let label = first_node.label();
                    let same_text = first.value == a.value;
                    let message = if same_text {
                        format!("{} `{}` of {} is already used by {label}", a.key, a.shown(), node.label())
                    } else {
                        format!(
                            "{} `{}` of {} is the same address as `{}` of {label}",
                            a.key,
                            a.shown(),
                            node.label(),
                            first.shown()
                        )
                    };
                    out.push(
                        Diagnostic::new(&DUPLICATE_ADDRESS, a.span, message)
                            .with_label("duplicate address")
                            .with_secondary(first.span, "first used here")
                            .with_help("corosync accepts it, but two nodes cannot share an address; give every node its own address"),
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(key, (node.index, a, node));
                }
            }
        }
    }
}

/// What corosync would compare: a literal address, or a hostname (case-insensitive).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum AddrKey {
    Ip(IpAddr),
    Host(Vec<u8>),
}

fn addr_key(a: &NodeAddr) -> AddrKey {
    match a.kind {
        AddrKind::Literal(ip) => AddrKey::Ip(ip),
        AddrKind::Hostname => AddrKey::Host(a.value.to_ascii_lowercase()),
    }
}
