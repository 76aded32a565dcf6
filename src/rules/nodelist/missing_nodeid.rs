use std::net::IpAddr;

use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::Transport;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a node with addresses but no `nodeid`: always with knet, and with udp/udpu when its
/// ring0_addr is an IPv6 literal (ids are only generated from IPv4 addresses).
/// ## Why it matters
/// corosync refuses to start: `Knet requires an explicit nodeid to be specified for address '<addr>'.`
/// or `An IPV6 network requires that a node ID be specified for address '<addr>'.`
/// ## Example
/// ```text
/// node {
///     ring0_addr: 10.0.0.2
///     name: node2
/// }
/// ```
/// ## Fix
/// Add `nodeid: N` with a unique N from 1 to 65535.
pub const MISSING_NODEID: Rule = Rule {
    name: "missing-nodeid",
    code: "N303",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "a node has no nodeid (knet, or IPv6 with udp/udpu)",
    check: check_missing_nodeid,
    fix: crate::fix::FixAvailability::None,
};

fn check_missing_nodeid(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    for node in &net.nodes {
        if node.nodeid.is_some() {
            continue;
        }
        let key = format!("\"nodelist.node.{}.nodeid\"", node.index);
        if ctx.cmap.errors.iter().any(|e| e.message.contains(&key)) {
            continue;
        }
        let Some(first) = node.addrs.first() else {
            continue;
        };
        let message = match net.transport {
            Transport::Knet => {
                format!("Knet requires an explicit nodeid to be specified for address '{}'.", first.shown())
            }
            Transport::Udp | Transport::Udpu => match node.addr(0).and_then(|a| a.ip()) {
                Some(IpAddr::V6(_)) => {
                    format!("An IPV6 network requires that a node ID be specified for address '{}'.", first.shown())
                }
                _ => continue,
            },
            Transport::Invalid => continue,
        };
        let local = if net.transport == Transport::Knet {
            " (on this node's own host: `Knet requires an explicit nodeid for the local node`)"
        } else {
            ""
        };
        out.push(
            Diagnostic::new(&MISSING_NODEID, first.span, format!("{} has no nodeid", node.label()))
                .with_label("node without nodeid")
                .with_help(format!(
                    "corosync refuses to start: `{message}`{local}; add a unique `nodeid:` (1 to 65535) to the node"
                )),
        );
    }
}
