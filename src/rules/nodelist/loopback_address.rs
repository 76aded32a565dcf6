use crate::addr;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

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
    fix: crate::fix::FixAvailability::None,
};

fn check_loopback(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
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
                    Diagnostic::new(
                        &LOOPBACK_ADDRESS,
                        a.span,
                        format!("{} `{}` of {} is a loopback address", a.key, a.shown(), node.label()),
                    )
                    .with_label("loopback")
                    .with_help(
                        "other nodes cannot reach a loopback address; use the node's address on the cluster network",
                    ),
                );
            }
        }
    }
}
