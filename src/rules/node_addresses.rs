//! Node addresses (`ringN_addr`): presence, uniqueness, family and form.

use std::collections::BTreeSet;
use std::net::IpAddr;

use super::fast_hash::FastMap;
use super::{Category, Context, Rule};
use crate::addr::{self, AddrKind, IpVersion};
use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::{Network, NodeAddr};
use crate::source::Span;

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
};

fn check_node_without_address(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
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
            let label = node.map_or_else(
                || format!("node #{}", block.index.saturating_add(1)),
                |n| n.label(),
            );
            Diagnostic::new(
                &NODE_WITHOUT_ADDRESS,
                block.open,
                format!("{label} has no ringN_addr"),
            )
            .with_label("no address")
            .with_help(
                "corosync accepts it but the node can never be a member; add `ring0_addr: ADDRESS`",
            )
        };
        out.push(d);
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
};

fn check_duplicate_address(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
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
                        format!(
                            "{} `{}` of {} is already used by {label}",
                            a.key,
                            a.shown(),
                            node.label()
                        )
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

/// ## What it does
/// Reports an IPv4 address with a part that has a leading zero, in node addresses and in
/// `bindnetaddr`/`mcastaddr`.
/// ## Why it matters
/// corosync resolves addresses with glibc, which reads such a part as octal: `10.40.0.013` is
/// 10.40.0.11 and `010.0.0.1` is 8.0.0.1. A part like `08` or `09` is not octal at all, so the
/// value is looked up as a hostname and corosync fails with `failed to parse node address`.
/// ## Example
/// `ring0_addr: 192.168.001.010`
/// ## Fix
/// Write every part in plain decimal without leading zeros.
pub const OCTAL_ADDRESS: Rule = Rule {
    name: "octal-address",
    code: "N309",
    category: Category::Nodelist,
    severity: Severity::Warning,
    summary: "an IPv4 part with a leading zero is read as octal",
    check: check_octal,
};

fn check_octal(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
    let mut values: Vec<(String, Vec<u8>, Span)> = Vec::new();
    for node in &net.nodes {
        // Only the (rare) values with a leading zero are copied.
        values.extend(
            node.addrs
                .iter()
                .filter(|a| addr::has_leading_zero_part(&a.value))
                .map(|a| (a.key.clone(), a.value.clone(), a.span)),
        );
    }
    for link in net.links.values() {
        for key in ["bindnetaddr", "mcastaddr"] {
            if let Some(s) = link.get(key) {
                values.push((key.to_string(), s.value.to_bytes(), s.span));
            }
        }
    }
    for (key, value, span) in values {
        if !addr::has_leading_zero_part(&value) {
            continue;
        }
        let shown = crate::source::display_bytes(&value);
        let meant = addr::decimal_reading(&value).map(|a| a.to_string());
        let d = match addr::parse_ipv4_aton(&shown) {
            Some(real) => {
                let mut help =
                    format!("glibc reads parts with a leading 0 as octal, so corosync uses {real}");
                if let Some(m) = meant.filter(|m| *m != real.to_string()) {
                    help.push_str(&format!(
                        "; if you meant {m}, write it without leading zeros"
                    ));
                } else {
                    help.push_str("; write it without leading zeros");
                }
                Diagnostic::new(
                    &OCTAL_ADDRESS,
                    span,
                    format!("{key} `{shown}` has a leading zero; corosync reads it as {real}"),
                )
                .with_label(format!("means {real}"))
                .with_help(help)
            }
            None => {
                let mut d = Diagnostic::new(
                    &OCTAL_ADDRESS,
                    span,
                    format!("{key} `{shown}` is not a valid address: a part with a leading zero is octal and 8 or 9 are not octal digits"),
                )
                .with_label("not an address")
                .with_help(format!(
                    "glibc treats the value as a hostname, which does not resolve, so corosync refuses to start (`failed to parse node address '{shown}'`); write {}",
                    meant.unwrap_or_else(|| "the address without leading zeros".into())
                ));
                d.severity = Severity::Error;
                d
            }
        };
        out.push(d);
    }
}

/// ## What it does
/// Reports, per link, node addresses of different IP families (IPv4 and IPv6), and addresses whose
/// family `totem.ip_version` excludes (IPv6 with `ipv4`, IPv4 with `ipv6`).
/// ## Why it matters
/// corosync refuses to start: `Nodes for link N have different IP families (compared A with B)`,
/// or `failed to parse node address 'A'` when the family is excluded.
/// ## Example
/// Node 1 `ring0_addr: 10.0.0.1`, node 2 `ring0_addr: fd00::2`.
/// ## Fix
/// Use one family per link (separate links may use different families).
pub const MIXED_IP_FAMILIES: Rule = Rule {
    name: "mixed-ip-families",
    code: "N310",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "a link mixes IPv4 and IPv6 addresses",
    check: check_families,
};

fn check_families(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
    let version_span = ctx.cmap.get("totem.ip_version").map(|e| e.span());
    for link in net.address_links() {
        let mut first: Option<(&NodeAddr, IpAddr)> = None;
        for (_, a) in net.members(link) {
            let Some(ip) = a.ip() else { continue };
            if !net.ip_version.accepts(ip) {
                let mut d = Diagnostic::new(
                    &MIXED_IP_FAMILIES,
                    a.span,
                    format!("{} `{}` is {} but ip_version is {}", a.key, a.shown(), addr::family_name(ip), net.ip_version.as_str()),
                )
                .with_label(format!("{} address", addr::family_name(ip)))
                .with_help(format!(
                    "corosync refuses to start: `failed to parse node address '{}'`; use a {} address or change ip_version",
                    a.shown(),
                    if net.ip_version == IpVersion::V4 { "IPv4" } else { "IPv6" }
                ));
                if let Some(s) = version_span {
                    d = d.with_secondary(s, "ip_version set here");
                }
                out.push(d);
                continue;
            }
            match first {
                None => first = Some((a, ip)),
                Some((f, fip)) if fip.is_ipv4() != ip.is_ipv4() => out.push(
                    Diagnostic::new(
                        &MIXED_IP_FAMILIES,
                        a.span,
                        format!(
                            "link {link} mixes {} `{}` with {} `{}`",
                            addr::family_name(ip),
                            a.shown(),
                            addr::family_name(fip),
                            f.shown()
                        ),
                    )
                    .with_label(format!("{} on an {} link", addr::family_name(ip), addr::family_name(fip)))
                    .with_secondary(f.span, format!("first address on link {link}"))
                    .with_help(format!(
                        "corosync refuses to start: `Nodes for link {link} have different IP families (compared {ip} with {fip})`; use one family per link"
                    )),
                ),
                Some(_) => {}
            }
        }
    }
}

/// ## What it does
/// Reports node addresses that are hostnames rather than IP literals.
/// ## Why it matters
/// corosync resolves them with `getaddrinfo` at startup (and on reload), so the cluster depends on
/// DNS or `/etc/hosts` being right on every node. The family is picked by `ip_version` (default
/// `ipv6-4`: an AAAA record wins over an A record), and a name that resolves to 127.0.1.1 (Debian's
/// default hosts entry) binds to loopback.
/// ## Example
/// `ring0_addr: node1`
/// ## Fix
/// Prefer IP literals; otherwise make sure every node resolves every name to the cluster address.
pub const HOSTNAME_ADDRESS: Rule = Rule {
    name: "hostname-address",
    code: "N311",
    category: Category::Nodelist,
    severity: Severity::Info,
    summary: "a node address is a hostname (DNS-dependent)",
    check: check_hostnames,
};

fn check_hostnames(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
    for node in &net.nodes {
        for a in node.addrs.iter().filter(|a| a.kind == AddrKind::Hostname) {
            if addr::has_leading_zero_part(&a.value) {
                continue; // octal-address explains it
            }
            out.push(
                Diagnostic::new(&HOSTNAME_ADDRESS, a.span, format!("{} `{}` is a hostname, resolved through DNS at startup", a.key, a.shown()))
                    .with_label("hostname")
                    .with_help(format!(
                        "corosync resolves it with getaddrinfo (ip_version {}); if DNS or /etc/hosts differ between nodes the cluster breaks; prefer an IP address",
                        net.ip_version.as_str()
                    )),
            );
        }
    }
}

/// ## What it does
/// Reports loopback addresses (`127.0.0.0/8`, `::1`, `localhost`) as node addresses in a nodelist
/// of more than one node.
/// ## Why it matters
/// Other nodes cannot reach a loopback address; the node binds to loopback and never joins. This
/// is a common result of a hostname that `/etc/hosts` maps to 127.0.1.1.
/// ## Example
/// `ring0_addr: 127.0.0.1` next to `ring0_addr: 10.0.0.2`.
/// ## Fix
/// Use the node's address on the cluster network.
pub const LOOPBACK_ADDRESS: Rule = Rule {
    name: "loopback-address",
    code: "N312",
    category: Category::Nodelist,
    severity: Severity::Warning,
    summary: "a node address is loopback in a multi-node cluster",
    check: check_loopback,
};

fn check_loopback(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
    if net.nodes.len() < 2 {
        return;
    }
    for node in &net.nodes {
        for a in &node.addrs {
            let loopback = a.ip().is_some_and(addr::is_loopback)
                || a.value.eq_ignore_ascii_case(b"localhost")
                || a.value.get(..10).is_some_and(|head| head.eq_ignore_ascii_case(b"localhost."));
            if loopback {
                out.push(
                    Diagnostic::new(&LOOPBACK_ADDRESS, a.span, format!("{} `{}` of {} is a loopback address", a.key, a.shown(), node.label()))
                        .with_label("loopback")
                        .with_help("other nodes cannot reach a loopback address; use the node's address on the cluster network"),
                );
            }
        }
    }
}
